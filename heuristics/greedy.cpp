#include "heuristics/greedy.hpp"

#include <algorithm>
#include <numeric>

#include "model/capacity.hpp"

namespace cnnplace {
namespace {

struct Loads {
  std::vector<int> count;
  std::vector<double> memory, compute;
  explicit Loads(int units) : count(units, 0), memory(units, 0.0), compute(units, 0.0) {}
  bool room(const Problem& p, int k, int i) const {
    return count[i] + 1 <= p.layer_limit[i] && fits(memory[i] + p.item_memory[k], p.memory_cap[i]) &&
           fits(compute[i] + p.item_compute[k], p.compute_cap[i]);
  }
  void add(const Problem& p, int k, int i) {
    count[i] += 1;
    memory[i] += p.item_memory[k];
    compute[i] += p.item_compute[k];
  }
};

// Chain by chain, layer by layer (the main pass).
std::optional<std::vector<int>> along_chains(const Problem& p) {
  std::vector<int> unit(p.item_count(), -1);
  Loads loads(p.units);
  for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) {
    const Chain& c = p.chains[u];
    int previous = -1;
    for (int j = 0; j < c.size(); ++j) {
      const int k = c.item[j];
      if (unit[k] < 0) {
        double best = kInf;
        for (int i : p.candidates[k]) {
          if (!loads.room(p, k, i)) continue;
          const double v = p.node_cost(u, j, i) + (j > 0 ? c.arc_weight[j - 1] * p.T(previous, i) : 0.0);
          if (v < best) best = v, unit[k] = i;
        }
        if (unit[k] < 0) return std::nullopt;
        loads.add(p, k, unit[k]);
      }
      previous = unit[k];
    }
  }
  return unit;
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
  std::vector<int> unit(p.item_count(), -1);
  Loads loads(p.units);
  for (int k : order) {
    double best = kInf;
    for (int i : p.candidates[k]) {
      if (!loads.room(p, k, i)) continue;
      double v = 0;
      for (const LayerRef& r : p.items.items[k].members) {
        const Chain& c = p.chains[r.cnn.value];
        const int j = r.layer;
        v += p.node_cost(r.cnn.value, j, i);
        if (j > 0 && unit[c.item[j - 1]] >= 0) v += c.arc_weight[j - 1] * p.T(unit[c.item[j - 1]], i);
        if (j + 1 < c.size() && unit[c.item[j + 1]] >= 0) v += c.arc_weight[j] * p.T(i, unit[c.item[j + 1]]);
      }
      if (v < best) best = v, unit[k] = i;
    }
    if (unit[k] < 0) return std::nullopt;
    loads.add(p, k, unit[k]);
  }
  return unit;
}

}  // namespace

std::optional<std::vector<int>> greedy_placement(const Problem& p) {
  if (auto units = along_chains(p)) return units;
  return scarcest_first(p);
}

}  // namespace cnnplace
