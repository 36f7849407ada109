#pragma once
// Starting prices for the layer-count rows, from a transportation problem: every item to
// one unit, at most L_i items per unit, an item on unit i costing its node costs there
// (processing, source and sink terms). Its optimal dual price of unit i's slots is what a
// displaced item would pay elsewhere: when fast units are too few for the layers that need
// them (L = 1, a 90-10 mix, several AlexNets), exactly the price the Lagrangian needs, which
// plain subgradient steps only approach slowly through a sea of ties.
// Solved as a min-cost flow by successive shortest paths (Dijkstra with potentials).
#include <vector>

#include "bounds/multipliers.hpp"
#include "bounds/problem.hpp"

namespace cnnplace {

// lambda.count for the active count rows (the other rows stay 0); zero if no row binds.
Multipliers assignment_prices(const Problem& p);

}  // namespace cnnplace
