// cnnplace-reproduce: the paper's Tables 4 and 5 regenerated from seeded random systems,
// each solved exactly, printed side by side with the published values (docs/reproduction.md).
//
//   cnnplace-reproduce --table 5 [--systems 1000] [--reading as-written|next-layer] [--csv OUT]
//                      [--threads N] [--time-limit 60] [--kb 1000|1024] [--mbps 1e6|1048576]
//                      [--input-kb X] [--shared-source each|one] [--only TEXT]
//   cnnplace-reproduce --table 4 ...
//
// Exit code: 0 when every placement passed check() and was proven optimal, 1 otherwise,
// 2 for bad options or a missing published file.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <tbb/info.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "bench/paper/cells.hpp"
#include "bench/paper/published.hpp"
#include "bench/paper/report.hpp"
#include "bench/paper/runner.hpp"

using namespace cnnplace;
using namespace cnnplace::paper;

int main(int argc, char** argv) {
  CLI::App app{"Reproduce the paper's Table 4 or 5 with exact placements, side by side with the published values"};
  int table = 5;
  RunOptions run;
  std::string reading = "as-written", csv, published_dir = default_published_directory(), only;
  Conventions conv;
  bool no_progress = false;
  app.add_option("--table", table, "4 (two 5-layer CNNs) or 5 (one CNN of each kind)")
      ->required()
      ->check(CLI::IsMember({4, 5}));
  app.add_option("--systems", run.systems, "random systems per cell (the paper: 1000)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  app.add_option("--reading", reading, "processing weight (model.md erratum 2): as-written = p_uj, next-layer = p_u,j+1")
      ->capture_default_str()
      ->check(CLI::IsMember({"as-written", "next-layer"}));
  app.add_option("--csv", csv, "write one row per system to this file");
  app.add_option("--threads", run.threads, "systems solved at once (0 = all cores); each solve uses one thread")
      ->capture_default_str()
      ->check(CLI::Range(0, 1024));
  app.add_option("--time-limit", run.time_limit_s, "seconds per solve; a solve that hits it is reported")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--kb", conv.kb_bytes, "bytes per KB of the zoo's sizes and memories (erratum 3)")
      ->capture_default_str()
      ->check(CLI::IsMember({1000.0, 1024.0}));
  app.add_option("--mbps", conv.mbps_bits, "bit/s per Mb/s of the data rates (erratum 3): 1e6 or 1048576")
      ->capture_default_str()
      ->check(CLI::IsMember({1e6, 1048576.0}));
  app.add_option("--input-kb", conv.input_kb, "input size K_s of the 5-layer and GC CNNs in KB (erratum 4; 0 = 9.41)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e6));
  std::string shared_source = "each";
  app.add_option("--shared-source", shared_source,
                 "Table 4's shared cells: each CNN reads its own source, or one (the first CNN's)")
      ->capture_default_str()
      ->check(CLI::IsMember({"each", "one"}));
  app.add_option("--only", only, "run only the cells whose label contains this text, e.g. \"alexnet wifi4\"");
  app.add_option("--published", published_dir, "folder of paper-table4.csv and paper-table5.csv")->capture_default_str();
  app.add_flag("--no-progress", no_progress, "no progress bar even when stderr is a terminal");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // --help is 0; every bad option is 2, as documented above
  }
  conv.reading = reading == "next-layer" ? ProcessingWeight::next_layer : ProcessingWeight::as_written;
  conv.one_source_when_shared = shared_source == "one";
  run.progress = !no_progress && isatty(fileno(stderr));

  std::vector<Cell> cells;
  for (const Cell& c : table_cells(table))
    if (only.empty() || c.label().find(only) != std::string::npos) cells.push_back(c);
  if (cells.empty()) {
    fmt::print(stderr, "cnnplace-reproduce: no cell of Table {} matches --only \"{}\"\n", table, only);
    return 2;
  }
  std::map<std::string, PublishedCell> published;
  try {
    published = read_published(published_dir, table);
  } catch (const std::exception& e) {
    fmt::print(stderr, "cnnplace-reproduce: {}\n", e.what());
    return 2;
  }

  const int threads = run.threads > 0 ? run.threads : tbb::info::default_concurrency();
  fmt::print("cnnplace-reproduce: Table {}, {} cells x {} systems, N = 30 units\n", table, cells.size(), run.systems);
  fmt::print("conventions: {}\n", conv.describe());
  fmt::print("seeds: system s (0-based) of every cell of Table {} is seed {} + s\n", table, 1'000'000 * table + 1);
  fmt::print("solver: cnnplace::solve, 1 thread per system, {} systems at once ({} cores), time limit {:g} s per solve\n",
             threads, std::thread::hardware_concurrency(), run.time_limit_s);
  std::fflush(stdout);

  const auto start = std::chrono::steady_clock::now();
  const auto results = run_cells(cells, conv, run);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const std::vector<CellSummary> summaries = summarize(cells, results, published);
  print_tables(std::cout, cells, summaries);
  print_verdicts(std::cout, cells, summaries);
  print_timings(std::cout, cells, summaries);
  const int exceptions = print_summary(std::cout, summaries);
  double solve_total = 0;
  for (const CellSummary& s : summaries) solve_total += s.solve_total_s;
  fmt::print("Wall time {:.1f} s for {} solves (sum of solve times {:.1f} s)\n", wall, cells.size() * run.systems,
             solve_total);
  if (!csv.empty()) {
    std::ofstream out(csv);
    write_csv(out, cells, results);
    if (!out) {
      fmt::print(stderr, "cnnplace-reproduce: cannot write {}\n", csv);
      return 2;
    }
    fmt::print("Per-system rows: {}\n", csv);
  }
  return exceptions == 0 ? 0 : 1;
}
