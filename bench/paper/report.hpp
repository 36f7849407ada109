#pragma once
// Statistics per cell, the paper's layout side by side with the published values, the
// per-cell verdicts, the time per cell and the per-system CSV.
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "bench/paper/cells.hpp"
#include "bench/paper/published.hpp"
#include "bench/paper/runner.hpp"

namespace cnnplace::paper {

// How one of our means compares with the published one.
enum class Agreement {
  exact,        // |diff| within half the published last digit (0.05 or 0.005 ms)
  within_std,   // |diff| <= the published standard deviation
  outside,      // neither
};
const char* to_string(Agreement a);
Agreement agreement(double ours, const MeanStd& paper, double resolution);

struct CellSummary {
  int systems = 0, used = 0;  // used: systems with a placement (optimal or time limit)
  int optimal = 0, infeasible = 0, time_limit = 0, no_solution = 0, check_failed = 0, error = 0;
  MeanStd t_t, t_p, t;        // over the used systems, population standard deviation
  double solve_total_s = 0, solve_median_s = 0, solve_max_s = 0, nodes_max = 0;
  const PublishedCell* published = nullptr;
  Agreement worst = Agreement::exact;  // over t_t, t_p, t (exact when nothing is published)
};

std::vector<CellSummary> summarize(const std::vector<Cell>& cells, const std::vector<std::vector<SystemResult>>& results,
                                   const std::map<std::string, PublishedCell>& published);

// Rows L; columns mix x (t_t, t_p, t) for Table 4, technology x (t_t, t_p, t) for Table 5;
// each entry "ours mean+-std | paper mean+-std".
void print_tables(std::ostream& out, const std::vector<Cell>& cells, const std::vector<CellSummary>& summaries);
void print_verdicts(std::ostream& out, const std::vector<Cell>& cells, const std::vector<CellSummary>& summaries);
void print_timings(std::ostream& out, const std::vector<Cell>& cells, const std::vector<CellSummary>& summaries);
// The closing counts: cells within the published std, exceptions. Returns the number of
// exceptions (check failures, limits hit, errors): the program's exit code is non-zero then.
int print_summary(std::ostream& out, const std::vector<CellSummary>& summaries);

// One row per system; the header is csv_header().
std::string csv_header();
void write_csv(std::ostream& out, const std::vector<Cell>& cells, const std::vector<std::vector<SystemResult>>& results);

}  // namespace cnnplace::paper
