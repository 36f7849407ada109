#pragma once
// The best Lagrange multipliers, by column generation (Dantzig-Wolfe) instead of subgradient
// steps (design.md "Bounds" 4).
//
// Why: the Lagrangian dual max_lambda L(lambda) (bounds/lagrangian.hpp) is the bound the
// search lives on, and subgradient ascent approaches it slowly where chains compete for the
// same few units. On the later suite's hardest systems (N = 50, three AlexNets, L = 1) 340
// Polyak steps stopped 0.5 % (Wi-Fi 4) and 3 % (HaLow) below even the LP bound of the tight
// MIP export, which the dual is never below: GLPK's branch-and-bound then proved in seconds
// what our search could not in a minute.
//
// How: the master LP chooses, per chain, a convex combination of the chain paths found so
// far, subject to the relaxed capacity rows (normalised as in bounds/multipliers.hpp):
//   min sum_P cost_P x_P   s.t.   sum_{P of u} x_P = 1 (each chain u),
//                                 sum_P load_r(P) x_P <= 1 (each active row r),   x >= 0.
// Its row duals are multipliers: lambda_r = -dual_r >= 0. Pricing a chain at lambda is the
// chain DP itself (ChainTables::root and argmin_path), so the columns carry the run and
// no-return restrictions of bounds/chain_dp.hpp, and the dual reached is at least the LP bound
// of the tight export. Every pricing round evaluates L(lambda) exactly, which is a valid
// lower bound at any lambda >= 0, so stopping early (time, iterations, or once the bound
// reaches the incumbent) still returns a proven bound with its multipliers.
//
// Stabilisation (Wentges smoothing): pricing at a point between the best multipliers so far
// and the master's duals tames the duals' oscillation between vertices; a round whose
// smoothed pricing finds no improving column prices at the master's duals themselves.
//
// Subset-row cuts (bounds/subset_rows.hpp): where units hold a few layers, once the dual has
// converged, the cuts its master's solution violates join the master as rows, and the
// pricing charges their duals to the paths that meet them (bounds/fitting_path.hpp). The
// bound with them, L(lambda, sigma), comes back apart (`with_cuts`): the search's chain
// tables price multipliers only, and the path enumeration prices both.
//
// The master is solved with GLPK's simplex (libglpk, a Debian package the MIP baseline
// already installs), warm-started from the previous basis after every round of columns.
#include <functional>
#include <utility>
#include <vector>

#include "bounds/chain_dp.hpp"
#include "bounds/multipliers.hpp"
#include "bounds/problem.hpp"
#include "bounds/subset_rows.hpp"

namespace cnnplace {

// A column of the master: chain `chain` with layer j on unit path[j].
struct ChainPath {
  int chain;
  std::vector<int> path;
};

struct DualLpOptions {
  int max_rounds = 300;
  double smoothing = 0.5;  // Wentges alpha: weight of the best multipliers in the pricing point
  // Checked before every round: true stops, keeping the best bound so far.
  std::function<bool()> stop;
  // Called after every round with the best bound so far (progress lines).
  std::function<void(double)> on_bound;
  // Where units hold a few layers and nothing is shared: once the dual has converged,
  // up to this many subset-row cuts (bounds/subset_rows.hpp) join the master, the most
  // violated first, and the pricing goes on with their prices (0: none). Not at search
  // nodes (with a residual).
  int max_subset_rows = 0;
  // Threads for the chains' pricing (bounds/parallel.hpp); the bound and the columns are
  // the same at any count. 1 inside the search, whose workers keep the cores busy.
  int threads = 1;
};

struct DualLpStart {
  // Placements (unit per item) whose chain paths seed the master, e.g. the incumbent.
  std::vector<std::vector<int>> placements;
  // Columns from an earlier master (a parent node's); those that do not respect the
  // residual state are left out.
  const std::vector<ChainPath>* columns = nullptr;
  const Multipliers* warm = nullptr;  // multipliers to price at first
  // A search node: assigned items stay on their units, and free items only use what the
  // units have left (bounds/chain_dp.hpp). The bound is then one for the node's subtree.
  const Residual* residual = nullptr;
  // Stop once the bound is within `tolerance` of this (the incumbent's value).
  double upper_bound = kInf;
  double tolerance = 0;
  // Stop as soon as the bound cannot reach upper_bound - tolerance (a search node that only
  // asks whether it can be pruned).
  bool prune_only = false;
};

struct DualLpResult {
  Multipliers lambda;   // the multipliers of the best bound found
  double bound = -kInf;  // L(lambda): a proven lower bound (on the node's subtree)
  int rounds = 0;
  bool converged = false;  // no column prices out: bound is the Lagrangian dual itself
  // Placements whose chain paths at some pricing point happened to fit together.
  std::vector<std::vector<int>> feasible_item_units;
  // The master's real columns at the end whose reduced cost is within upper_bound - bound
  // (for child nodes).
  std::vector<ChainPath> columns;
  // Per chain, how many of its paths the last master's solution uses (1: integral there);
  // empty when no master was solved.
  std::vector<int> paths_in_use;
  // The last master's solution: its real columns with a positive value, and the value;
  // empty when no master was solved.
  std::vector<std::pair<ChainPath, double>> solution;
  // With subset-row cuts: the best bound L(lambda, sigma) priced with them, and its
  // multipliers and cut prices (bound -inf: no cut was violated or none was asked for).
  struct WithCuts {
    Multipliers lambda;
    SubsetRowPrices cuts;
    double bound = -kInf;
    int rows = 0;  // cuts added to the master
  } with_cuts;
};

// Without a start, artificial columns keep the first masters feasible.
DualLpResult lagrangian_dual_lp(const Problem& p, const DualLpStart& start, const DualLpOptions& options = {});

}  // namespace cnnplace
