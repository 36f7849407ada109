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
//
// No ping-pong (when no unit can take two consecutive layers of the chain, run_cap = 1, as
// at L = 1): runs alone still let a path go i -> k -> i, which the relaxation loves (the two
// units next to the source or the sink, alternately) and which no placement can do when
// unit i cannot hold layers j and j + 2 together. The tables then also forbid that return:
// per state they keep the best move and the best move to another unit (a non-backtracking
// walk), and the cost-to-go of a state depends on the unit before it, given to tail().
// Measured on the paper suite's hardest cells (two 5-layer CNNs, L = 1, 10-90 mix): the
// worst root Lagrangian gap falls from 1.72 % to 0.004 % and the search from 61 296 nodes
// to 3 685 (docs/scale.md). Admissible: a placement that returns to such a unit violates its
// capacity, so only infeasible paths are dropped. With nearest sources (N >= 400) the move
// step asks for each unit's three nearest sources, adds those whose best move returns to it,
// and where that cannot settle the second-best move scans as the pairwise mode does; only up
// to Problem::forbid_returns_at_scale_cells, where it pays (measured there).
#include <cstddef>
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

  // Nothing placed yet.
  static Residual empty(const Problem& p);
  // Can unit i take item k on top of what it holds (L, memory, compute)?
  bool has_room(const Problem& p, int k, int i) const;
  // Puts item k on unit i.
  void place(const Problem& p, int k, int i);
  // Takes item k back off its unit.
  void remove(const Problem& p, int k);
  // Are all of the chain's items placed (the chain has one path left)?
  bool places_all(const Chain& c) const;
};

// Whether the tables of `p` find moves by multi-source shortest paths (large N).
bool use_nearest_sources(const Problem& p);
// ... and, where they do, whether two consecutive layers that `units` and `next_units` units
// may take are still few enough to scan their pairs (Problem::scan_pairs_per_unit).
inline bool scans_pairs(const Problem& p, std::size_t units, std::size_t next_units) {
  return static_cast<double>(units) * static_cast<double>(next_units) <= p.scan_pairs_per_unit * p.units;
}

class ChainTables {
 public:
  ChainTables(const Problem& p, int chain, const Multipliers& lambda, const Residual* residual = nullptr);

  // Lower bound on the cost of layers j+1.. given layer j on unit i ending a run of r.
  double tail(int j, int i, int r) const {
    const double stay = r < run_cap_ && r + 1 <= max_run(j + 1, i) ? best(j + 1, i, r + 1) : kInf;
    const double mv = move_[idx(j, i)];
    return stay < mv ? stay : mv;
  }
  // The same, knowing that layer j - 1 is on unit `prev` (-1: none): at least tail(j, i, r).
  double tail(int j, int i, int r, int prev) const {
    if (!no_return_ || prev < 0) return tail(j, i, r);
    return returns_forbidden(j, i, prev) ? move2_[idx(j, i)] : move_[idx(j, i)];
  }
  bool no_return() const { return no_return_; }
  double root() const { return root_; }  // lower bound on the whole chain
  // The lambda-priced cost of layer j on unit i (+inf where it cannot go).
  double node(int j, int i) const { return node_[idx(j, i)]; }
  int max_run(int j, int i) const { return max_run_[idx(j, i)]; }
  // A capacity-free optimal path (unit per layer) under these prices.
  std::vector<int> argmin_path() const;
  // The optimal completion of a chain whose layers [0, placed) are assigned, the last on
  // `last` ending a run of `run` (placed = 0: the whole argmin path): units of layers
  // placed.. (empty if none).
  std::vector<int> completion(int placed, int last, int run, int prev) const;
  // Bytes held (for the search's memory budget).
  std::size_t bytes() const;

 private:
  std::vector<int> follow(int j, int i, int r, int prev) const;  // units of layers j+1..
  // Per unit t, the units k of layer j + 1 whose best move returns to t where t cannot hold
  // layers j and j + 2 together: sources[begin[t] .. begin[t + 1]), ascending.
  void group_returning(int j, std::vector<int>& begin, std::vector<int>& sources) const;
  std::size_t idx(int j, int i) const { return static_cast<std::size_t>(j) * N_ + i; }
  double best(int j, int i, int r) const { return best_[(idx(j, i)) * run_cap_ + (r - 1)]; }
  double& best(int j, int i, int r) { return best_[(idx(j, i)) * run_cap_ + (r - 1)]; }
  // From state (j, i) reached from `prev`: is the best move a return to a unit that cannot
  // hold layers j - 1 and j + 1 together?
  bool returns_forbidden(int j, int i, int prev) const {
    return j >= 1 && move_to_[idx(j, i)] == prev && no_double_[idx(j - 1, prev)];
  }
  // Cost of layers j.. from unit k at layer j, reached from unit `from` at layer j - 1.
  double from_value(int j, int k, int from) const {
    if (j + 1 >= M_) return best(j, k, 1);
    return node(j, k) + (returns_forbidden(j, k, from) ? move2_[idx(j, k)] : move_[idx(j, k)]);
  }
  int next_unit(int j, int i, int prev) const {
    return no_return_ && prev >= 0 && returns_forbidden(j, i, prev) ? move2_to_[idx(j, i)] : move_to_[idx(j, i)];
  }

  int M_, N_, run_cap_;
  std::vector<std::vector<int>> candidates_;  // per layer: units that may take it
  std::vector<int> max_run_;   // R_j(i): longest run ending at j that fits on i (0: j does not fit)
  std::vector<double> node_;   // M x N
  std::vector<double> best_;   // M x N x run_cap: B_j(i, r), cost of layers j.. from state (j, i, r)
  std::vector<double> move_;   // M x N: min over k != i of w_j T(i, k) + B_{j+1}(k, 1)
  std::vector<int> move_to_;   // argmin k of move_
  // No ping-pong (run_cap = 1 only): the best move to a unit other than move_to_, and per
  // (j, i) whether unit i cannot hold layers j and j + 2 together.
  bool no_return_ = false;
  std::vector<double> move2_;
  std::vector<int> move2_to_;
  std::vector<char> no_double_;
  double root_ = kInf;
};

// ChainTables(p, u, lambda, residual).root() where the residual assigns every item of chain
// u, to the units of `path`, without the tables: the same node values, summed in the same
// order (from the last layer back; a layer on the unit of the next adds no transfer). A
// large neighbourhood (solver/neighbourhoods.hpp) keeps most chains so at every pricing.
double assigned_chain_root(const Problem& p, int u, const Multipliers& lambda, const std::vector<int>& path);

}  // namespace cnnplace
