#include "heuristics/greedy.hpp"

#include "model/capacity.hpp"

namespace cnnplace {

std::optional<std::vector<int>> greedy_placement(const Problem& p) {
  std::vector<int> unit(p.item_count(), -1), count(p.units, 0);
  std::vector<double> memory(p.units, 0.0), compute(p.units, 0.0);
  for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) {
    const Chain& c = p.chains[u];
    int previous = -1;
    for (int j = 0; j < c.size(); ++j) {
      const int k = c.item[j];
      if (unit[k] < 0) {
        double best = kInf;
        for (int i : p.candidates[k]) {
          if (count[i] + 1 > p.layer_limit[i] || !fits(memory[i] + p.item_memory[k], p.memory_cap[i]) ||
              !fits(compute[i] + p.item_compute[k], p.compute_cap[i]))
            continue;
          const double v = p.node_cost(u, j, i) + (j > 0 ? c.arc_weight[j - 1] * p.T(previous, i) : 0.0);
          if (v < best) best = v, unit[k] = i;
        }
        if (unit[k] < 0) return std::nullopt;
        count[unit[k]] += 1;
        memory[unit[k]] += p.item_memory[k];
        compute[unit[k]] += p.item_compute[k];
      }
      previous = unit[k];
    }
  }
  return unit;
}

}  // namespace cnnplace
