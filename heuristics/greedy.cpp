#include "heuristics/greedy.hpp"

#include <algorithm>
#include <numeric>

#include "bounds/chain_dp.hpp"

namespace cnnplace {
namespace {

// Chain by chain, layer by layer (the main pass).
std::optional<std::vector<int>> along_chains(const Problem& p) {
  Residual placed = Residual::empty(p);
  for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) {
    const Chain& c = p.chains[u];
    int previous = -1;
    for (int j = 0; j < c.size(); ++j) {
      const int k = c.item[j];
      if (placed.unit_of_item[k] < 0) {
        double best = kInf;
        int choice = -1;
        for (int i : p.candidates[k]) {
          if (!placed.has_room(p, k, i)) continue;
          const double v = p.node_cost(u, j, i) + (j > 0 ? c.arc_weight[j - 1] * p.T(previous, i) : 0.0);
          if (v < best) best = v, choice = i;
        }
        if (choice < 0) return std::nullopt;
        placed.place(p, k, choice);
      }
      previous = placed.unit_of_item[k];
    }
  }
  return placed.unit_of_item;
}

// The fallback: the items with the fewest candidate units first (then the largest memory),
// each on the unit with room that adds the least given its neighbours placed so far.
std::optional<std::vector<int>> scarcest_first(const Problem& p) {
  std::vector<int> order(p.item_count());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const std::size_t ca = p.candidates[a].size(), cb = p.candidates[b].size();
    return ca < cb || (ca == cb && p.item_memory[a] > p.item_memory[b]);
  });
  Residual placed = Residual::empty(p);
  const std::vector<int>& unit = placed.unit_of_item;
  for (int k : order) {
    double best = kInf;
    int choice = -1;
    for (int i : p.candidates[k]) {
      if (!placed.has_room(p, k, i)) continue;
      double v = 0;
      for (const LayerRef& r : p.items.items[k].members) {
        const Chain& c = p.chains[r.cnn.value];
        const int j = r.layer;
        v += p.node_cost(r.cnn.value, j, i);
        if (j > 0 && unit[c.item[j - 1]] >= 0) v += c.arc_weight[j - 1] * p.T(unit[c.item[j - 1]], i);
        if (j + 1 < c.size() && unit[c.item[j + 1]] >= 0) v += c.arc_weight[j] * p.T(i, unit[c.item[j + 1]]);
      }
      if (v < best) best = v, choice = i;
    }
    if (choice < 0) return std::nullopt;
    placed.place(p, k, choice);
  }
  return placed.unit_of_item;
}

}  // namespace

std::optional<std::vector<int>> greedy_placement(const Problem& p) {
  if (auto units = along_chains(p)) return units;
  return scarcest_first(p);
}

}  // namespace cnnplace
