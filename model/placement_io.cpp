// Placement files: {"format": "cnnplace-placement/1", "placement": {"cnn0": ["n05", ...]}}.
// A solver result (`cnnplace solve --json`) carries the same "placement" object at its top,
// so it reads the same way; its other fields are ignored. Units are named, so a placement
// stays meaningful when the instance file is edited.
#include <fmt/format.h>

#include <map>

#include "model/errors.hpp"
#include "model/instance_io.hpp"
#include "model/json_fields.hpp"
#include "model/json_text.hpp"

namespace cnnplace {
namespace {

using nlohmann::json;
namespace jf = json_fields;

std::vector<UnitId> chain_from_json(const json& units, const Cnn& cnn, const std::map<std::string, UnitId>& unit_ids,
                                    const std::string& w) {
  jf::require_array(units, w);
  if (units.size() != cnn.layers.size())
    throw InputError(w, fmt::format("{} units for the {} layers of {}", units.size(), cnn.layers.size(), cnn.name),
                     "give one unit name per layer, in layer order");
  std::vector<UnitId> chain;
  for (std::size_t j = 0; j < units.size(); ++j) {
    const std::string uw = jf::path(w, j);
    if (!units[j].is_string())
      throw InputError(uw, fmt::format("expected a unit name, found {}", units[j].dump()), "write the unit's name in quotes");
    auto it = unit_ids.find(units[j].get<std::string>());
    if (it == unit_ids.end())
      throw InputError(uw, fmt::format("unknown unit \"{}\" for layer {} of {}", units[j].get<std::string>(), j + 1, cnn.name),
                       "name a unit of the instance");
    chain.push_back(it->second);
  }
  return chain;
}

Placement read(const json& doc, const Instance& inst) {
  jf::require_object(doc, "");
  if (jf::has(doc, "format") && doc["format"] == "cnnplace-instance/1")
    throw InputError("/format", "this is an instance file, not a placement",
                     "give a placement file or a solver result (with a \"placement\" object)");
  if (!jf::has(doc, "placement") || doc["placement"].is_null())
    throw InputError("/placement", "the file holds no placement",
                     "give {\"format\": \"cnnplace-placement/1\", \"placement\": {\"<cnn>\": [\"<unit>\", ...]}}");
  const json& per_cnn = doc["placement"];
  jf::require_object(per_cnn, "/placement");
  std::map<std::string, UnitId> unit_ids;
  for (std::size_t i = 0; i < inst.units.size(); ++i) unit_ids.emplace(inst.units[i].name, UnitId(i));
  for (auto it = per_cnn.begin(); it != per_cnn.end(); ++it) {
    bool known = false;
    for (const Cnn& c : inst.cnns) known = known || c.name == it.key();
    if (!known)
      throw InputError(jf::path("/placement", it.key()), fmt::format("the instance has no CNN \"{}\"", it.key()),
                       "place the instance's CNNs only (is it the right instance?)");
  }
  Placement p;
  for (const Cnn& c : inst.cnns) {
    const std::string w = jf::path("/placement", c.name);
    if (!per_cnn.contains(c.name))
      throw InputError(w, fmt::format("CNN {} is not placed", c.name), "give a unit for each of its layers");
    p.unit_of.push_back(chain_from_json(per_cnn[c.name], c, unit_ids, w));
  }
  return p;
}

}  // namespace

Placement placement_from_json(const json& doc, const Instance& inst, const std::string& origin) {
  try {
    return read(doc, inst);
  } catch (const InputError& e) {
    throw InputError(jf::in_file(origin, e.where()), e.problem(), e.fix());
  }
}

Placement read_placement(const std::string& path, const Instance& inst) {
  return placement_from_json(json_text::read_file(path), inst, path == "-" ? "<stdin>" : path);
}

json placement_to_json(const Instance& inst, const Placement& p) {
  json per_cnn = json::object();
  for (std::size_t u = 0; u < inst.cnns.size() && u < p.unit_of.size(); ++u) {
    json chain = json::array();
    for (UnitId i : p.unit_of[u]) chain.push_back(inst.units.at(i.index()).name);
    per_cnn[inst.cnns[u].name] = std::move(chain);
  }
  return {{"format", "cnnplace-placement/1"}, {"instance", inst.name}, {"placement", std::move(per_cnn)}};
}

}  // namespace cnnplace
