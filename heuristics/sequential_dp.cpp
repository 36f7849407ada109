#include "heuristics/sequential_dp.hpp"

#include <algorithm>
#include <numeric>

#include "bounds/chain_dp.hpp"
#include "heuristics/local_search.hpp"

namespace cnnplace {
namespace {

std::optional<std::vector<int>> place_in_order(const Problem& p, const Multipliers& lambda,
                                               const std::vector<int>& order) {
  Residual r{std::vector<int>(p.units, 0), std::vector<double>(p.units, 0.0), std::vector<double>(p.units, 0.0),
             std::vector<int>(p.item_count(), -1)};
  for (int u : order) {
    const std::vector<int> path = ChainTables(p, u, lambda, &r).argmin_path();
    if (path.empty()) return std::nullopt;
    for (std::size_t j = 0; j < path.size(); ++j) {
      const int k = p.chains[u].item[j];
      if (r.unit_of_item[k] >= 0) continue;
      r.unit_of_item[k] = path[j];
      r.count[path[j]] += 1;
      r.memory[path[j]] += p.item_memory[k];
      r.compute[path[j]] += p.item_compute[k];
    }
  }
  // A chain may come back to a unit it left (i -> k -> i), which runs do not see.
  if (!respects_capacities(p, r.unit_of_item)) return std::nullopt;
  return r.unit_of_item;
}

}  // namespace

std::optional<std::vector<int>> sequential_chain_dp(const Problem& p, const Multipliers& lambda, int max_orders) {
  const int C = static_cast<int>(p.chains.size());
  std::optional<std::vector<int>> best;
  double best_cost = kInf;
  std::vector<int> order(C);
  std::iota(order.begin(), order.end(), 0);
  // Rotations of the natural order, then the reverse: each chain gets to go first.
  for (int t = 0; t < std::min(max_orders, 2 * C); ++t) {
    std::vector<int> o = order;
    std::rotate(o.begin(), o.begin() + (t % C), o.end());
    if (t >= C) std::reverse(o.begin(), o.end());
    if (auto units = place_in_order(p, lambda, o)) {
      const double cost = placement_cost(p, *units);
      if (cost < best_cost) best_cost = cost, best = std::move(units);
    }
  }
  return best;
}

}  // namespace cnnplace
