#pragma once
// Hall's condition as a pruning test inside the search. For each distinct candidate set S
// (the units an item fits on), the items still to place that can only go to S must fit in
// what S has left: their number within S's remaining layer slots, their memory and compute
// within S's remaining totals. A necessary condition for any completion, so cutting a node
// that violates it loses nothing; it catches at once the dead ends that the chain bounds
// see only when the starved chain begins (two CNNs whose big layers fit only on the
// Raspberry Pis of a 90-10 mix, say).
#include <vector>

#include "bounds/problem.hpp"

namespace cnnplace {

struct HallSets {
  struct Set {
    std::vector<char> member;  // per unit
    double slots = 0, memory = 0, compute = 0;  // totals over the set (slots capped at items)
  };
  std::vector<Set> sets;                      // only sets smaller than all units
  std::vector<std::vector<int>> sets_of_unit; // sets containing each unit
  std::vector<std::vector<int>> demand_of_item;  // sets that contain all of the item's candidates

  bool empty() const { return sets.empty(); }
};

HallSets build_hall_sets(const Problem& p);

// What each set still has and still owes, updated as items are placed.
struct HallState {
  std::vector<double> slots, memory, compute;            // left in the set
  std::vector<double> demand, demand_memory, demand_compute;  // owed by unplaced items

  HallState(const Problem& p, const HallSets& h);
  // Place item k on unit i (sign +1) or take it back (-1).
  void apply(const Problem& p, const HallSets& h, int k, int i, double sign);
  // Would placing item k on unit i leave every touched set able to pay what it owes?
  bool allows(const Problem& p, const HallSets& h, int k, int i) const;
};

}  // namespace cnnplace
