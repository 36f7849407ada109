// Every malformed file in instances/invalid/ fails with an InputError whose where() is
// "<file>: <JSON pointer>" (or line and column) naming the field, and a message saying what.
#include <catch2/catch.hpp>

#include <filesystem>

#include "model/errors.hpp"
#include "model/instance_io.hpp"

using namespace cnnplace;

namespace {

struct Case {
  const char* file;
  const char* pointer;  // what follows "<file>: " in where()
  const char* message;  // a part of the problem
};

const Case kCases[] = {
    {"malformed", "line 4, column 26", "not valid JSON"},
    {"number-overflow", "line 1, column 40", "number overflow"},
    {"empty", "", "the file is empty"},
    {"wrong-format", "/format", "unsupported format \"cnnplace-instance/2\""},
    {"wrong-type", "/units/1/memory", "expected a size in bytes, found boolean"},
    {"missing-field", "/cnns", "missing field \"cnns\""},
    {"missing-position", "/units/1", "has no position"},
    {"unknown-field", "/units/1/memmory", "unknown field \"memmory\""},
    {"unknown-zoo", "/cnns/0/zoo", "unknown CNN \"resnet50\""},
    {"unknown-family", "/units/0/family", "unknown unit family \"rpi5\""},
    {"unknown-unit", "/units/1/memory", "unknown unit \"parsecs\""},
    {"unknown-source", "/cnns/0/source", "unknown node \"camera\""},
    {"negative-memory", "/units/1/memory", "the memory is -5"},
    {"zero-speed", "/units/1/speed", "the speed is 0"},
    {"nan-quantity", "/units/1/memory", "not a finite number"},
    {"huge-number", "/cnns/1/layers/1/compute", "beyond the largest accepted value"},
    {"negative-L", "/L", "-1 is out of range"},
    {"empty-cnn", "/cnns/1/layers", "cnn1 has no layers"},
    {"probability-range", "/cnns/1/layers/1/p", "outside [0, 1]"},
    {"probability-increasing", "/cnns/1/layers/2/p", "rises from 0.5 to 0.9"},
    {"shared-missing-layer", "/shared/0/layers/1/1", "there is no layer 7"},
    {"shared-twice", "/shared/0/layers/1", "listed twice"},
    {"shared-two-groups", "/shared/1/layers/0", "in shared group 1 already"},
    {"shared-unknown-cnn", "/shared/0/cnns/1", "unknown CNN \"cnn9\""},
    {"disconnected", "/network", "the network is disconnected"},
    {"duplicate-name", "/units/1", "the name \"u1\" is used twice"},
    {"edge-unknown-node", "/network/edges/2/to", "unknown node \"gateway\""},
};

}  // namespace

TEST_CASE("every invalid instance names its file, field and problem", "[io][invalid]") {
  for (const Case& c : kCases) {
    const std::string file = std::string(CNNPLACE_SOURCE_DIR "/instances/invalid/") + c.file + ".json";
    INFO(file);
    try {
      read_instance(file);
      FAIL("no error for " << file);
    } catch (const InputError& e) {
      CHECK(e.where() == (std::string(c.pointer).empty() ? file : file + ": " + c.pointer));
      CHECK_THAT(e.problem(), Catch::Contains(c.message));
      CHECK_FALSE(e.fix().empty());
    }
  }
}

TEST_CASE("every file in instances/invalid/ has a case", "[io][invalid]") {
  for (const auto& entry : std::filesystem::directory_iterator(CNNPLACE_SOURCE_DIR "/instances/invalid")) {
    const std::string stem = entry.path().stem().string();
    bool listed = false;
    for (const Case& c : kCases) listed = listed || stem == c.file;
    CHECK(listed);
    INFO(stem);
  }
}

TEST_CASE("a missing file is an input error naming it", "[io][invalid]") {
  CHECK_THROWS_AS(read_instance("/nonexistent/sys.json"), InputError);
  CHECK_THROWS_WITH(read_instance("/nonexistent/sys.json"), Catch::Contains("/nonexistent/sys.json") && Catch::Contains("cannot read"));
}

TEST_CASE("semantic errors inside expanded entries point at the entry in the file", "[io][invalid]") {
  // The third unit comes from the count entry /units/1; validate() says /units/2/speed.
  const auto doc = nlohmann::json::parse(R"({"format": "cnnplace-instance/1", "sink": "f",
    "network": {"technology": "wifi4", "nodes": [{"name": "f", "position": [0, 0]}]},
    "units": [{"name": "a", "family": "rpi3b+", "position": [1, 0]},
              {"family": "stm32h7", "count": 2, "speed": 0, "positions": [[2, 0], [3, 0]]}],
    "cnns": [{"zoo": "5layer", "source": "f"}]})");
  CHECK_THROWS_WITH(instance_from_json(doc, "sys.json"), Catch::StartsWith("sys.json: /units/1/speed: the speed is 0"));
  // A link made by an edge: validate() says /network/links/3/rate, the file /network/edges/1/rate.
  const auto edges = nlohmann::json::parse(R"({"format": "cnnplace-instance/1", "sink": "f",
    "network": {"nodes": [{"name": "f"}], "edges": [{"from": "f", "to": "a", "rate": 8}, {"from": "a", "to": "b", "rate": 0}]},
    "units": [{"name": "a", "family": "rpi3b+"}, {"name": "b", "family": "rpi3b+"}],
    "cnns": [{"zoo": "5layer", "source": "f"}]})");
  CHECK_THROWS_WITH(instance_from_json(edges, "sys.json"), Catch::StartsWith("sys.json: /network/edges/1/rate"));
  // A group made by the "first" shortcut whose layers differ.
  const auto shared = nlohmann::json::parse(R"({"format": "cnnplace-instance/1", "sink": "f",
    "network": {"technology": "wifi4", "nodes": [{"name": "f", "position": [0, 0]}]},
    "units": [{"name": "a", "family": "rpi3b+", "position": [1, 0]}],
    "cnns": [{"name": "x", "zoo": "5layer", "source": "f"}, {"name": "y", "zoo": "alexnet", "source": "f"}],
    "shared": [{"cnns": ["x", "y"], "first": 1}]})");
  CHECK_THROWS_WITH(instance_from_json(shared, "sys.json"), Catch::StartsWith("sys.json: /shared/0/cnns/1: shared layers differ"));
}
