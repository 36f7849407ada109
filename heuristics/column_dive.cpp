#include "heuristics/column_dive.hpp"

#include "model/capacity.hpp"

namespace cnnplace {

std::optional<std::vector<int>> column_dive(const Problem& p, const DualLpResult& root,
                                            std::chrono::steady_clock::time_point deadline) {
  const int chains = static_cast<int>(p.chains.size());
  Residual residual{std::vector<int>(p.units, 0), std::vector<double>(p.units, 0.0),
                    std::vector<double>(p.units, 0.0), std::vector<int>(p.item_count(), -1)};
  std::vector<char> fixed(chains, 0);
  DualLpResult current = root;
  for (int round = 0; round < chains; ++round) {
    // The free chain's path with the largest value (ties: the earlier chain, then the path).
    const ChainPath* pick = nullptr;
    double most = 0;
    for (const auto& [column, x] : current.solution)
      if (!fixed[column.chain] && x > most + 1e-9) pick = &column, most = x;
    if (!pick) return std::nullopt;
    const ChainPath chosen = *pick;
    const Chain& c = p.chains[chosen.chain];
    for (int j = 0; j < c.size(); ++j) {
      const int k = c.item[j], i = chosen.path[j];
      if (residual.unit_of_item[k] >= 0) {
        if (residual.unit_of_item[k] != i) return std::nullopt;  // a shared item placed elsewhere
        continue;
      }
      residual.unit_of_item[k] = i;
      residual.count[i] += 1;
      residual.memory[i] += p.item_memory[k];
      residual.compute[i] += p.item_compute[k];
      if (residual.count[i] > p.layer_limit[i] || !fits(residual.memory[i], p.memory_cap[i]) ||
          !fits(residual.compute[i], p.compute_cap[i]))
        return std::nullopt;
    }
    fixed[chosen.chain] = 1;
    if (round + 1 == chains) break;
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    DualLpStart start;
    start.residual = &residual;
    start.warm = &current.lambda;
    start.columns = &current.columns;
    DualLpOptions options;
    options.stop = [deadline] { return std::chrono::steady_clock::now() >= deadline; };  // at scale a dual takes seconds
    DualLpResult next = lagrangian_dual_lp(p, start, options);
    if (!(next.bound < kInf)) return std::nullopt;
    if (next.solution.empty()) {
      // Closed at the first pricing (nothing relaxed binds any more): its paths are the answer.
      if (next.feasible_item_units.empty()) return std::nullopt;
      return next.feasible_item_units.front();
    }
    current = std::move(next);
  }
  std::vector<int> units = residual.unit_of_item;
  for (int k = 0; k < p.item_count(); ++k)
    if (units[k] < 0) return std::nullopt;
  return units;
}

}  // namespace cnnplace
