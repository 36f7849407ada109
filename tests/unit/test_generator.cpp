// The Section 6 generator: deterministic across runs and platforms (pinned content hashes),
// connected, with the requested shape.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <map>

#include "model/errors.hpp"
#include "model/generator.hpp"
#include "model/instance_io.hpp"
#include "model/json_text.hpp"
#include "model/prng.hpp"

using namespace cnnplace;

namespace {

std::uint64_t fnv1a(const std::string& bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

std::string written(const GeneratorOptions& o) {
  return json_text::dump(instance_to_json(generate(o), WriteHints{o.range_m.value_or(7.5)}));
}

GeneratorOptions table4(std::uint64_t seed) {
  GeneratorOptions o;
  o.units = 30;
  o.cnns = 2;
  o.shared_first = 2;
  o.layer_limit = 1;
  o.seed = seed;
  return o;
}

}  // namespace

TEST_CASE("the PRNG is xoshiro256** seeded by SplitMix64: pinned outputs", "[generator]") {
  Prng rng(0);
  // Reference values of xoshiro256** after SplitMix64(0) seeding; any change here changes
  // every generated instance.
  const std::uint64_t first = rng.next();
  const std::uint64_t second = rng.next();
  CHECK(first == 0x99ec5f36cb75f2b4ULL);
  CHECK(second == 0xbf6e1f784956452aULL);
  Prng u(42);
  for (int k = 0; k < 1000; ++k) {
    const double x = u.uniform();
    REQUIRE(x >= 0.0);
    REQUIRE(x < 1.0);
  }
}

TEST_CASE("a fixed seed gives a fixed file: pinned FNV-1a content hashes", "[generator]") {
  // If these change, every published generated instance changes: only on purpose.
  CHECK(fnv1a(written(table4(7))) == 0xaa923bb5d19f5956ULL);
  GeneratorOptions alex;
  alex.cnn_kinds = {"alexnet"};
  alex.technology = "halow";
  alex.mix = {{"stm32h7", 0.1}, {"rpi3b+", 0.9}};
  alex.seed = 2024;
  CHECK(fnv1a(written(alex)) == 0x0a46c4607a6bcb69ULL);
  CHECK(written(table4(7)) == written(table4(7)));
  CHECK(written(table4(7)) != written(table4(8)));
}

TEST_CASE("generated systems are connected, valid and have the requested shape", "[generator]") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    GeneratorOptions o = table4(seed);
    o.cnn_kinds = {"5layer", "gc6"};
    o.shared_first = 1;
    const Instance inst = generate(o);  // validate() inside checks connectivity
    CHECK(inst.units.size() == 30);
    REQUIRE(inst.cnns.size() == 2);
    CHECK(inst.cnns[0].kind == "5layer");
    CHECK(inst.cnns[1].kind == "gc6");
    CHECK(inst.shared_groups.size() == 1);
    CHECK(inst.cnns[0].source != inst.cnns[1].source);
    for (const Unit& u : inst.units) {
      CHECK(u.layer_limit == 1);
      const Point p = *inst.network.node(u.node).position;
      CHECK((p.x >= 0 && p.x <= 30 && p.y >= 0 && p.y <= 30));
    }
    // What is written reads back to the same system.
    const Instance again = instance_from_json(instance_to_json(inst), "gen");
    CHECK(json_text::dump(instance_to_json(again)) == json_text::dump(instance_to_json(inst)));
  }
}

TEST_CASE("the family mix is drawn with its probabilities", "[generator]") {
  // 400 units in the 30 m square: dense enough to connect at once. (At the paper's density,
  // --scale-density, large systems are almost never connected: the mean degree stays ~6.)
  GeneratorOptions o;
  o.units = 400;
  o.mix = {{"stm32h7", 0.9}, {"rpi3b+", 0.1}};
  o.seed = 3;
  const Instance inst = generate(o);
  std::map<std::string, int> count;
  for (const Unit& u : inst.units) ++count[u.family];
  CHECK(count["stm32h7"] + count["rpi3b+"] == 400);
  CHECK(count["stm32h7"] / 400.0 == Approx(0.9).margin(0.05));  // 3 standard deviations
  o.scale_density = true;
  CHECK(generator_side(o) == Approx(30 * std::sqrt(400 / 30.0)));
}

