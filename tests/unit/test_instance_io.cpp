// The instance format: every spelling the reader accepts, and write/read round trips.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/errors.hpp"
#include "model/evaluate.hpp"
#include "model/instance_io.hpp"
#include "model/json_text.hpp"

using namespace cnnplace;
using nlohmann::json;

namespace {

// A one-unit instance whose unit is `unit` (JSON text), on a unit-disk network.
Instance with_unit(const std::string& unit, const std::string& top = "") {
  const std::string text = R"({"format": "cnnplace-instance/1", "sink": "f", )" + top + R"(
    "network": {"technology": "wifi4", "nodes": [{"name": "f", "position": [0, 0]}]},
    "units": [)" + unit + R"(],
    "cnns": [{"name": "c", "source": "f", "input": 1, "layers": [{"memory": 1, "compute": 1, "output": 1}]}]})";
  return instance_from_json(json::parse(text), "t.json");
}

std::vector<std::string> sample_files() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(CNNPLACE_SOURCE_DIR "/instances/samples"))
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

// Every layer on the unit with the most memory: a complete (maybe infeasible) placement.
Placement all_on_biggest(const Instance& inst) {
  std::size_t best = 0;
  for (std::size_t i = 0; i < inst.units.size(); ++i)
    if (inst.units[i].memory_bytes > inst.units[best].memory_bytes) best = i;
  Placement p;
  for (const Cnn& c : inst.cnns) p.unit_of.emplace_back(c.layers.size(), UnitId(best));
  return p;
}

}  // namespace

TEST_CASE("unit spellings: human units are explicit, plain numbers are base units", "[io]") {
  CHECK(with_unit(R"({"name": "u", "memory": "512 KB", "speed": "560 M", "position": [1, 0]})").units[0].memory_bytes == 512000.0);
  CHECK(with_unit(R"({"name": "u", "memory": "512 KiB", "speed": 1, "position": [1, 0]})").units[0].memory_bytes == 524288.0);
  CHECK(with_unit(R"({"name": "u", "memory": "1 GiB", "speed": 1, "position": [1, 0]})").units[0].memory_bytes == 1073741824.0);
  CHECK(with_unit(R"({"name": "u", "memory": 4096, "speed": 1, "position": [1, 0]})").units[0].memory_bytes == 4096.0);
  CHECK(with_unit(R"({"name": "u", "memory": "unlimited", "speed": 1, "position": [1, 0]})").units[0].memory_bytes == kUnlimited);
  const Unit u = with_unit(R"({"name": "u", "memory": 1, "speed": "560 M/s", "compute": "1.2 G", "position": ["100 cm", "0 m"]})").units[0];
  CHECK(u.speed_mults_per_s == 560e6);
  CHECK(u.compute_mults == Approx(1.2e9).epsilon(1e-15));
  CHECK(with_unit(R"({"name": "u", "memory": 1, "speed": "560 M", "position": [1, 0]})").units[0].compute_mults == kUnlimited);
  const Instance rates = instance_from_json(json::parse(R"({"format": "cnnplace-instance/1", "sink": "f",
    "network": {"nodes": [{"name": "f"}], "rate": "72.2 Mbps",
                "edges": [{"from": "f", "to": "a"}, {"from": "a", "to": "b", "rate": "9241.6 KB/s"}, {"from": "b", "to": "f", "rate": 5000}]},
    "units": [{"name": "a", "family": "stm32h7"}, {"name": "b", "family": "stm32h7"}],
    "cnns": [{"source": "f", "zoo": "5layer", "input": "2.35 KB"}]})"), "r.json");
  CHECK(rates.network.links()[0].rate_bps == Approx(72.2e6).epsilon(1e-15));
  CHECK(rates.network.links()[2].rate_bps == Approx(9241.6e3 * 8).epsilon(1e-15));
  CHECK(rates.network.links()[4].rate_bps == 5000.0);
  CHECK(rates.cnns[0].input_bytes == Approx(2350.0).epsilon(1e-15));
  CHECK(rates.cnns[0].name == "cnn0");  // default name
}

