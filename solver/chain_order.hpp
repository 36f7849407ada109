#pragma once
// The order in which the search places the chains (CNNs).
//
// The search assigns items chain by chain, so the first chain's choices sit at the top of
// the tree. Which chain comes first changes the tree by orders of magnitude where chains
// compete for the same units: on the later suite's three-AlexNet L = 1 systems, one order
// proved an optimum in 0.15 s where the instance's own order was still open after 10 s,
// and the best first chain differed from system to system (measured over all six orders of
// eight such systems).
//
// Rule: the chain whose root dual solution (bounds/dual_lp.hpp) spreads over the fewest
// paths first (ties: the instance's order). Such a chain is nearly decided by the
// relaxation: fixing it first costs few branches and lets the residual tables and node duals
// of the others see which units it takes. On those eight systems this order was the fastest
// or within 0.5 s of it, and never timed out; the instance's order timed out twice. Used
// only where search nodes also solve their own dual (solver/solve.cpp): without them it
// measured worse (five AlexNets at N = 1000, L = 2: open at 20 s instead of 1.8 s).
#include <vector>

#include "model/instance.hpp"
#include "model/placement.hpp"

namespace cnnplace {

// The search order of the chains (old index per new position) from the number of paths
// each uses in the root dual's solution.
std::vector<int> chain_search_order(const std::vector<int>& paths_in_use);

// The instance with its CNNs in `order` (cnns[n] = instance.cnns[order[n]]), shared groups
// renumbered. Placements convert both ways.
Instance with_cnn_order(const Instance& instance, const std::vector<int>& order);
Placement to_cnn_order(const Placement& placement, const std::vector<int>& order);
Placement from_cnn_order(const Placement& placement, const std::vector<int>& order);

}  // namespace cnnplace
