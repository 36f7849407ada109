#pragma once
// Depth-first branch-and-bound over item-by-item assignments (design.md "Exact solver").
//
// Items are assigned in chain order (CNN 0's layers, then CNN 1's, ...; a shared item at its
// first CNN), so each chain is filled from its first layer on and its bound is its priced
// prefix cost plus one cost-to-go look-up (bounds/chain_dp.hpp). Children are visited in
// order of their bound (ties by unit index); a child is cut when its unit lacks capacity or
// its bound cannot beat the incumbent (solver/incumbent.hpp). The root is split into a
// frontier of subtrees that TBB workers take in turn (work stealing), all sharing the one
// incumbent.
#include <atomic>
#include <chrono>
#include <mutex>
#include <vector>

#include "bounds/chain_dp.hpp"
#include "bounds/hall.hpp"
#include "bounds/problem.hpp"
#include "solver/incumbent.hpp"
#include "solver/result.hpp"

namespace cnnplace {

// One family of cost-to-go tables under one set of multipliers. The search keeps two when
// the Lagrangian found non-zero multipliers: the capacity-free tables (lambda = 0) and the
// priced ones, and a node's bound is the larger of the two. Measured: either one alone
// loses by orders of magnitude in nodes on some paper-scale instances (the priced bound
// is tighter at the root, the plain one orders children better deeper down).
struct BoundSystem {
  Multipliers lambda;
  std::vector<ChainTables> chains;
  double constant = 0;  // lambda's "- sum lambda" term
};

// Read-only data every worker shares: the problem, the bound systems and the Hall sets.
struct SearchTables {
  std::vector<BoundSystem> systems;
  HallSets hall;
  // Rebuild the chain tables when an item fills its unit too, not only where a chain starts:
  // only with shared layers. Measured on the paper suite (30 seeds per cell): with shared
  // layers the rebuilds keep the trees small (max 119 nodes instead of 19 076); without, they
  // cost more than they prune (max 199 ms -> 64 ms; the later suite's 3 AlexNets at L = 1:
  // 3x the nodes per second, open instances solved).
  bool rebuild_on_fill = false;
  std::vector<int> twin_class;  // bounds/problem.hpp find_twins()
  // Nodes at depths 1..node_dual_depth compute their own Lagrangian dual (0: none).
  int node_dual_depth = 0;

  SearchTables(const Problem& p, const Multipliers& priced);
};

struct SearchControl {
  const SolverOptions* options = nullptr;
  std::chrono::steady_clock::time_point start;
  std::atomic<bool> stop{false};
  std::atomic<double> nodes{0};
  bool stop_at_first_leaf = false;  // the dive used as a start heuristic
  double node_limit = std::numeric_limits<double>::infinity();
  double root_bound_s = 0;               // for progress lines
  std::atomic<double> next_progress_s{0};
  std::mutex progress_mutex;             // progress callbacks run one at a time

  double elapsed_s() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
};

struct SearchOutcome {
  bool complete = false;         // the whole tree was explored (or pruned)
  double open_bound = std::numeric_limits<double>::infinity();  // min bound over unexplored nodes
  double root_bound = 0;
  SolveStats stats;              // nodes and pruning counters
};

SearchOutcome run_search(const Problem& p, const SearchTables& tables, Incumbent& incumbent,
                         SearchControl& control, int threads);

}  // namespace cnnplace
