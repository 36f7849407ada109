#include "heuristics/column_dive.hpp"

namespace cnnplace {

std::optional<std::vector<int>> column_dive(const Problem& p, const DualLpResult& root,
                                            std::chrono::steady_clock::time_point deadline) {
  const int chains = static_cast<int>(p.chains.size());
  Residual residual = Residual::empty(p);
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
      if (!residual.has_room(p, k, i)) return std::nullopt;
      residual.place(p, k, i);
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
