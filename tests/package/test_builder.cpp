// The instance builder (model/builder.hpp): what it builds evaluates as the same instance
// read from a file, and its errors name the builder call to fix.
#include <catch2/catch.hpp>

#include <cmath>

#include "model/builder.hpp"
#include "model/errors.hpp"
#include "model/evaluate.hpp"
#include "model/instance_io.hpp"

using namespace cnnplace;

namespace {

const std::string kSamples = CNNPLACE_SOURCE_DIR "/instances/samples";

// instances/samples/figure1.json, in code.
InstanceBuilder figure1() {
  InstanceBuilder b("figure1");
  b.technology("wifi4").layer_limit(1).node("sf", Point{10, 10}).default_sink("sf");
  const std::vector<std::tuple<const char*, const char*, Point>> units{
      {"n01", "stm32h7", {14, 15}}, {"n02", "stm32h7", {3, 16}},    {"n03", "stm32h7", {4, 4}},
      {"n04", "odroid-c2", {16, 4}}, {"n05", "stm32h7", {7, 13}},   {"n06", "stm32h7", {14, 8}},
      {"n07", "stm32h7", {9, 20}},  {"n08", "stm32h7", {19, 17}},   {"n09", "stm32h7", {1, 10}},
      {"n10", "odroid-c2", {11, 4}}, {"n11", "stm32h7", {21, 10}}};
  for (const auto& [name, family, at] : units) b.unit(name, family, at);
  b.zoo_cnn("cnn0", "5layer", "sf");
  return b;
}

std::string error_of(const InstanceBuilder& b) {
  try {
    b.build();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the builder makes the instance the file describes", "[builder]") {
  const Instance built = figure1().build();
  const Instance read = read_instance(kSamples + "/figure1.json");
  REQUIRE(built.unit_count() == read.unit_count());
  REQUIRE(built.network.links().size() == read.network.links().size());
  const Placement p = read_placement(kSamples + "/placements/figure1-paper.json", read);
  CHECK(evaluate(built, p).objective() == Approx(evaluate(read, p).objective()).epsilon(1e-12));
  CHECK(check(built, p).empty());
  // Written out, it is the file's instance (same normal form).
  nlohmann::json a = instance_to_json(built), b = instance_to_json(read);
  a.erase("about"), b.erase("about");
  CHECK(a == b);
}

TEST_CASE("the builder handles explicit links, custom units, inline CNNs and shared layers", "[builder]") {
  InstanceBuilder b("custom");
  b.rate(20e6).node("cam").node("gw").default_sink("gw");
  UnitSpec c;
  c.name = "c";
  c.memory_bytes = 2e6;
  c.speed_mults_per_s = 100e6;
  c.compute_mults = 30e6;
  b.unit(c).unit(UnitSpec{"a", "stm32h7", std::nullopt, std::nullopt, {}, {}, {}, 3});
  b.link("cam", "a").link("a", "c", 72.2e6).link("c", "gw").link("a", "gw", 1e6, true);
  const std::vector<Layer> layers{{"conv", 19.2e3, 3.81e6, 50e3, 1}, {"fc", 100e3, 1e6, 40, 0.5}};
  b.cnn("x", 2352, layers, "cam").cnn("y", 2352, layers, "cam").share_first({"x", "y"}, 1);
  const Instance inst = b.build();
  CHECK(inst.unit_count() == 2);
  CHECK(inst.units[1].layer_limit == 3);
  CHECK(inst.units[0].compute_mults == 30e6);
  CHECK(inst.network.links().size() == 7);
  REQUIRE(inst.shared_groups.size() == 1);
  CHECK(inst.shared_groups[0].members.size() == 2);
}

TEST_CASE("builder errors name the call to fix", "[builder]") {
  CHECK_THAT(error_of(figure1().unit("n01", "stm32h7", {0, 0})), Catch::Contains("\"n01\" is used twice"));
  CHECK_THAT(error_of(figure1().unit("z", "cray-1", {0, 0})), Catch::StartsWith("unit z: family: unknown unit family"));
  CHECK_THAT(error_of(figure1().zoo_cnn("c", "5layer", "nowhere")), Catch::StartsWith("cnn c: source: unknown node"));
  CHECK_THAT(error_of(figure1().zoo_cnn("cnn1", "5layer", "sf").share({{"cnn0", 1}, {"cnn1", 9}})),
             Catch::StartsWith("shared group 1: cnn1 layer 9"));
  // Found by validate() after building, reported in builder terms.
  UnitSpec slow{"slow", "stm32h7", Point{10, 11}, std::nullopt, {}, 0.0, {}, {}};
  CHECK_THAT(error_of(figure1().unit(slow)), Catch::StartsWith("unit slow: speed"));
  CHECK_THAT(error_of(figure1().cnn("bad", 100, {{"a", 1, 1, 1, 0.5}, {"b", 1, 1, 1, 0.9}}, "sf")),
             Catch::StartsWith("cnn bad: layer 1: p") || Catch::StartsWith("cnn bad: layer 2: p"));
  CHECK_THAT(error_of(InstanceBuilder("empty").technology("wifi4")), Catch::Contains("no units"));
  // A negative rate would give Dijkstra a negative weight: refused before the network is built.
  CHECK_THAT(error_of(figure1().link("sf", "n01", -1e6)), Catch::StartsWith("link sf -> n01: rate: the data rate is -1e+06"));
  // Read as "disconnected" before: a NaN position is within no range, and a negative range links nothing.
  CHECK_THAT(error_of(figure1().unit("z", "stm32h7", {std::nan(""), 1})),
             Catch::StartsWith("unit z: position: the position (nan, 1) is not finite"));
  CHECK_THAT(error_of(figure1().range(-1)), Catch::StartsWith("range: the range is -1 m"));
  CHECK_THAT(error_of(figure1().range(std::nan(""))), Catch::StartsWith("range: the range is nan m"));
  // share_first(-1) shared nothing, silently.
  CHECK_THAT(error_of(figure1().zoo_cnn("cnn1", "5layer", "sf").share_first({"cnn0", "cnn1"}, -1)),
             Catch::StartsWith("shared group 1: cnn0 layer -1: cnn0 has 5 layers"));
}
