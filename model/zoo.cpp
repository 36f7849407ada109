#include "model/zoo.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "model/errors.hpp"
#include "model/json_fields.hpp"
#include "model/layer_json.hpp"

namespace cnnplace {
namespace {

template <class Map>
const typename Map::mapped_type& lookup(const Map& map, const std::string& name,
                                        const char* what, const std::string& where) {
  auto it = map.find(name);
  if (it != map.end()) return it->second;
  std::vector<std::string> known;
  for (const auto& [k, v] : map) known.push_back(k);
  throw InputError(where, fmt::format("unknown {} \"{}\"", what, name),
                   fmt::format("use one of: {}", fmt::join(known, ", ")));
}

Zoo parse_zoo() {
  namespace jf = json_fields;
  const auto doc = nlohmann::json::parse(zoo_json_text());
  Zoo z;
  const std::string where = "zoo.json";
  for (const auto& [name, f] : doc.at("families").items()) {
    const std::string w = jf::path(where + ":/families", name);
    z.families[name] = UnitFamily{name, jf::string(f, "about", w, ""),
                                  jf::quantity(f, "memory", QuantityKind::bytes, w),
                                  jf::quantity(f, "speed", QuantityKind::speed, w),
                                  jf::quantity(f, "compute", QuantityKind::multiplications, w, kUnlimited)};
  }
  for (const auto& [name, t] : doc.at("technologies").items()) {
    const std::string w = jf::path(where + ":/technologies", name);
    z.technologies[name] = Technology{name, jf::string(t, "about", w, ""),
                                      jf::quantity(t, "rate", QuantityKind::bit_rate, w),
                                      jf::quantity(t, "range", QuantityKind::length, w)};
  }
  for (const auto& [name, c] : doc.at("cnns").items()) {
    const std::string w = jf::path(where + ":/cnns", name);
    z.cnns[name] = CnnSpec{name, jf::string(c, "about", w, ""),
                           jf::quantity(c, "input", QuantityKind::bytes, w),
                           layers_from_json(jf::require(c, "layers", w), jf::path(w, "layers"))};
  }
  return z;
}

}  // namespace

const UnitFamily& Zoo::family(const std::string& name, const std::string& where) const {
  return lookup(families, name, "unit family", where);
}
const Technology& Zoo::technology(const std::string& name, const std::string& where) const {
  return lookup(technologies, name, "technology", where);
}
const CnnSpec& Zoo::cnn(const std::string& name, const std::string& where) const {
  return lookup(cnns, name, "CNN", where);
}

const Zoo& zoo() {
  static const Zoo z = parse_zoo();
  return z;
}

}  // namespace cnnplace
