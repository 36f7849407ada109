#pragma once
// A placement from the Lagrangian dual's master (bounds/dual_lp.hpp), by diving: fix the
// chain path that the master's solution uses most, solve the dual again for the rest of
// the chains against what is left, and repeat until every chain has its path.
//
// Why: with five or more chains competing for the units (L = 1), the other heuristics stop
// about 1 % above the optimum (a 100-unit, five-AlexNet HaLow system: 17284 ms against the
// 17092 ms that GLPK proves), and the search cannot close a gap the bound has already
// closed (17073 ms). The master's solution knows which paths the best placements share;
// each fix keeps the relaxation's own judgement on the chains still free. One dual solve per
// chain (warm-started from the last), so the dive costs about C root duals.
#include <functional>
#include <optional>
#include <vector>

#include "bounds/dual_lp.hpp"
#include "bounds/problem.hpp"

namespace cnnplace {

struct ColumnDiveOptions {
  // Each round also fixes every free chain whose path the master's solution gives at least
  // one half (largest values first, where it still fits), so that a round's dual serves
  // several chains. For systems whose duals take seconds: fifty AlexNets at N = 2000, L = 2,
  // 90-10, HaLow, where one fix per dual did not get past the second fix in its time, are
  // fixed in 5 duals (39 chains by the first), 239.07 s against the 282.41 s before it.
  bool fix_many = false;
  // The chains whose items this residual places all stay there, and the others only use
  // what it leaves: a large neighbourhood's dual (solver/neighbourhoods.hpp), solved with
  // the same residual. Null: every chain is free.
  const Residual* kept = nullptr;
  // Checked before every dual and inside it: true gives up (no placement).
  std::function<bool()> stop;
  int threads = 1;  // for each dual's pricing (DualLpOptions::threads)
};

// `root`: the dual at the root (its solution, multipliers and columns), or one solved with
// `options.kept`. Returns the unit of every item, or nullopt when a fix leaves some chain
// without a path that fits, or `options.stop` stopped it.
std::optional<std::vector<int>> column_dive(const Problem& p, const DualLpResult& root,
                                            const ColumnDiveOptions& options = {});

}  // namespace cnnplace
