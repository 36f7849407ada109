#pragma once
// The cheapest priced path of one chain that its units can hold by themselves: the pricing
// of the column generation (bounds/dual_lp.hpp), stronger than the chain tables' optimum.
//
// Why: the tables (bounds/chain_dp.hpp) forbid runs that do not fit and the immediate return
// i -> k -> i, but not a return after two or more moves. Where units hold one layer (L = 1)
// the relaxation then loves short cycles near the source, like 116 -> 32 -> 117 -> 116 ->
// 32, which no placement can take: measured on ten AlexNets at N = 500, L = 1, HaLow
// (`cnnplace generate --units 500 --cnns 10 --cnn alexnet --L 1 --tech halow
// --scale-density --connect resample --seed 1`), 4 of the 6 chains the converged master
// splits use such paths. The cycle elimination of vehicle routing's column generation
// (elementary or k-cycle-free pricing) is the same idea.
//
// Why it is still a Lagrangian bound: in any feasible placement each unit holds what the
// chain puts there (with the node's residual loads), so each chain's path is one that fits
// by itself; minimising each chain over those paths relaxes only the rows shared between
// chains. So sum_u value_u - lambda . capacity is a lower bound, at least the tables' one.
//
// How: a depth-first branch-and-bound over the chain's layers, moves cheapest first
// (bounds/chain_moves.hpp), cutting where the prefix plus the tables' cost-to-go reaches the
// best path found; a path whose argmin already fits costs no search at all. Exact when it
// finishes within its step budget; otherwise it answers the tables' root, which is valid.
//
// With subset-row cuts (bounds/subset_rows.hpp) a path also pays its cuts' prices, counted
// as the walk enters units. They are never negative, so the tables' cost-to-go still bounds
// what is left, and the fallback (the tables' root) is still a lower bound.
#include <vector>

#include "bounds/chain_dp.hpp"
#include "bounds/problem.hpp"
#include "bounds/subset_rows.hpp"

namespace cnnplace {

// A budget per chain (states entered) for callers without a better one: at most a few
// milliseconds at N = 2000.
inline constexpr double kFittingPathSteps = 1e5;

struct FittingPath {
  double value = kInf;    // a lower bound on the chain's best fitting path (its value if exact)
  std::vector<int> path;  // the best fitting path found (unit per layer); empty if none
  bool exact = false;     // value is the cheapest fitting path's (or +inf: none exists)
  double steps = 0;       // states entered
};

// Under the tables `t` of chain `chain` (built with `residual`, if any: then the free items
// also fit what the units have left, and assigned ones stay on their units), plus the
// prices of `cuts` (if any) that the path pays.
FittingPath cheapest_fitting_path(const Problem& p, int chain, const ChainTables& t, const Residual* residual,
                                  double max_steps, const SubsetRowPrices* cuts = nullptr);

// Can the units hold these layers of `chain` together (with `residual`'s loads, if any)?
bool path_fits_alone(const Problem& p, int chain, const std::vector<int>& path, const Residual* residual);

}  // namespace cnnplace