TEST_CASE("a family fills memory and speed; explicit fields and L override", "[io]") {
  const Instance inst = with_unit(R"({"name": "u", "family": "rpi3b+", "memory": "256 MiB", "L": 3, "position": [1, 0]})",
                                  R"("L": 1,)");
  const Unit& u = inst.units[0];
  CHECK(u.family == "rpi3b+");
  CHECK(u.memory_bytes == 256.0 * 1048576);
  CHECK(u.speed_mults_per_s == 560e6);
  CHECK(u.layer_limit == 3);
  CHECK(with_unit(R"({"name": "u", "family": "odroid-c2", "position": [1, 0]})", R"("L": 2,)").units[0].layer_limit == 2);
  CHECK(with_unit(R"({"name": "u", "family": "odroid-c2", "position": [1, 0]})").units[0].layer_limit == kUnlimitedLayers);
  CHECK(with_unit(R"({"name": "u", "family": "odroid-c2", "L": "unlimited", "position": [1, 0]})", R"("L": 1,)")
            .units[0].layer_limit == kUnlimitedLayers);
}

TEST_CASE("units as counts of a family, with or without a prefix", "[io]") {
  const Instance inst = with_unit(R"({"family": "rpi3b+", "count": 3, "positions": [[1, 0], [2, 0], [3, 0]]},
                                     {"family": "stm32h7", "count": 2, "prefix": "m", "positions": [[4, 0], [5, 0]]})");
  REQUIRE(inst.units.size() == 5);
  CHECK(inst.units[0].name == "rpi3b+-1");
  CHECK(inst.units[2].name == "rpi3b+-3");
  CHECK(inst.units[3].name == "m1");
  CHECK(inst.units[4].family == "stm32h7");
  CHECK(inst.network.node(inst.units[4].node).position->x == 5.0);
}

TEST_CASE("source and sink on one node, a unit on a named node, per-CNN sinks", "[io]") {
  const Instance inst = instance_from_json(json::parse(R"({"format": "cnnplace-instance/1",
    "network": {"nodes": [{"name": "sf"}, {"name": "hub"}, {"name": "f1"}],
                "rate": "8 Mbps", "edges": [{"from": "sf", "to": "hub"}, {"from": "hub", "to": "f1"}]},
    "units": [{"name": "u", "family": "rpi3b+", "node": "hub"}],
    "cnns": [{"name": "a", "zoo": "5layer", "source": "sf", "sink": "sf"},
             {"name": "b", "zoo": "gc6", "source": "sf", "sink": "f1"}]})"), "n.json");
  CHECK(inst.cnns[0].source == inst.cnns[0].sink);
  CHECK(inst.units[0].node == *inst.network.find("hub"));
  CHECK(inst.cnns[1].sink == *inst.network.find("f1"));
  CHECK(inst.cnns[1].kind == "gc6");
  CHECK(inst.cnns[1].layers[2].probability == 0.01);
}

TEST_CASE("directed edges make asymmetric links", "[io]") {
  const Instance inst = instance_from_json(json::parse(R"({"format": "cnnplace-instance/1", "sink": "f",
    "network": {"nodes": [{"name": "f"}],
                "edges": [{"from": "f", "to": "a", "rate": "8 Mbps", "directed": true},
                          {"from": "a", "to": "f", "rate": "0.8 Mbps", "directed": true}]},
    "units": [{"name": "a", "family": "rpi3b+"}],
    "cnns": [{"source": "f", "zoo": "5layer"}]})"), "d.json");
  const NodeId f = *inst.network.find("f"), a = *inst.network.find("a");
  CHECK(inst.network.seconds_per_byte(f, a) == Approx(1e-6).epsilon(1e-12));
  CHECK(inst.network.seconds_per_byte(a, f) == Approx(1e-5).epsilon(1e-12));
}

TEST_CASE("shared groups: numbers, names and the first-k shortcut", "[io]") {
  const std::string head = R"({"format": "cnnplace-instance/1", "sink": "f",
    "network": {"technology": "wifi4", "nodes": [{"name": "f", "position": [0, 0]}]},
    "units": [{"name": "u", "family": "odroid-c2", "position": [1, 0]}],
    "cnns": [{"name": "a", "zoo": "5layer", "source": "f"}, {"name": "b", "zoo": "5layer", "source": "f"},
             {"name": "c", "zoo": "5layer", "source": "f"}], )";
  Instance inst = instance_from_json(json::parse(head + R"("shared": [{"cnns": ["a", "b", "c"], "first": 2}]})"), "s.json");
  REQUIRE(inst.shared_groups.size() == 2);
  CHECK(inst.shared_groups[1].members == std::vector<LayerRef>{{CnnId(0), 1}, {CnnId(1), 1}, {CnnId(2), 1}});
  inst = instance_from_json(json::parse(head + R"("shared": [{"layers": [["a", 1], ["c", "conv1+pool1"]]}]})"), "s.json");
  REQUIRE(inst.shared_groups.size() == 1);
  CHECK(inst.shared_groups[0].members == std::vector<LayerRef>{{CnnId(0), 0}, {CnnId(2), 0}});
}

