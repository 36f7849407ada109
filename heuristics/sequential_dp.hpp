#pragma once
// A feasible start from the chain DP itself: place the chains one after another, each along
// its cheapest path through the units that still have room (bounds/chain_dp.hpp with a
// Residual), priced by the Lagrange multipliers so that contested units look dearer. The
// relaxation's optimum, repaired to feasibility chain by chain (design.md "Exact solver").
// Tried for several chain orders; the best feasible outcome is returned.
#include <optional>
#include <vector>

#include "bounds/multipliers.hpp"
#include "bounds/problem.hpp"

namespace cnnplace {

std::optional<std::vector<int>> sequential_chain_dp(const Problem& p, const Multipliers& lambda,
                                                    int max_orders = 6);

}  // namespace cnnplace
