#pragma once
// The path enumeration's last step as an integer program: one listed path per chain, within
// every unit's capacities, at least cost (a set-partitioning problem over the listed paths,
// solved by GLPK's branch-and-bound).
//
// Why: the enumeration (solver/path_enumeration.hpp) lists every chain path that could
// still be part of a placement below its cutoff. Where the dual is about 1 % from the
// optimum (ten AlexNets at N = 200 on HaLow) or many chains are listed (ten 5-layer CNNs at
// N = 100), there are only a few thousand paths, but the depth-first combination over the
// chains cuts by reduced costs only and runs out of budget. The linear relaxation of this
// program (its rows are the relaxed capacity rows of the Lagrangian dual, its columns the
// listed paths) is the column-generation bound restricted to those paths, and branching on
// paths closes the rest: the route enumeration then set-partitioning solve of exact
// vehicle-routing codes (Baldacci, Christofides and Mingozzi 2008). On ten AlexNets at
// N = 200, L = 1 its relaxation is integral at the root (1 node); that system was open at
// 0.14 % after 30 s, and is proven in 1.7 s. GLPK's clique cuts are off: on five AlexNets
// at N = 100 (15 000 columns) they made a node 14 times dearer (0.19 s against 14 ms).
// GLPK is deterministic: the same program, the same answer.
//
// Why it is exact: the listed paths include every path of every placement below the
// cutoff, so the program's optimum, if below the cutoff, is the best placement below it,
// and if it has none, no placement is. Its costs are seconds above each chain's cheapest
// listed path, divided by the spread (the cutoff less the cheapest combination), so every
// placement below the cutoff costs between 0 and 1; GLPK prunes within 1e-10 of that, and
// the program is refused where the spread holds more than 10^9 of `resolution` (the
// incumbent's tolerance). The placement it returns is re-costed exactly and checked
// against the capacities.
//
// Reduced-cost fixing. When the first node branches, after GLPK's cuts, its duals price
// every column: a column whose Lagrangian bound (the duals' bound with that column forced
// in) reaches the cutoff is in no placement below it. GLPK cannot drop columns from a
// running search, so where a quarter of them or more go, the program starts again without
// them. A pass's program is mostly a proof that nothing is below a cutoff its cuts bring the
// relaxation close to: on twenty 5-layer CNNs at N = 100, L = 2, HaLow, the last pass's
// 152 520 columns fall to 621 once the first node's Gomory cuts take the relaxation from
// 0.887 to 0.9987 of the spread, its nodes take milliseconds instead of 0.6 s, and the
// system is proven in 11.3 s instead of 27.5 s (Wi-Fi 4: 2.4 s instead of 15.0 s). At
// L = 1 the relaxation is within 0.05 % of the cutoff before any cut and few columns go
// (5 193 of 81 206 on the Wi-Fi 4 system); there the program branches on unit shares
// instead (path_packing.cpp, "Unit shares").
//
// A program that a limit stops still bounds every placement below its cutoff, by its open
// nodes (PackingResult::bound); the enumeration reports that as its bound.
#include <functional>
#include <optional>
#include <vector>

#include "bounds/problem.hpp"
#include "bounds/subset_rows.hpp"

namespace cnnplace {

// One chain's listed paths: `units` holds M units per path, `seconds` each path's cost.
struct ListedPaths {
  int chain = 0;
  const std::vector<int>* units = nullptr;
  const std::vector<double>* seconds = nullptr;
};

struct PackingLimits {
  double max_nodes = 2e4;      // branch-and-bound nodes of GLPK's search
  std::function<bool()> stop;  // checked at every node: true stops (time limit, interrupt)
  // Checked also between the first node's rounds of Gomory cuts, which on 50 000-100 000
  // columns take seconds (fifty AlexNets at N = 2000 ran 1.3 s past a 60 s limit there):
  // the time limit itself, not a phase's share of it, so that a proof by the cuts that
  // runs past the phase's share still completes.
  std::function<bool()> hard_stop = nullptr;
  // Seconds until that limit (null: none): GLPK's simplex and branch-and-bound stop there on
  // their own, where neither callback is called. Fifty 5-layer CNNs at N = 2000, L = 2,
  // 90-10, HaLow: a pass of 430 937 paths started its program's first simplex shortly before
  // a 60 s limit and returned at 62 s.
  std::function<double()> seconds_left = nullptr;
  // GLPK's Gomory mixed-integer cuts at the first node. The enumeration's programs are mostly
  // proofs that no placement is below a cutoff their relaxation is a little under; there the
  // cuts close what branching could not. Twenty 5-layer CNNs on 100 units, HaLow, L = 1: a
  // pass's 4 401 columns proven to hold no placement in 0.2 s instead of 20 s (glpsol on the
  // same program); the same CNNs at L = 2, Wi-Fi 4, proven optimal in 4.3 s instead of open
  // at 0.041 % after 60 s. The heuristics' programs (neighbourhoods) go without.
  bool gomory_cuts = false;
  // Subset-row cuts (bounds/subset_rows.hpp; their prices unused) that join the program as
  // rows, where the listed paths can break them: every placement satisfies them, and they
  // lift the relaxation, which has only the capacity rows, to where the dual's cuts took
  // the bound.
  const SubsetRowPrices* cut_rows = nullptr;
  // Reduced-cost fixing when the first node branches (see path_packing.cpp, kRestartShare).
  bool reduced_cost_fixing = true;
  // Branch on how many items of a chain a unit holds instead of on single paths (see
  // path_packing.cpp, "Unit shares").
  bool branch_on_units = false;
};

struct PackingResult {
  // The program was solved: `units` (if any) is the best placement below the cutoff, and
  // without it no placement is below. False: a limit stopped it, nothing is proven, and
  // `units` (if any) is the best placement found before it stopped.
  bool complete = false;
  std::optional<std::vector<int>> units;  // unit per item
  double value = kInf;
  double nodes = 0;
  // Times the program started again without the columns that its first node's duals ruled
  // out (reduced-cost fixing, after that node's cuts).
  int restarts = 0;
  // The program's columns: the listed paths below the cutoff, less the costlier of paths that
  // load the rows alike (the same units in another order, at L = 1).
  double columns = 0;
  // When not complete: a lower bound in seconds on every placement below the cutoff, from
  // the search's open nodes (-inf where it has none: a limit stopped it before its first).
  double bound = -kInf;
};

// The best placement made of the listed paths with a cost below `cutoff` (seconds).
// `resolution`: the smallest difference in seconds that matters (the incumbent's tolerance).
// Not for problems with shared items (their paths must also agree on the shared units).
PackingResult pack_paths(const Problem& p, const std::vector<ListedPaths>& listed, double cutoff, double resolution,
                         const PackingLimits& limits = {});

}  // namespace cnnplace
