#include "solver/neighbourhoods.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "bounds/chain_dp.hpp"
#include "heuristics/column_dive.hpp"
#include "solver/path_packing.hpp"

namespace cnnplace {
namespace {

std::vector<int> chain_units(const Problem& p, int u, const std::vector<int>& units) {
  std::vector<int> path;
  for (int k : p.chains[u].item) path.push_back(units[k]);
  return path;
}

// The chains to free with `seed`: the seed, then the others by the least transfer time per
// byte between their units and the seed's (its placed units and those of its capacity-free
// path), ties by index.
std::vector<int> neighbourhood(const Problem& p, int seed, int size, const std::vector<int>& units,
                               const std::vector<std::vector<int>>& free_paths) {
  std::vector<int> near = chain_units(p, seed, units);
  near.insert(near.end(), free_paths[seed].begin(), free_paths[seed].end());
  const int chains = static_cast<int>(p.chains.size());
  std::vector<std::pair<double, int>> by_distance;
  for (int v = 0; v < chains; ++v) {
    if (v == seed) continue;
    double d = kInf;
    for (int k : p.chains[v].item)
      for (int a : near) d = std::min(d, a == units[k] ? 0.0 : std::min(p.T(a, units[k]), p.T(units[k], a)));
    by_distance.emplace_back(d, v);
  }
  std::sort(by_distance.begin(), by_distance.end());
  std::vector<int> freed{seed};
  for (int n = 0; n + 1 < size && n < static_cast<int>(by_distance.size()); ++n) freed.push_back(by_distance[n].second);
  return freed;
}

// The column-generation dual of p from the placement `units` (of value `value`; with
// `residual`, the chains it places are kept), stopped once it shows that nothing is better
// by more than `tolerance`.
DualLpResult dual_from(const Problem& p, const std::vector<int>& units, const Residual* residual, double value,
                       double tolerance, const NeighbourhoodOptions& options) {
  DualLpStart start;
  start.placements.push_back(units);
  start.residual = residual;
  start.upper_bound = value;
  start.tolerance = tolerance;
  DualLpOptions dual_options;
  dual_options.stop = options.stop;
  dual_options.threads = options.threads;
  return lagrangian_dual_lp(p, start, dual_options);
}

// The other chains' items of `units`, placed: what the `freed` chains must fit beside.
Residual kept_chains(const Problem& p, const std::vector<int>& freed, const std::vector<int>& units) {
  Residual kept = Residual::empty(p);
  std::vector<char> is_freed(p.chains.size(), 0);
  for (int u : freed) is_freed[u] = 1;
  for (std::size_t u = 0; u < p.chains.size(); ++u)
    if (!is_freed[u])
      for (int k : p.chains[u].item) kept.place(p, k, units[k]);
  return kept;
}

// A better placement of the freed chains with the others placed as in `kept` and `units`
// (of value `value`), by more than `tolerance`, by price-and-branch: their
// column-generation dual against what the others leave, its columns as an integer program,
// and where that finds nothing a column dive from the same dual. `none`: the dual's bound
// shows there is none; `prices`: the dual's multipliers.
std::optional<std::vector<int>> price_and_branch(const Problem& p, const Residual& kept,
                                                 const std::vector<int>& units, double value, double tolerance,
                                                 const NeighbourhoodOptions& options, bool& none,
                                                 Multipliers& prices) {
  const DualLpResult dual = dual_from(p, units, &kept, value, tolerance, options);
  none = !(dual.bound < value - tolerance);
  if (none) return std::nullopt;
  prices = dual.lambda;
  std::optional<std::vector<int>> best;
  double best_value = value - tolerance;
  for (const std::vector<int>& f : dual.feasible_item_units)
    if (const double v = placement_cost(p, f); v < best_value) best = f, best_value = v;
  if (auto packed = pack_columns(p, dual.columns, best ? *best : units, best_value, options.tolerance(best_value),
                                 options.packing_work, options.stop))
    if (const double v = placement_cost(p, *packed); v < best_value) best = std::move(packed), best_value = v;
  // Where the program finds nothing in the dual's columns, the dual itself may: a column
  // dive on the freed chains, against the same residual (fifty AlexNets at N = 2000,
  // L = 2, 90-10, HaLow: 237.41 s at 60 s instead of 237.83-237.96 s).
  if (!best && !dual.solution.empty() && !(options.stop && options.stop())) {
    ColumnDiveOptions dive;
    dive.kept = &kept;
    dive.stop = options.stop;
    dive.threads = options.threads;
    if (auto dived = column_dive(p, dual, dive))
      if (const double v = placement_cost(p, *dived); v < best_value) best = std::move(dived), best_value = v;
  }
  return best;
}

// Multipliers of p's rows (normalised by the whole capacities) as those of the restricted
// problem q's (normalised by what is left): every item pays the same on every unit, and
// the bound of the freed chains is the same.
Multipliers as_restricted(const Problem& p, const Problem& q, const Multipliers& lambda) {
  Multipliers out = Multipliers::zero(p.units);
  auto scaled = [](double price, double left, double whole) { return price > 0 && left > 0 ? price * (left / whole) : 0.0; };
  for (int i = 0; i < p.units; ++i) {
    out.count[i] = scaled(lambda.count[i], q.layer_limit[i], p.layer_limit[i]);
    out.memory[i] = scaled(lambda.memory[i], q.memory_cap[i], p.memory_cap[i]);
    out.compute[i] = scaled(lambda.compute[i], q.compute_cap[i], p.compute_cap[i]);
  }
  return out;
}

// The best placement of the `freed` chains with the others placed as in `kept` and `units`,
// better than it by more than `tolerance`, from the freed chains' own problem
// (restrict_to_chains):
// every path within the gap that a dual leaves (solver/path_enumeration.hpp), within
// NeighbourhoodOptions::exact_limits. The dual is `prices` (multipliers of p from a dual
// against the same kept chains), or else the restricted problem's own. Nothing where none
// is below, or where a budget ran out first.
std::optional<std::vector<int>> solve_freed(const Problem& p, const std::vector<int>& freed, const Residual& kept,
                                            const std::vector<int>& units, double tolerance,
                                            const NeighbourhoodOptions& options, const Multipliers* prices) {
  const RestrictedProblem restricted = restrict_to_chains(p, freed, kept);
  const Problem& q = restricted.problem;
  std::vector<int> start(restricted.item.size());
  for (std::size_t k = 0; k < start.size(); ++k) start[k] = units[restricted.item[k]];
  const double own = placement_cost(q, start);
  Multipliers lambda;
  if (prices) {
    lambda = as_restricted(p, q, *prices);
  } else {
    const DualLpResult dual = dual_from(q, start, nullptr, own, tolerance, options);
    if (!(dual.bound < own - tolerance)) return std::nullopt;
    lambda = dual.lambda;
  }
  EnumerationLimits limits = options.exact_limits;
  limits.stop = limits.hard_stop = options.stop;
  const EnumerationResult found = enumerate_below(q, lambda, own, {tolerance, 0.0}, limits);
  if (!found.units) return std::nullopt;
  std::vector<int> out = units;
  for (std::size_t k = 0; k < start.size(); ++k) out[restricted.item[k]] = (*found.units)[k];
  return out;
}

}  // namespace

std::optional<std::vector<int>> pack_columns(const Problem& p, const std::vector<ChainPath>& columns,
                                             const std::vector<int>& units, double cutoff, double resolution,
                                             double work, const std::function<bool()>& stop) {
  if (p.has_shared_items()) return std::nullopt;
  const int chains = static_cast<int>(p.chains.size());
  std::vector<std::vector<int>> listed_units(chains);
  std::vector<std::vector<double>> seconds(chains);
  std::vector<int> scratch(p.item_count(), -1);
  auto add = [&](int u, const std::vector<int>& path) {
    const Chain& c = p.chains[u];
    for (int j = 0; j < c.size(); ++j) scratch[c.item[j]] = path[j];
    listed_units[u].insert(listed_units[u].end(), path.begin(), path.end());
    seconds[u].push_back(chain_cost(p, u, scratch));
  };
  for (int u = 0; u < chains; ++u) add(u, chain_units(p, u, units));
  for (const ChainPath& column : columns) add(column.chain, column.path);
  std::vector<ListedPaths> listed;
  for (int u = 0; u < chains; ++u) listed.push_back({u, &listed_units[u], &seconds[u]});
  const double nodes = std::floor(work / static_cast<double>(columns.size() + chains));
  if (nodes < 1) return std::nullopt;  // not even the first node: no placement to find
  const PackingResult r = pack_paths(p, listed, cutoff, resolution, {nodes, stop});
  return r.units;
}

NeighbourhoodResult improve_by_neighbourhoods(const Problem& p, std::vector<int> units,
                                              const NeighbourhoodOptions& options) {
  NeighbourhoodResult result;
  result.value = placement_cost(p, units);
  result.units = std::move(units);
  const int chains = static_cast<int>(p.chains.size());
  if (p.has_shared_items() || chains < 2) return result;
  std::vector<double> free_cost(chains);
  std::vector<std::vector<int>> free_paths(chains);
  for (int u = 0; u < chains; ++u) {
    const ChainTables t(p, u, Multipliers::zero(p.units));
    free_cost[u] = t.root();
    free_paths[u] = t.argmin_path();
  }
  auto stopped = [&] { return options.stop && options.stop(); };
  // Seeds by regret, dearest first (ties by index).
  auto seeds = [&] {
    std::vector<std::pair<double, int>> regret;
    for (int u = 0; u < chains; ++u) regret.emplace_back(-(chain_cost(p, u, result.units) - free_cost[u]), u);
    std::sort(regret.begin(), regret.end());
    std::vector<int> order;
    for (const auto& [r, u] : regret) order.push_back(u);
    return order;
  };
  // The sizes in turn (NeighbourhoodOptions::sizes): where a pass of one size finds nothing,
  // the next; after an improvement, the first again.
  std::vector<int> sizes;
  for (const double step : options.sizes) {
    const int size = std::clamp(static_cast<int>(std::lround(step * options.chains)), 2, chains);
    if (std::find(sizes.begin(), sizes.end(), size) == sizes.end()) sizes.push_back(size);
  }
  // Then each size again with the enumeration where the program and the dive find nothing
  // (NeighbourhoodOptions::exact_limits); after an improvement, the first level again. The
  // enumeration only once all the cheaper passes are stuck: it costs time they would use
  // better while one of them still improves (fifty AlexNets at N = 2000, L = 2, 90-10, HaLow,
  // 60 s: seed 1, one thread, 1.06 % with it in every pass, 0.62 % without; seed 2, two
  // threads, 1.114-1.127 % with a pass of it after each size's, 1.101-1.111 % after all of
  // them, 1.101-1.151 % without), and
  // it finds other, often smaller improvements first, after which the passes end elsewhere,
  // not always lower (twenty 5-layer CNNs at N = 100, L = 1, HaLow: 3 684.615 ms with it in
  // every pass, 3 680.249 ms without).
  const bool enumerates = options.exact_limits.max_paths > 0;
  const std::size_t plain = sizes.size();
  if (enumerates) {
    const std::vector<int> once = sizes;
    sizes.insert(sizes.end(), once.begin(), once.end());
  }
  auto exact = [&](std::size_t level) { return level >= plain; };
  // A neighbourhood that found nothing is not tried again while none of its chains has moved
  // (kNotTried: never tried, or tried since): per size and seed, the improvement count when
  // it failed, and per chain the count when its path last changed. The other chains' moves
  // change what the freed ones may use too, but rarely near them; after an improvement the
  // pass starts again from the dearest seed, and without this it tried every seed before the
  // improving one again.
  constexpr int kNotTried = -1;
  std::vector<std::vector<int>> failed_at(sizes.size(), std::vector<int>(chains, kNotTried));
  std::vector<int> moved_at(chains, 0);
  // Per level and seed, the multipliers of the last dual that left room (for the enumeration
  // of the level after, where the chains have not moved since).
  std::vector<std::vector<Multipliers>> prices(sizes.size(), std::vector<Multipliers>(chains));
  auto unchanged_since = [&](const std::vector<int>& freed, int failure) {
    return failure != kNotTried &&
           std::all_of(freed.begin(), freed.end(), [&](int u) { return moved_at[u] <= failure; });
  };
  std::size_t which = 0;
  while (which < sizes.size() && !stopped()) {
    const int size = sizes[which];
    bool improved = false;
    for (int seed : seeds()) {
      if (stopped()) break;
      const std::vector<int> freed = neighbourhood(p, seed, size, result.units, free_paths);
      if (unchanged_since(freed, failed_at[which][seed])) continue;
      failed_at[which][seed] = result.improvements;  // until it improves
      ++result.neighbourhoods;
      const double tol = options.tolerance(result.value);
      // The enumeration's passes try the program and the dive again only where the freed
      // chains moved since they found nothing.
      std::optional<std::vector<int>> best;
      bool none = false;
      const Multipliers* dual_prices = nullptr;
      const Residual kept = kept_chains(p, freed, result.units);
      if (!exact(which) || !unchanged_since(freed, failed_at[which - plain][seed])) {
        best = price_and_branch(p, kept, result.units, result.value, tol, options, none, prices[which][seed]);
        dual_prices = &prices[which][seed];
        // No better placement of these chains: not for the enumeration either.
        if (none && enumerates && !exact(which)) failed_at[which + plain][seed] = result.improvements;
      } else if (!prices[which - plain][seed].count.empty()) {
        dual_prices = &prices[which - plain][seed];  // that pass's dual, for the same chains
      }
      // Where neither finds one, the freed chains' own problem, solved exactly within a
      // budget (solve_freed; neighbourhoods.hpp has what it finds where they stop).
      if (!best && !none && exact(which) && !stopped())
        best = solve_freed(p, freed, kept, result.units, tol, options, dual_prices);
      const double best_value = best ? placement_cost(p, *best) : kInf;
      if (best && !(best_value < result.value - tol)) best.reset();
      if (!best) continue;
      failed_at[which][seed] = kNotTried;
      for (int u : freed)
        for (int k : p.chains[u].item)
          if ((*best)[k] != result.units[k]) moved_at[u] = result.improvements + 1;
      result.units = std::move(*best);
      result.value = best_value;
      ++result.improvements;
      if (options.on_improvement) options.on_improvement(result.units, result.value);
      improved = true;
      break;  // new regrets
    }
    which = improved ? 0 : which + 1;
    if (!improved && which < sizes.size() && options.next_size && !options.next_size(result.value)) return result;
  }
  result.all_sizes = which == sizes.size();
  return result;
}

}  // namespace cnnplace
