#pragma once
// Cost-to-go tables of one chain: the capacity-free optimum of its remaining layers from
// any state, in O(1) per look-up during the search (design.md "Bounds" 1-2).
//
// The state after placing layer j carries the unit i and the run length r: how many
// consecutive layers of this chain end on i. A run of layers j-r+1..j is only allowed on i
// if those layers fit there together (r <= L_i, their memory <= mbar_i, compute <= cbar_i).
// This forbids the "fractional colocation" that makes the plain layered-graph bound weak at
// small L (design.md: the gap at L = 1 falls from 13-67 % to about 0-0.4 %), and smears no
// chain over a unit beyond what a real run could hold.
//
// Admissible: every feasible placement, restricted to one chain, is a path through these
// states (its runs fit, since the whole unit's load fits), with the same node and arc costs;
// capacities shared with other chains are only relaxed (or priced by the multipliers).
#include <vector>

#include "bounds/multipliers.hpp"
#include "bounds/problem.hpp"

namespace cnnplace {

// What a subtree may still use: the loads already placed on each unit and the unit of
// every item already assigned (-1: free). Tables built against it only offer a layer the
// units whose remaining capacity can take it, and only runs that fit what remains; a layer
// whose item is assigned already may only sit on that unit, at no further capacity.
// Still admissible for the subtree: every completion respects these remaining capacities.
struct Residual {
  std::vector<int> count;
  std::vector<double> memory, compute;
  std::vector<int> unit_of_item;
};

// Whether the tables of `p` find moves by multi-source shortest paths (large N).
bool use_nearest_sources(const Problem& p);

class ChainTables {
 public:
  ChainTables(const Problem& p, int chain, const Multipliers& lambda, const Residual* residual = nullptr);

  // Lower bound on the cost of layers j+1.. given layer j on unit i ending a run of r.
  double tail(int j, int i, int r) const {
    const double stay = r < run_cap_ && r + 1 <= max_run(j + 1, i) ? best(j + 1, i, r + 1) : kInf;
    const double mv = move_[idx(j, i)];
    return stay < mv ? stay : mv;
  }
  double root() const { return root_; }  // lower bound on the whole chain
  // The lambda-priced cost of layer j on unit i (+inf where it cannot go).
  double node(int j, int i) const { return node_[idx(j, i)]; }
  int max_run(int j, int i) const { return max_run_[idx(j, i)]; }
  // A capacity-free optimal path (unit per layer) under these prices.
  std::vector<int> argmin_path() const;
  // The optimal completion of a chain whose layers [0, placed) are assigned, the last on
  // `last` ending a run of `run` (placed = 0: the whole argmin path): units of layers
  // placed.. (empty if none).
  std::vector<int> completion(int placed, int last, int run) const;
  // Bytes held (for the search's memory budget).
  std::size_t bytes() const;

 private:
  std::size_t idx(int j, int i) const { return static_cast<std::size_t>(j) * N_ + i; }
  double best(int j, int i, int r) const { return best_[(idx(j, i)) * run_cap_ + (r - 1)]; }
  double& best(int j, int i, int r) { return best_[(idx(j, i)) * run_cap_ + (r - 1)]; }

  const Problem* p_;
  int chain_, M_, N_, run_cap_;
  std::vector<std::vector<int>> candidates_;  // per layer: units that may take it
  std::vector<int> max_run_;   // R_j(i): longest run ending at j that fits on i (0: j does not fit)
  std::vector<double> node_;   // M x N
  std::vector<double> best_;   // M x N x run_cap: B_j(i, r), cost of layers j.. from state (j, i, r)
  std::vector<double> move_;   // M x N: min over k != i of w_j T(i, k) + B_{j+1}(k, 1)
  std::vector<int> move_to_;   // argmin k of move_
  double root_ = kInf;
};

}  // namespace cnnplace
