#pragma once
// Instance and placement files (docs/instance-format.md, docs/instance.schema.json).
//
//   instance:   {"format": "cnnplace-instance/1", "network": {...}, "units": [...],
//                "cnns": [...], "shared": [...], "L": 1, "sink": "f", ...}
//   placement:  {"format": "cnnplace-placement/1", "placement": {"cnn0": ["n05", ...]}}
//               (a solver result with a top-level "placement" object reads the same way)
//
// Every reader error is an InputError whose where() is "<file>: <JSON pointer>" (for
// example "sys.json: /cnns/0/layers/2/memory"), or "<file>: line L, column C" for JSON that
// does not parse. Instances are validate()d after reading, and its errors point into the
// file too.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "model/instance.hpp"
#include "model/placement.hpp"

namespace cnnplace {

// Reads, builds and validates an instance. `path` "-" reads standard input.
Instance read_instance(const std::string& path);
// The same from parsed JSON; `origin` (a file name, or "") prefixes every error's where().
Instance instance_from_json(const nlohmann::json& doc, const std::string& origin);

// Hints that make the written file read like the one a person would write.
struct WriteHints {
  // The unit-disk range that built the network, when known (the generator's). The writer
  // uses it only if it reproduces the links exactly; otherwise it finds one that does, or
  // lists the links as edges.
  std::optional<double> range_m;
};

// The instance as JSON; read(write(x)) evaluates identically to x, and writing what was read
// gives the same bytes again. Units of a zoo family list only what differs from the family;
// zoo CNNs are written by name; a unit-disk network is written as positions and a range.
nlohmann::json instance_to_json(const Instance& instance, const WriteHints& hints = {});
// Writes instance_to_json() as readable JSON, atomically (temp file + rename); "-" = stdout.
void write_instance(const Instance& instance, const std::string& path, const WriteHints& hints = {});

// A placement names units by name, per CNN by name, layers in order.
Placement placement_from_json(const nlohmann::json& doc, const Instance& instance,
                              const std::string& origin);
Placement read_placement(const std::string& path, const Instance& instance);
nlohmann::json placement_to_json(const Instance& instance, const Placement& placement);

}  // namespace cnnplace
