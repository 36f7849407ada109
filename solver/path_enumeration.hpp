#pragma once
// Exact by reduced-cost path enumeration: when the Lagrangian bound is within a small gap of
// the incumbent, list every chain path that could still be part of a better placement, then
// pick one path per chain that fit together.
//
// Why: on the later suite's L = 1 systems (N = 50, three AlexNets) the dual found by column
// generation (bounds/dual_lp.hpp) is often exactly the optimum, or within one hop of a small
// transfer of it. The depth-first search then still has to walk hundreds of thousands of
// nodes, because deep in the tree its bounds reuse the root's multipliers. Here the gap
// itself limits the work: the same idea as the route enumeration of exact vehicle-routing
// codes (Baldacci, Christofides and Mingozzi 2008), on chain paths instead of routes.
//
// Why it is exact. Fix multipliers lambda >= 0 and let L = sum_u min_u - sum lambda be the
// Lagrangian bound, min_u the cheapest priced path of chain u that its units can hold by
// themselves (bounds/fitting_path.hpp; at least ChainTables::root, and every chain path of a
// feasible placement is one). The reduced cost of such a path P of chain u is
// rc(P) = priced(P) - min_u >= 0. For any feasible
// placement x with chain paths P_u, its loads are within capacity, so
//   cost(x) >= sum_u priced(P_u) - sum lambda = L + sum_u rc(P_u).
// A placement better than the target T (the incumbent less its tolerance) therefore uses
// only paths with rc <= T - L, each one. The enumeration lists all of them: a depth-first
// walk over the chain's layers that cuts a prefix once its priced cost plus the tables'
// admissible cost-to-go (bounds/chain_dp.hpp) leaves the chain's minimum by more than
// T - L, and drops paths that overfill a unit by themselves. The combination step is a
// depth-first search over the chains (fewest paths first, each chain's paths by reduced
// cost) that keeps the shared items on one unit and every capacity, and cuts where
// L + sum rc cannot beat the best value found. If both finish within their budgets, the best
// placement found is optimal, and if there is none, the incumbent is.
#include <algorithm>
#include <functional>
#include <cmath>
#include <optional>
#include <vector>

#include "bounds/multipliers.hpp"
#include "bounds/problem.hpp"
#include "bounds/subset_rows.hpp"

namespace cnnplace {

// What counts as better: a value beats v when it is below v - tolerance(v) (the
// incumbent's absolute and relative tolerances, solver/incumbent.hpp).
struct EnumerationTolerance {
  double absolute = 0, relative = 0;
  double operator()(double v) const { return std::max(absolute, relative * std::fabs(v)); }
};

struct EnumerationLimits {
  double max_steps = 2e6;       // prefixes extended, over all chains
  double max_paths = 2e5;       // paths kept, over all chains
  double max_combinations = 2e6;  // work of the combination search (nodes; path tests / 16)
  // Where the combination search runs out of its budget, the listed paths go to an integer
  // program (solver/path_packing.hpp): its branch-and-bound nodes times its columns, over
  // all passes (0: never). A node costs 1-3 microseconds per column.
  double max_packing_work = 0;
  // Checked now and then: true stops (a time limit, an interrupt).
  std::function<bool()> stop;
  // The time limit itself (or an interrupt), past which nothing may run: also checked
  // between the integer program's rounds of cuts (PackingLimits::hard_stop).
  std::function<bool()> hard_stop = nullptr;
  std::function<double()> seconds_left = nullptr;  // until that limit (PackingLimits::seconds_left)
  // The integer programs try the cuts' rows first (kNodesWithCutRows), where there are cuts.
  bool cut_rows = true;
};

struct EnumerationResult {
  // Every placement cheaper than the target was examined: `units` (if any) is optimal,
  // otherwise nothing beats the target. False: a budget or `stop` stopped it, and
  // nothing is proven (units may still hold a better placement).
  bool complete = false;
  std::optional<std::vector<int>> units;  // the best placement below the target, unit per item
  double value = kInf;                    // its cost
  double lagrangian_bound = -kInf;        // L(lambda), computed here
  // A proven lower bound on the optimum: at least L(lambda), raised by every pass below a
  // lower target that found nothing (the value itself when complete with `units`), and by
  // the bound of a pass's integer program that a limit stopped (PackingResult::bound).
  double proven_bound = -kInf;
  double paths = 0, steps = 0, combinations = 0;
  double packing_nodes = 0;  // branch-and-bound nodes of the integer programs
  int packings = 0;          // integer programs solved (or stopped)
};

// Every unit holds one layer at most and no layer is shared: the combination then works on
// unit masks with its strongest bounds ("masked mode", path_enumeration.cpp). Elsewhere it
// tries paths item by item and cuts by reduced cost and seconds only.
bool one_layer_per_unit(const Problem& p);

// Placements better than `upper_bound` (the incumbent's value), under the multipliers
// `lambda`.
// With `cuts` (bounds/subset_rows.hpp), their prices join the multipliers': each path pays
// the cuts it meets and the bound subtracts their sum. The argument above holds as it is:
// a feasible placement's paths meet each cut once at most, so they pay at most that sum.
EnumerationResult enumerate_below(const Problem& p, const Multipliers& lambda, double upper_bound,
                                  const EnumerationTolerance& tolerance, const EnumerationLimits& limits = {},
                                  const SubsetRowPrices* cuts = nullptr);

}  // namespace cnnplace