TEST_CASE("every bundled sample reads, and writing it reads back to the same objective", "[io][roundtrip]") {
  for (const std::string& file : sample_files()) {
    INFO(file);
    const Instance inst = read_instance(file);
    const std::string written = json_text::dump(instance_to_json(inst));
    const Instance again = instance_from_json(json_text::parse(written, "written"), "written");
    // Writing what was read is a fixed point, byte for byte.
    CHECK(json_text::dump(instance_to_json(again)) == written);
    CHECK(again.units.size() == inst.units.size());
    CHECK(again.layer_count() == inst.layer_count());
    CHECK(again.shared_groups.size() == inst.shared_groups.size());
    CHECK(again.processing_weight == inst.processing_weight);
    const Placement p = all_on_biggest(inst);
    CHECK(evaluate(again, p).objective() == evaluate(inst, p).objective());
    CHECK(check(again, p).size() == check(inst, p).size());
    for (int a = 0; a < inst.network.node_count(); ++a)
      for (int b = 0; b < inst.network.node_count(); ++b) {
        const NodeId na = *again.network.find(inst.network.nodes()[a].name);
        const NodeId nb = *again.network.find(inst.network.nodes()[b].name);
        REQUIRE(again.network.seconds_per_byte(na, nb) == inst.network.seconds_per_byte(NodeId(a), NodeId(b)));
      }
  }
}

TEST_CASE("write_instance writes a file that read_instance reads", "[io][roundtrip]") {
  const Instance inst = read_instance(CNNPLACE_SOURCE_DIR "/instances/samples/edges-asymmetric.json");
  const std::string path = (std::filesystem::temp_directory_path() / "cnnplace-roundtrip-test.json").string();
  write_instance(inst, path);
  const Instance again = read_instance(path);
  std::filesystem::remove(path);
  const Placement p = all_on_biggest(inst);
  CHECK(evaluate(again, p).objective() == evaluate(inst, p).objective());
  CHECK_FALSE(again.network.uniform_rate());
}

TEST_CASE("placements: by name, from a solver result too, with errors that name the field", "[io][placement]") {
  const Instance inst = read_instance(CNNPLACE_SOURCE_DIR "/instances/samples/figure1.json");
  const Placement p = read_placement(CNNPLACE_SOURCE_DIR "/instances/samples/placements/figure1-paper.json", inst);
  CHECK(inst.units[p.at(CnnId(0), 0).index()].name == "n05");
  CHECK(check(inst, p).empty());
  // Round trip, and a solver-result-shaped document with other fields.
  json result = placement_to_json(inst, p);
  CHECK(placement_from_json(result, inst, "x") == p);
  result["status"] = "optimal";
  result["objective"] = 0.1;
  result["format"] = "cnnplace-result/1";
  CHECK(placement_from_json(result, inst, "x") == p);

  auto where_of = [&](const json& doc) {
    try {
      placement_from_json(doc, inst, "p.json");
    } catch (const InputError& e) {
      return e.where() + " | " + e.problem();
    }
    return std::string("no error");
  };
  CHECK_THAT(where_of({{"placement", {{"cnn0", {"n05", "n10", "n04", "n01", "mars"}}}}}),
             Catch::StartsWith("p.json: /placement/cnn0/4 | unknown unit \"mars\""));
  CHECK_THAT(where_of({{"placement", {{"cnn0", {"n05"}}}}}), Catch::StartsWith("p.json: /placement/cnn0 | 1 units for the 5 layers"));
  CHECK_THAT(where_of({{"placement", json::object()}}), Catch::StartsWith("p.json: /placement/cnn0 | CNN cnn0 is not placed"));
  CHECK_THAT(where_of({{"placement", {{"cnn9", json::array()}}}}), Catch::StartsWith("p.json: /placement/cnn9"));
  CHECK_THAT(where_of({{"status", "infeasible"}, {"placement", nullptr}}), Catch::Contains("holds no placement"));
  CHECK_THAT(where_of({{"format", "cnnplace-instance/1"}}), Catch::Contains("instance file, not a placement"));
  // A problem with the whole document names the file alone (it said "p.json: : expected ...").
  CHECK(where_of(json::array()) == "p.json | expected an object, found array");
}