TEST_CASE("generator options are checked and an impossible draw fails clearly", "[generator]") {
  GeneratorOptions o;
  o.units = 0;
  CHECK_THROWS_WITH(generate(o), Catch::StartsWith("--units"));
  o = GeneratorOptions{};
  o.mix = {{"stm32h9", 1}};
  CHECK_THROWS_WITH(generate(o), Catch::Contains("unknown unit family"));
  o = GeneratorOptions{};
  o.cnn_kinds = {"resnet"};
  CHECK_THROWS_WITH(generate(o), Catch::StartsWith("--cnn"));
  o = GeneratorOptions{};
  o.shared_first = 2;
  CHECK_THROWS_WITH(generate(o), Catch::Contains("at least two CNNs"));
  o = GeneratorOptions{};
  o.cnns = 2;
  o.cnn_kinds = {"5layer", "alexnet"};
  o.shared_first = 1;
  CHECK_THROWS_WITH(generate(o), Catch::StartsWith("--shared"));
  o = GeneratorOptions{};
  o.units = 3;
  o.side_m = 1000;
  o.max_attempts = 50;
  CHECK_THROWS_WITH(generate(o), Catch::Contains("no connected system in 50 draws") && Catch::Contains("add units"));
}

TEST_CASE("at the paper's density large systems connect by resampling the stray nodes", "[generator]") {
  // N = 1000 in a 173 m square: redrawing whole systems almost never connects (mean degree
  // ~6); resampling the nodes outside the largest component does, deterministically.
  GeneratorOptions o;
  o.units = 1000;
  o.cnns = 20;
  o.cnn_kinds = {"alexnet", "5layer"};
  o.scale_density = true;
  o.connect = Connect::resample;
  o.seed = 5;
  GenerationReport report;
  const Instance inst = generate(o, &report);  // validate() inside checks connectivity
  CHECK(inst.units.size() == 1000);
  REQUIRE(inst.cnns.size() == 20);
  CHECK(inst.cnns[0].kind == "alexnet");
  CHECK(inst.cnns[1].kind == "5layer");
  CHECK(report.draws >= 1);
  CHECK((report.draws == 1) == (report.resampled_nodes == 0));
  const double side = generator_side(o);
  CHECK(side == Approx(30 * std::sqrt(1000 / 30.0)));
  int sources_apart = 0;
  for (std::size_t u = 0; u < inst.cnns.size(); ++u) {
    const Point p = *inst.network.node(inst.cnns[u].source).position;
    CHECK((p.x >= 0 && p.x <= side && p.y >= 0 && p.y <= side));
    sources_apart += u == 0 || inst.cnns[u].source != inst.cnns[u - 1].source;
  }
  CHECK(sources_apart == 20);
  for (const Unit& u : inst.units) {
    const Point p = *inst.network.node(u.node).position;
    CHECK((p.x >= 0 && p.x <= side && p.y >= 0 && p.y <= side));
  }
  // Same options, same system, byte for byte.
  const auto again = generate(o);
  CHECK(json_text::dump(instance_to_json(again)) == json_text::dump(instance_to_json(inst)));
  // The whole-redraw policy is the paper's: it fails here, and its advice names resample.
  o.connect = Connect::redraw;
  o.max_attempts = 20;
  CHECK_THROWS_WITH(generate(o), Catch::Contains("--connect resample"));
}

TEST_CASE("the generator refuses systems whose file the reader would refuse (more than 10000 nodes)") {
  GeneratorOptions o;
  o.units = 9990;
  o.cnns = 10;
  try {
    generate(o);
    FAIL("no InputError");
  } catch (const InputError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("9990 units, 10 sources and a sink make 10001 network nodes"));
    CHECK_THAT(e.fix(), Catch::Contains("give at most 9989 units with 10 CNNs"));
  }
}
