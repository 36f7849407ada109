#include "support/brute_force.hpp"

#include <map>

namespace cnnplace::testing {

BruteForceResult brute_force(const Instance& inst) {
  // Layers that must follow an earlier one (shared groups) copy its unit instead of
  // branching; everything else is enumerated like an odometer.
  std::vector<LayerRef> free_layers;
  std::map<LayerRef, LayerRef> copy_of;
  for (const SharedGroup& g : inst.shared_groups)
    for (std::size_t m = 1; m < g.members.size(); ++m) copy_of[g.members[m]] = g.members[0];
  Placement p;
  for (std::size_t u = 0; u < inst.cnns.size(); ++u) {
    p.unit_of.emplace_back(inst.cnns[u].layers.size(), UnitId(0));
    for (int j = 0; j < inst.cnns[u].size(); ++j)
      if (!copy_of.count(LayerRef{CnnId(u), j})) free_layers.push_back(LayerRef{CnnId(u), j});
  }
  BruteForceResult best;
  const int N = inst.unit_count();
  std::vector<int> digit(free_layers.size(), 0);
  while (true) {
    for (std::size_t d = 0; d < free_layers.size(); ++d)
      p.unit_of[free_layers[d].cnn.index()][free_layers[d].layer] = UnitId(digit[d]);
    for (const auto& [to, from] : copy_of)
      p.unit_of[to.cnn.index()][to.layer] = p.unit_of[from.cnn.index()][from.layer];
    ++best.placements_tried;
    if (check(inst, p).empty()) {
      const double v = evaluate(inst, p).objective();
      if (!best.feasible || v < best.objective) {
        best.feasible = true;
        best.objective = v;
        best.placement = p;
      }
    }
    std::size_t d = 0;
    while (d < digit.size() && ++digit[d] == N) digit[d++] = 0;
    if (d == digit.size()) break;
  }
  return best;
}

}  // namespace cnnplace::testing
