#include "solver/options.hpp"

#include <fmt/format.h>

#include <cmath>

#include "model/errors.hpp"

namespace cnnplace {

const std::vector<OptionSpec>& solver_option_specs() {
  constexpr double inf = std::numeric_limits<double>::infinity();
  static const std::vector<OptionSpec> specs{
      {"threads", "worker threads for the search and the root's pricing (0 = one per core)", 0, 1024,
       [](const SolverOptions& o) { return double(o.threads); },
       [](SolverOptions& o, double v) { o.threads = int(v); }},
      {"time-limit", "stop after this many seconds with the best placement and a proven bound", 0, inf,
       [](const SolverOptions& o) { return o.time_limit_s; },
       [](SolverOptions& o, double v) { o.time_limit_s = v; }},
      {"node-limit", "stop after this many search nodes", 0, inf,
       [](const SolverOptions& o) { return o.node_limit; },
       [](SolverOptions& o, double v) { o.node_limit = v; }},
      {"abs-tolerance", "absolute optimality tolerance in seconds", 0, 1,
       [](const SolverOptions& o) { return o.abs_tolerance_s; },
       [](SolverOptions& o, double v) { o.abs_tolerance_s = v; }},
      {"rel-tolerance", "relative optimality tolerance", 0, 1,
       [](const SolverOptions& o) { return o.rel_tolerance; },
       [](SolverOptions& o, double v) { o.rel_tolerance = v; }},
      {"progress-interval", "seconds between progress lines (0 = none)", 0, inf,
       [](const SolverOptions& o) { return o.progress_interval_s; },
       [](SolverOptions& o, double v) { o.progress_interval_s = v; }},
      {"lagrangian-iterations", "subgradient steps for the root Lagrangian bound (0 = off)", 0, 100000,
       [](const SolverOptions& o) { return double(o.lagrangian_iterations); },
       [](SolverOptions& o, double v) { o.lagrangian_iterations = int(v); }},
      {"local-search", "improve incumbents by local search (1 = on, 0 = off)", 0, 1,
       [](const SolverOptions& o) { return o.local_search ? 1.0 : 0.0; },
       [](SolverOptions& o, double v) { o.local_search = v != 0; }},
      {"dual-lp", "root Lagrangian dual by column generation after the subgradient steps (1 = on, 0 = off)", 0, 1,
       [](const SolverOptions& o) { return o.dual_lp ? 1.0 : 0.0; },
       [](SolverOptions& o, double v) { o.dual_lp = v != 0; }},
      {"enumerate",
       "list every chain path within the root's gap and combine them, which proves many systems optimal "
       "before any search (1 = on, 0 = off)",
       0, 1, [](const SolverOptions& o) { return o.enumerate ? 1.0 : 0.0; },
       [](SolverOptions& o, double v) { o.enumerate = v != 0; }},
      {"neighbourhoods",
       "on large systems, re-place a few competing CNNs at a time by column generation and an integer "
       "program over its columns, for better placements before the search (1 = on, 0 = off)",
       0, 1, [](const SolverOptions& o) { return o.neighbourhoods ? 1.0 : 0.0; },
       [](SolverOptions& o, double v) { o.neighbourhoods = v != 0; }},
      {"subset-row-cells",
       "subset-row cuts in the root's column generation, which raise its bound where CNNs compete for the same "
       "units of a few layers (L <= 8), on systems with more than this many layer-unit pairs (0 = everywhere, "
       "inf = never)",
       0, inf, [](const SolverOptions& o) { return o.subset_row_cells; },
       [](SolverOptions& o, double v) { o.subset_row_cells = v; }},
      {"node-duals",
       "search nodes down to this share of the depth re-solve their own Lagrangian dual, when the root needed "
       "column generation and it converged quickly (0 = never, 1 = every node)",
       0, 1, [](const SolverOptions& o) { return o.node_duals; },
       [](SolverOptions& o, double v) { o.node_duals = v; }},
  };
  return specs;
}

namespace {

void check_range(const OptionSpec& s, double v) {
  if (std::isnan(v) || v < s.min || v > s.max)
    throw InputError(fmt::format("--{}", s.name), fmt::format("{} is out of range", v),
                     fmt::format("give a value between {} and {}", s.min, s.max));
}

}  // namespace

void validate_options(const SolverOptions& options) {
  for (const OptionSpec& s : solver_option_specs()) check_range(s, s.get(options));
}

void set_option(const OptionSpec& spec, SolverOptions& options, double value) {
  check_range(spec, value);
  spec.set(options, value);
}

}  // namespace cnnplace
