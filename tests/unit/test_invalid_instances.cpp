// Every malformed file in instances/invalid/ fails with an InputError whose where() is
// "<file>: <JSON pointer>" (or line and column) naming the field, and a message saying what.
#include <catch2/catch.hpp>

#include <filesystem>

#include "model/errors.hpp"
#include "model/instance_io.hpp"
#include "model/validate.hpp"

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
    {"edge-negative-rate", "/network/edges/1/rate", "the data rate is -1e+06"},
    // Numbers: infinite, non-JSON literals, too small to divide by, zero, negative.
    {"infinite-number", "/units/1/speed", "\"inf M\" is not a finite number"},
    {"infinity-literal", "line 35, column 14", "Infinity is not a JSON number"},
    {"nan-literal", "line 35, column 14", "NaN is not a JSON number"},
    {"tiny-speed", "/units/1/speed", "the speed is 1e-300, below the smallest accepted value 1e-18"},
    {"tiny-rate", "/network/rate", "the data rate is 1e-300; it must be between 1e-18 and 1e+18"},
    {"zero-rate", "/network/rate", "the data rate is 0; it must be between 1e-18 and 1e+18"},
    {"negative-rate", "/network/rate", "the data rate is -7.22e+07"},
    {"negative-range", "/network/range", "the range is -7.5 m"},
    {"negative-output", "/cnns/1/layers/0/output", "the output size is -5000; it must be zero or more"},
    {"probability-negative", "/cnns/1/layers/1/p", "the probability -0.1 is outside [0, 1]"},
    {"first-probability", "/cnns/1/layers/0/p", "the first layer's probability is 0.5"},
    {"L-fraction", "/L", "expected an integer or \"unlimited\", found 1.5"},
    {"unit-L-fraction", "/units/1/L", "expected an integer or \"unlimited\", found 2.5"},
    // Wrong types beyond /units/1/memory.
    {"wrong-type-L", "/L", "expected an integer or \"unlimited\", found \"two\""},
    {"wrong-type-layers", "/cnns/1/layers", "expected an array, found object"},
    {"wrong-type-cnns", "/cnns", "expected an array, found object"},
    {"wrong-type-position", "/units/0/position", "expected [x, y], found \"5, 0\""},
    {"wrong-type-coordinate", "/units/0/position/0", "\"x\" is not a length"},
    {"wrong-type-p", "/cnns/1/layers/1/p", "unknown unit \"%\" in \"50 %\""},
    {"wrong-type-name", "/units/0/name", "expected a string, found number"},
    {"wrong-type-root", "", "expected an object, found array"},
    {"layer-memory-unlimited", "/cnns/1/layers/0/memory", "\"unlimited\" is not a size in bytes"},
    {"position-length", "/units/0/position", "expected [x, y], found [5]"},
    // Missing and unknown fields and names.
    {"missing-sink", "/cnns/0/sink", "missing field \"sink\""},
    {"missing-speed", "/units/1/speed", "missing field \"speed\""},
    {"missing-input", "/cnns/1/input", "missing field \"input\""},
    {"missing-source", "/cnns/1/source", "missing field \"source\""},
    {"unknown-sink", "/sink", "unknown node \"cloud\""},
    {"unknown-technology", "/network/technology", "unknown technology \"5g\""},
    {"unknown-processing-weight", "/processing_weight", "unknown processing weight \"both\""},
    {"unit-on-unknown-node", "/units/1/node", "unknown node \"gateway\""},
    // Duplicates and empties.
    {"duplicate-cnn-name", "/cnns/1/name", "CNN name \"cnn0\" is used twice (also at /cnns/0)"},
    {"duplicate-node-name", "/units/0", "the name \"u1\" is used twice (also at /network/nodes/1)"},
    {"duplicate-key", "/L", "the field \"L\" is given twice"},
    {"empty-name", "/units/0", "the name is empty"},
    {"empty-units", "/units", "the instance has no units"},
    {"empty-cnns", "/cnns", "the instance has no CNNs"},
    // Unit families with a count.
    {"family-count-zero", "/units/2/count", "the count is 0"},
    {"family-count-fraction", "/units/2/count", "the count is 2.5"},
    {"family-count-huge", "/units/2/count", "the count is 1000000000000"},
    {"family-positions-mismatch", "/units/2/positions", "2 positions for 3 units"},
    // Shared groups and links.
    {"shared-one-cnn", "/shared/0", "a shared group needs at least two layers"},
    {"shared-same-cnn", "/shared/0/layers/1", "the group names two layers of cnn1"},
    {"range-with-edges", "/network/range", "the network has both \"range\" and \"edges\""},
    {"edge-self-loop", "/network/edges/1", "the edge links node u1 to itself"},
    // Not JSON text.
    {"trailing-garbage", "line 71, column 1", "unexpected '}'; expected end of input"},
    {"nul-byte", "line 71, column 1", "the text contains a NUL byte"},
    {"utf8-invalid", "line 34, column 14", "ill-formed UTF-8 byte"},
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
    INFO(stem);
    CHECK(listed);
  }
  // The catalogue of issue 7: every kind of bad input it names has at least one file.
  CHECK(std::size(kCases) >= 40);
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

TEST_CASE("validate() checks a network given as its nodes and links, before its tables exist", "[io][invalid]") {
  const Instance built = read_instance(CNNPLACE_SOURCE_DIR "/instances/samples/figure1.json");
  Instance inst = built;
  inst.network = Network();  // no tables: the readers validate before they build them
  CHECK_NOTHROW(validate(inst, built.network.nodes(), built.network.links()));
  // Without the links into the sink's node, no unit reaches it (it is the source's node too).
  const NodeId sink = built.cnns[0].sink;
  std::vector<Link> links;
  for (const Link& l : built.network.links())
    if (l.to != sink) links.push_back(l);
  try {
    validate(inst, built.network.nodes(), links);
    FAIL("no error for a network that cannot reach the sink");
  } catch (const InputError& e) {
    CHECK(e.where() == "/network");
    CHECK_THAT(e.problem(), Catch::EndsWith("unit n01 cannot reach the source of cnn0 (node sf)"));
  }
}
