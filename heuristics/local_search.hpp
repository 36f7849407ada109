#pragma once
// Local search over feasible placements: move one item to another unit, or swap the units
// of two items, accepting the first improving neighbour until none improves (design.md
// "Exact solver": better incumbents make the search prune earlier). Every move keeps every
// capacity respected, so the result is feasible whenever the start is. Deterministic.
#include <chrono>
#include <vector>

#include "bounds/problem.hpp"

namespace cnnplace {

struct LocalSearchResult {
  std::vector<int> unit_of_item;
  double cost = 0;
  int improving_moves = 0;
};

// Stops at `deadline` too (checked per item), with the improvements made so far.
LocalSearchResult local_search(const Problem& p, std::vector<int> unit_of_item, int max_rounds = 50,
                               std::chrono::steady_clock::time_point deadline =
                                   std::chrono::steady_clock::time_point::max());

// True when the item assignment respects every capacity (the search's own test).
bool respects_capacities(const Problem& p, const std::vector<int>& unit_of_item);

}  // namespace cnnplace
