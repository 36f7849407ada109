#pragma once
// Solver options, each declared once (style.md #6): the table in options.cpp gives every
// option's name, help, default and range; the CLI, --help, validation and the echo in
// results are all generated from it.
#include <atomic>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace cnnplace {

struct Progress;  // solver/result.hpp

struct SolverOptions {
  int threads = 1;                  // worker threads; 0 = one per core
  double time_limit_s = std::numeric_limits<double>::infinity();
  double node_limit = std::numeric_limits<double>::infinity();
  double abs_tolerance_s = 1e-12;   // prune when bound >= incumbent - max(abs, rel * |incumbent|)
  double rel_tolerance = 1e-9;
  double progress_interval_s = 1.0; // seconds between progress reports (0 = none)
  int lagrangian_iterations = 200;  // subgradient steps at the root (0 = no Lagrangian bound)
  bool local_search = true;         // improve incumbents by moves and swaps
  bool dual_lp = true;              // the root's Lagrangian dual by column generation
  bool enumerate = true;            // reduced-cost path enumeration (solver/path_enumeration.hpp)
  bool neighbourhoods = true;       // large neighbourhood search at scale (solver/neighbourhoods.hpp)
  // Subset-row cuts in the root's dual (bounds/subset_rows.hpp) where a pricing round has
  // more than this many table cells (layers x units); 0: everywhere, infinity: never.
  double subset_row_cells = 2000;
  // Search nodes down to this share of the items' depth compute their own Lagrangian dual
  // (bounds/dual_lp.hpp), when the root needed column generation and it converged quickly; 0 =
  // never, 1 = every node.
  double node_duals = 0.5;

  // Called from a solver thread at each progress interval and on each new incumbent.
  std::function<void(const Progress&)> on_progress;
  // Checked during the search; when it becomes true the solver stops as at a time limit.
  const std::atomic<bool>* interrupt = nullptr;
};

struct OptionSpec {
  const char* name;  // CLI spelling without dashes, also the JSON key
  const char* help;
  double min, max;
  std::function<double(const SolverOptions&)> get;
  std::function<void(SolverOptions&, double)> set;
};

// The table of every numeric solver option.
const std::vector<OptionSpec>& solver_option_specs();

// Throws InputError naming the option when a value is out of range.
void validate_options(const SolverOptions& options);

// Sets one option from a number given by a user (the CLI): its range is checked on the value
// as given, before the setter converts it (an on/off option set to -1 would otherwise read
// as "on" and pass every later check). Throws InputError naming the option.
void set_option(const OptionSpec& spec, SolverOptions& options, double value);

}  // namespace cnnplace
