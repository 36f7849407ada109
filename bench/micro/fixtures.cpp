// Micro-benchmark instances (fixtures.hpp).
#include "fixtures.hpp"

#include <stdexcept>

namespace cnnplace::micro {

std::string kind_for_layers(int layers) {
  switch (layers) {
    case 5: return "5layer";
    case 6: return "gc6";
    case 7: return "alexnet";
    case 8: return "gc-alexnet";
  }
  throw std::invalid_argument("no zoo CNN with that many layers");
}

Instance system(int units, const std::string& kind, int cnns, int layer_limit, const std::string& technology,
                int shared, std::uint64_t seed, bool scale_density) {
  GeneratorOptions g;
  g.units = units;
  g.cnn_kinds = {kind};
  g.cnns = cnns;
  g.layer_limit = layer_limit;
  g.technology = technology;
  g.shared_first = shared;
  g.scale_density = scale_density;
  g.seed = seed;
  return generate(g);
}

}  // namespace cnnplace::micro
