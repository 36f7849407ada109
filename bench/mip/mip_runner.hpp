#pragma once
// The front door of the MIP baselines: export an instance, run one external solver on it
// (one thread, a time limit, a hard kill past it), and check what comes back with the same
// evaluate()/check() that judge our own solver (style.md #8).
#include <optional>
#include <string>
#include <vector>

#include "bench/mip/drivers.hpp"
#include "model/instance.hpp"
#include "model/mip_export.hpp"
#include "model/placement.hpp"

namespace cnnplace::mip {

struct MipRunOptions {
  double time_limit_s = 60;
  MipFormulation formulation = MipFormulation::strong_tight;
  MipFormat format = MipFormat::lp;
  double kill_slack_s = 10;  // SIGKILL after time_limit_s + max(kill_slack_s, time_limit_s / 5)
  bool keep_files = false;   // leave the run directory (model, log, solution) on disk
  // The solver sees the objective times this (1e6: microseconds). In seconds the objective
  // is 0.01-2 and its smallest terms 1e-8, below the solvers' absolute tolerances (dual
  // feasibility 1e-7, GLPK's pruning 1e-7 (1 + |z|)): measured on the paper suite, CBC and
  // GLPK then called placements 4.4e-8 s (2.6e-6 relative) above the optimum "optimal".
  // Objective and bound are reported back in seconds.
  double objective_scale = 1e6;
};

struct MipRun {
  std::string solver, version;
  MipStatus status = MipStatus::error;
  MipFormulation formulation = MipFormulation::strong_tight;
  MipFormat format = MipFormat::lp;
  int variables = 0, binaries = 0, rows = 0;
  double objective = std::numeric_limits<double>::quiet_NaN();  // recomputed from the values
  double reported_objective = std::numeric_limits<double>::quiet_NaN();  // as the solver printed
  double bound = std::numeric_limits<double>::quiet_NaN();
  double seconds = 0;    // wall time of the solver process (reading the model included)
  long nodes = -1;
  bool killed = false;   // overran time limit + slack and was killed
  std::optional<Placement> placement;  // decoded, when the solver returned a solution
  double evaluated = std::numeric_limits<double>::quiet_NaN();  // evaluate(placement)
  std::vector<std::string> violations;  // check(placement), empty when feasible
  std::string message;  // why the status is error, or what went wrong decoding
  std::string run_dir;  // set when keep_files

  // A placement was returned, it passes check(), and evaluate() agrees with the objective.
  bool verified(double rel_tolerance = 1e-6) const;
};

// Solver names whose binary is on the PATH, among "cbc", "glpk", "highs", "scip", "gurobi".
std::vector<std::string> available_mip_solvers();

// Runs `solver` on `model` (built from `instance`). Never throws for a solver's failure: it
// is reported as status error with a message. Throws InputError for an unknown solver name.
MipRun run_mip(const Instance& instance, const MipModel& model, const std::string& solver,
               const MipRunOptions& options);

// Builds the model, then runs it.
MipRun run_mip(const Instance& instance, const std::string& solver, double time_limit_s,
               MipFormulation formulation = MipFormulation::strong_tight,
               MipFormat format = MipFormat::lp);

}  // namespace cnnplace::mip
