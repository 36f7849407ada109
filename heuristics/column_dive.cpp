#include "heuristics/column_dive.hpp"

#include <algorithm>

namespace cnnplace {

namespace {

// Places `chosen` in `residual`; false, and `residual` as it was, if it does not fit.
bool place_path(const Problem& p, const ChainPath& chosen, Residual& residual) {
  const Chain& c = p.chains[chosen.chain];
  Residual trial = residual;
  for (int j = 0; j < c.size(); ++j) {
    const int k = c.item[j], i = chosen.path[j];
    if (trial.unit_of_item[k] >= 0) {
      if (trial.unit_of_item[k] != i) return false;  // a shared item placed elsewhere
      continue;
    }
    if (!trial.has_room(p, k, i)) return false;
    trial.place(p, k, i);
  }
  residual = std::move(trial);
  return true;
}

}  // namespace

std::optional<std::vector<int>> column_dive(const Problem& p, const DualLpResult& root,
                                            const ColumnDiveOptions& options) {
  const int chains = static_cast<int>(p.chains.size());
  Residual residual = options.kept ? *options.kept : Residual::empty(p);
  std::vector<char> fixed(chains, 0);
  int fixed_count = 0;
  if (options.kept)
    for (int u = 0; u < chains; ++u)
      if (residual.places_all(p.chains[u])) fixed[u] = 1, ++fixed_count;
  DualLpResult current = root;
  while (fixed_count < chains) {
    // The free chain's path with the largest value (ties: the earlier chain, then the path).
    const ChainPath* pick = nullptr;
    double most = 0;
    for (const auto& [column, x] : current.solution)
      if (!fixed[column.chain] && x > most + 1e-9) pick = &column, most = x;
    if (!pick) return std::nullopt;
    if (!place_path(p, *pick, residual)) return std::nullopt;
    fixed[pick->chain] = 1, ++fixed_count;
    if (options.fix_many) {
      // With it, every other free chain's path that the master's solution gives at least one
      // half, largest values first, where it still fits: a round's dual serves several chains.
      std::vector<std::pair<double, const ChainPath*>> firm;
      for (const auto& [column, x] : current.solution)
        if (!fixed[column.chain] && x >= 0.5) firm.emplace_back(x, &column);
      std::stable_sort(firm.begin(), firm.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
      for (const auto& [x, column] : firm)
        if (!fixed[column->chain] && place_path(p, *column, residual)) fixed[column->chain] = 1, ++fixed_count;
    }
    if (fixed_count == chains) break;
    if (options.stop && options.stop()) return std::nullopt;
    DualLpStart start;
    start.residual = &residual;
    start.warm = &current.lambda;
    start.columns = &current.columns;
    DualLpOptions dual_options;
    dual_options.stop = options.stop;  // at scale a dual takes seconds
    dual_options.threads = options.threads;
    DualLpResult next = lagrangian_dual_lp(p, start, dual_options);
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
