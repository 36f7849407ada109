#pragma once
// What a comparison run writes: the CSV of every (instance, solver) row and the Markdown
// summary per cell (median and maximum time of each solver, its ratio to cnnplace, how many
// runs hit the limit), with every disagreement at the top, loudly.
#include <ostream>
#include <string>
#include <vector>

#include "bench/compare/compare.hpp"

namespace cnnplace::bench {

// instance,cell,solver,version,threads,status,objective,bound,gap,seconds,nodes,note
void write_csv(const std::vector<Row>& rows, std::ostream& out);
// Reads what write_csv wrote (to summarise several runs together); throws InputError.
std::vector<Row> read_csv(const std::string& path);

struct RunInfo {
  std::string command;   // the command line
  std::string date;      // UTC
  std::string machine;   // CPU model, cores, load
  double time_limit_s = 60;
  std::string formulation;
};

// `solvers` in column order; cells in the order their first row appears.
void write_summary(const std::vector<Row>& rows, const std::vector<Disagreement>& disagreements,
                   const std::vector<std::string>& solvers, const RunInfo& info, std::ostream& out);

// This machine: CPU model from /proc/cpuinfo, hardware threads, load average.
std::string describe_machine();
std::string utc_now();

}  // namespace cnnplace::bench
