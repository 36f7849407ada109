#pragma once
// Large neighbourhood search by price-and-branch (issue 8, "strong primal heuristics"): free
// a few chains of the incumbent that compete for the same units, solve the column-generation
// dual of the freed chains against what the other chains leave (bounds/dual_lp.hpp with a
// Residual), and pack the best placement of them from its columns (the restricted master as
// an integer program, solver/path_packing.hpp). Where no combination of those columns is
// better, a column dive from the same dual (heuristics/column_dive.hpp) may still be: each
// fix re-prices the chains still free, so it reaches paths the master never generated.
// Where neither finds one, the freed chains' own problem (restrict_to_chains,
// bounds/problem.hpp) goes to the solver's exact machinery within a budget: its dual, then
// every path within that dual's gap and the best combination of them
// (solver/path_enumeration.hpp). That finds the better placement where there is one, or
// proves there is none: from a placement where every pass of the others finds nothing
// (248.713 s; fifty AlexNets at N = 2000, L = 2, 90-10, HaLow, seed 2), whose duals leave
// room below it in 43 of the 50 six-chain neighbourhoods, 41 are proven to hold nothing
// better, 4 hold a better placement (down to 248.685 s) and 5 run out of the budget: 2.9 s
// for all 50, one thread. These passes come after those without it (see neighbourhoods.cpp).
//
// Why: at N = 500-2000 with ten to fifty AlexNets at L = 1 the root's heuristics end 2-5 %
// above the bound, and the depth-first search, held under its first dives, hardly moves the
// incumbent in the time left. A whole system's restricted master is too large for GLPK to
// branch on there; a neighbourhood's is small, and its dual is the full column-generation
// bound of the freed chains, so the placements it packs are those the dual itself points
// at. Where that bound reaches the incumbent, no better placement of the freed chains exists
// with the others kept: the neighbourhood is passed over.
//
// Neighbourhoods: each chain in turn as a seed, in order of regret (its cost in the
// incumbent less its capacity-free optimum), with the chains whose units lie nearest to the
// seed's units and to those of the seed's capacity-free path. After an improvement the
// regrets are taken again. A whole pass without one moves on to the next size, if there are
// several (NeighbourhoodOptions::sizes), an improvement back to the first; a pass of each
// size without one ends the search. A neighbourhood that found nothing is tried again only
// once one of its chains has moved. Deterministic: the
// same input gives the same moves, unless the stop callback ends them.
#include <functional>
#include <optional>
#include <vector>

#include "bounds/dual_lp.hpp"
#include "bounds/problem.hpp"
#include "solver/path_enumeration.hpp"

namespace cnnplace {

// The budget of a neighbourhood's path enumeration (NeighbourhoodOptions::exact_limits).
inline const EnumerationLimits kNeighbourhoodEnumeration = [] {
  EnumerationLimits limits;
  limits.max_steps = 1e6;
  limits.max_paths = 1e5;
  limits.max_combinations = 2e5;
  limits.max_packing_work = 5e5;
  return limits;
}();

struct NeighbourhoodOptions {
  int chains = 6;              // freed per neighbourhood, the seed included
  // Neighbourhood sizes, as multiples of `chains`, tried in turn. A placement that no
  // neighbourhood of one size improves often has a better one in a neighbourhood of another
  // (kMoreNeighbourhoodSizes).
  std::vector<double> sizes = {1.0};
  // Asked with the placement's value whenever a pass finds nothing and another is left (of
  // another size, or of this size with the enumeration, exact_limits): false ends the
  // search there (null: always on).
  std::function<bool(double)> next_size;
  double packing_work = 1e6;   // per neighbourhood's program: nodes x columns
  EnumerationTolerance tolerance;  // an improvement must beat it
  // Where the program and the dive find nothing better, the freed chains' own problem goes
  // to the path enumeration under these limits (max_paths 0: never). Its dual's bound is
  // often far below the placement (the program's columns are too few, its relaxation too
  // weak), and the enumeration, which lists every path within that gap, finds the better
  // placements that are there or proves there are none.
  EnumerationLimits exact_limits = kNeighbourhoodEnumeration;
  std::function<bool()> stop;  // checked before every neighbourhood, and inside its dual and program
  int threads = 1;             // for the pricing of each neighbourhood's dual and dive
  // Called with every better placement (unit per item) and its value (progress lines).
  std::function<void(const std::vector<int>&, double)> on_improvement;
};

// Six chains, then nine, then four. Fifty AlexNets at N = 2000, L = 2, 90-10, HaLow, seed
// 2 (one thread): from the placement where passes of six chains find nothing (248.698 s),
// nine reach 248.662 s in 60 s and four 248.675 s.
inline const std::vector<double> kMoreNeighbourhoodSizes = {1.0, 1.5, 2.0 / 3.0};

struct NeighbourhoodResult {
  std::vector<int> units;  // the best placement (unit per item): the start, or better
  double value = kInf;
  int neighbourhoods = 0;   // tried
  int improvements = 0;     // of them, those that found a better placement
  bool all_sizes = false;   // a pass of every size found nothing (not stopped by next_size or stop)
};

// Improves the feasible placement `units` (unit per item). Not for shared items.
NeighbourhoodResult improve_by_neighbourhoods(const Problem& p, std::vector<int> units,
                                              const NeighbourhoodOptions& options);

// The best placement below `cutoff` made of `columns` and of the chain paths of the
// placement `units` (the restricted master as an integer program, solver/path_packing.hpp),
// within `work` (nodes x columns). Not for shared items.
std::optional<std::vector<int>> pack_columns(const Problem& p, const std::vector<ChainPath>& columns,
                                             const std::vector<int>& units, double cutoff, double resolution,
                                             double work, const std::function<bool()>& stop);

}  // namespace cnnplace
