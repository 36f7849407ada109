#pragma once
// Solves every system of every cell exactly, one solver thread per system, systems in
// parallel (TBB). Results are stored by (cell, system) index, so every statistic computed
// from them is the same at any thread count.
#include <string>
#include <vector>

#include "bench/paper/cells.hpp"

namespace cnnplace::paper {

enum class Outcome {
  optimal,       // proven optimal, passed check(), evaluate() agrees with the solver
  infeasible,    // proven infeasible (e.g. a 90-10 draw without enough Raspberry Pis)
  time_limit,    // a limit stopped the search: the placement is feasible, not proven optimal
  no_solution,   // a limit stopped the search before any placement
  check_failed,  // the solver's placement failed check() or disagrees with evaluate()
  error,         // invalid input or an exception (message in the report)
};
const char* to_string(Outcome o);

struct SystemResult {
  Outcome outcome = Outcome::error;
  std::uint64_t seed = 0;
  double t_t_ms = 0, t_p_ms = 0, t_ms = 0;  // evaluate() of the placement, summed over CNNs
  double solve_s = 0;
  double nodes = 0;
  std::string message;  // infeasibility reason or error

  bool has_times() const { return outcome == Outcome::optimal || outcome == Outcome::time_limit; }
};

struct RunOptions {
  int systems = 1000;
  int threads = 0;              // arena size; 0 = all cores
  double time_limit_s = 60;     // per solve
  bool progress = false;        // progress bar and time-left estimate on stderr
};

// results[c][s]: system s of cells[c].
std::vector<std::vector<SystemResult>> run_cells(const std::vector<Cell>& cells, const Conventions& conventions,
                                                 const RunOptions& options);

// One system: generate, solve, check, evaluate.
SystemResult run_system(const Cell& cell, int system, const Conventions& conventions, double time_limit_s);

}  // namespace cnnplace::paper
