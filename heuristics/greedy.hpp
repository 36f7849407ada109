#pragma once
// The first feasible placement, in microseconds even at N = 2000 and C = 50 (issue 8,
// "anytime"): chain by chain, each layer on the unit that still has room for it and adds
// the least to the objective given where the previous layer went (its node cost plus the
// transfer from there). Myopic, so often a few per cent above the optimum, but it gives
// the search and the Lagrangian ascent a target from the start; the chain DP heuristics
// and local search then improve it. Deterministic (ties by unit index).
//
// Where that pass runs out of room (cheap small layers take the only units big enough for
// later chains' big layers: 50 five-layer CNNs on 200 units at L = 2, whose first placement
// then waited 105-208 ms for the chain DP heuristics), a second pass places the items with
// the fewest candidate units first, each next to its neighbours placed so far.
#include <optional>
#include <vector>

#include "bounds/problem.hpp"

namespace cnnplace {

// Unit per item, or nullopt when some layer finds no unit with room left.
std::optional<std::vector<int>> greedy_placement(const Problem& p);

}  // namespace cnnplace
