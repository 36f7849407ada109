#pragma once
// What solve() answers. The answer (status, placement, bound) is kept apart from failure:
// invalid input is its own status with the message, never an exception out of solve().
#include <optional>
#include <string>

#include "model/evaluate.hpp"
#include "model/placement.hpp"
#include "solver/options.hpp"

namespace cnnplace {

enum class SolveStatus {
  optimal,        // placement proven optimal (within the tolerances)
  feasible,       // a limit stopped the search: placement with a proven lower bound and gap
  infeasible,     // proven: no placement satisfies the capacities (message says why)
  no_solution,    // a limit stopped the search before any feasible placement was found
  invalid_input,  // the instance failed validation (message says where and how to fix it)
};
const char* to_string(SolveStatus s);

struct SolveStats {
  double nodes = 0;               // search nodes expanded
  double pruned_by_bound = 0;     // children cut because their bound reached the incumbent
  double pruned_by_capacity = 0;  // children cut because the unit lacked capacity
  double leaves = 0;              // complete placements reached by the search
  double node_duals = 0;          // search nodes whose own Lagrangian dual was computed
  double enumerated_paths = 0;    // chain paths listed by the path enumeration (0: it did not run)
  double packing_nodes = 0;       // branch-and-bound nodes of its integer programs over those paths
  double neighbourhoods = 0;      // large neighbourhoods re-solved before the search (0: none)
  double subset_rows = 0;         // subset-row cuts added to the root's column generation (0: none)
  double seconds = 0;             // wall time of solve()
  double time_to_first_s = -1;    // when the first feasible placement was found (-1: never)
  double time_to_best_s = -1;     // when the final placement was found
  double root_bound_s = 0;        // capacity-free chain DP bound (run-aware)
  double root_lagrangian_bound_s = 0;  // after subgradient ascent
  int lagrangian_iterations = 0;
  double heuristic_objective_s = -1;   // incumbent before the search (-1: none)
  int threads = 1;
};

struct SolveResult {
  SolveStatus status = SolveStatus::no_solution;
  std::optional<Placement> placement;
  std::optional<Evaluation> evaluation;  // evaluate() of the placement: the reference values
  double objective_s = std::numeric_limits<double>::infinity();
  double lower_bound_s = 0;
  double gap = std::numeric_limits<double>::infinity();  // (objective - bound) / objective
  std::string message;                   // infeasibility reason or input error
  SolveStats stats;
  SolverOptions options;
};

struct Progress {
  double seconds = 0;
  double nodes = 0;
  double incumbent_s = std::numeric_limits<double>::infinity();
  double bound_s = 0;
  bool new_incumbent = false;
};

}  // namespace cnnplace
