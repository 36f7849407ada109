#include "model/layer_json.hpp"

#include "model/json_fields.hpp"

namespace cnnplace {

std::vector<Layer> layers_from_json(const nlohmann::json& layers, const std::string& where) {
  namespace jf = json_fields;
  jf::require_array(layers, where);
  std::vector<Layer> out;
  for (std::size_t j = 0; j < layers.size(); ++j) {
    const std::string w = jf::path(where, j);
    const auto& l = layers[j];
    jf::require_object(l, w);
    out.push_back(Layer{jf::string(l, "name", w, "layer" + std::to_string(j + 1)),
                        jf::quantity(l, "memory", QuantityKind::bytes, w),
                        jf::quantity(l, "compute", QuantityKind::multiplications, w),
                        jf::quantity(l, "output", QuantityKind::bytes, w),
                        jf::quantity(l, "p", QuantityKind::plain, w, 1.0)});
  }
  return out;
}

nlohmann::json layers_to_json(const std::vector<Layer>& layers) {
  auto out = nlohmann::json::array();
  for (const Layer& l : layers)
    out.push_back({{"name", l.name}, {"memory", l.memory_bytes}, {"compute", l.compute_mults},
                   {"output", l.output_bytes}, {"p", l.probability}});
  return out;
}

}  // namespace cnnplace
