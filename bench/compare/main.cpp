// cnnplace-compare: cnnplace and the MIP solvers on a suite, in one run (issue 4).
//
//   cnnplace-compare --suite paper [--solvers cnnplace,cbc,glpk] [--time-limit 60]
//                    [--csv OUT.csv] [--md OUT.md] [--filter REGEX] [--seeds N]
//                    [--expected instances/expected.tsv] [--update-expected]
//
// Exit code: 0 when every answer agrees, 1 on any disagreement (printed loudly), 2 on a
// usage error. Runs that fail (a solver error, a failed check) are listed in the summary.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>

#include "bench/compare/compare.hpp"
#include "bench/compare/expected.hpp"
#include "bench/compare/report.hpp"
#include "bench/mip/mip_runner.hpp"
#include "bench/suites/suites.hpp"
#include "model/errors.hpp"

using namespace cnnplace;
using namespace cnnplace::bench;

namespace {

std::string short_status(const Row& r) {
  std::string s = fmt::format("{} {} {}", r.solver, to_string(r.status), r.objective ? fmt::format("{:.9g}", *r.objective) : "-");
  return s + fmt::format(" {:.3f}s", r.seconds);
}

// Checks the run's answers against the table and, when `update`, records new optima.
void against_expected(const std::vector<Row>& rows, ExpectedTable& table, bool update, double tolerance,
                      std::vector<Disagreement>& found) {
  const auto known = known_optimum(rows);
  const std::string& name = rows.front().instance;
  auto it = table.find(name);
  if (it != table.end()) {
    for (const Row& r : rows) {
      if (!r.objective || r.status == RunStatus::error) continue;
      const double diff = std::fabs(*r.objective - it->second.optimum_s);
      const bool better = *r.objective < it->second.optimum_s && diff > tolerance * it->second.optimum_s;
      const bool other = r.status == RunStatus::optimal && diff > tolerance * it->second.optimum_s;
      if (better || other)
        found.push_back({name, fmt::format("{} {} {:.12g} s, but expected.tsv records the optimum {:.12g} s",
                                           r.solver, better ? "found a placement of" : "proves", *r.objective,
                                           it->second.optimum_s)});
    }
  }
  if (!update || !known) return;
  if (it == table.end())
    table[name] = ExpectedEntry{known->value, known->proven_by};
  else if (std::fabs(known->value - it->second.optimum_s) <= tolerance * it->second.optimum_s)
    merge_provers(it->second, known->proven_by);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"cnnplace against the MIP solvers on a benchmark suite, in one run"};
  std::string suite_name = "paper-small", solvers_text = "cnnplace,cbc,glpk", csv_path, md_path, filter,
              formulation = "tight", expected_path;
  int seeds = 1, limit = 0;
  bool update_expected = false, list = false;
  CompareOptions options;
  app.add_option("--suite", suite_name, "paper-small, paper, later or larger")
      ->check(CLI::IsMember(suite_names()));
  app.add_option("--seeds", seeds, "instances per cell (seeds 1..N)")->check(CLI::PositiveNumber);
  app.add_option("--solvers", solvers_text, "comma-separated: cnnplace, cbc, glpk, highs, scip, gurobi; "
                                            "\"all\" = cnnplace and every MIP solver on the PATH");
  app.add_option("--time-limit", options.time_limit_s, "seconds per run of each solver")->check(CLI::PositiveNumber);
  app.add_option("--formulation", formulation, "MIP formulation: tight (the fair baseline), strong or naive")
      ->check(CLI::IsMember({"tight", "strong", "naive"}));
  app.add_option("--filter", filter, "only instances whose name matches this regular expression (search)");
  app.add_option("--limit", limit, "at most this many instances (after --filter)")->check(CLI::NonNegativeNumber);
  app.add_option("--csv", csv_path, "write every run as CSV here");
  app.add_option("--md", md_path, "write the Markdown summary here (default: print it)");
  app.add_option("--expected", expected_path, "check answers against this known-optima table")
      ->default_str(CNNPLACE_SOURCE_DIR "/instances/expected.tsv");
  app.add_flag("--update-expected", update_expected, "add the optima proved in this run to the --expected table");
  app.add_flag("--list", list, "print the suite's instance names and exit");
  std::vector<std::string> from_csv;
  app.add_option("--from-csv", from_csv, "solve nothing: summarise the rows of these CSVs (earlier --csv outputs)")
      ->check(CLI::ExistingFile);
  CLI11_PARSE(app, argc, argv);
  if (expected_path.empty()) expected_path = CNNPLACE_SOURCE_DIR "/instances/expected.tsv";

  options.formulation = formulation == "tight"    ? MipFormulation::strong_tight
                        : formulation == "strong" ? MipFormulation::strong
                                                  : MipFormulation::naive;
  options.solvers.clear();
  if (solvers_text == "all") {
    options.solvers.push_back("cnnplace");
    for (const std::string& s : mip::available_mip_solvers()) options.solvers.push_back(s);
  } else {
    std::istringstream names(solvers_text);
    for (std::string s; std::getline(names, s, ',');)
      if (!s.empty()) options.solvers.push_back(s);
  }
  const std::vector<std::string> mips = mip::available_mip_solvers();
  for (const std::string& s : options.solvers)
    if (s != "cnnplace" && std::find(mips.begin(), mips.end(), s) == mips.end()) {
      fmt::print(stderr, "error: --solvers names \"{}\", which is not a MIP solver on the PATH (found: {})\n", s,
                 fmt::join(mips, ", "));
      return 2;
    }

  std::vector<SuiteInstance> instances;
  ExpectedTable expected;
  try {
    const std::regex pattern(filter);
    for (SuiteInstance& si : suite(suite_name, seeds))
      if (filter.empty() || std::regex_search(si.name, pattern)) instances.push_back(std::move(si));
    if (limit > 0 && static_cast<int>(instances.size()) > limit) instances.resize(static_cast<std::size_t>(limit));
    expected = read_expected(expected_path);
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 2;
  }
  if (list) {
    for (const SuiteInstance& si : instances) fmt::print("{}\n", si.name);
    return 0;
  }

  RunInfo info;
  for (int i = 0; i < argc; ++i) info.command += (i ? " " : "") + std::string(argv[i]);
  info.date = utc_now();
  info.machine = describe_machine();
  info.time_limit_s = options.time_limit_s;
  info.formulation = formulation;

  std::vector<Row> rows;
  std::vector<Disagreement> found;
  if (!from_csv.empty()) {
    try {
      std::vector<std::string> order;
      std::map<std::string, std::vector<Row>> by_instance;
      for (const std::string& path : from_csv)
        for (Row& r : read_csv(path)) {
          if (!by_instance.count(r.instance)) order.push_back(r.instance);
          by_instance[r.instance].push_back(r);
          rows.push_back(std::move(r));
        }
      for (const std::string& name : order) {
        auto here = disagreements(by_instance[name], options.agreement_tolerance);
        found.insert(found.end(), here.begin(), here.end());
      }
      std::vector<std::string> solvers;
      for (const Row& r : rows)
        if (std::find(solvers.begin(), solvers.end(), r.solver) == solvers.end()) solvers.push_back(r.solver);
      options.solvers = solvers;
      instances.clear();
      info.machine = "as recorded with the runs (see their own summaries)";
      info.date = "of the runs summarised";
    } catch (const std::exception& e) {
      fmt::print(stderr, "error: {}\n", e.what());
      return 2;
    }
  }
  int rotation = 0;
  for (const SuiteInstance& si : instances) {
    Instance instance;
    try {
      instance = si.build();
    } catch (const InputError& e) {
      fmt::print(stderr, "error: {} cannot be generated: {}\n", si.name, e.what());
      return 2;
    }
    std::vector<Row> mine = run_instance(instance, si.cell, options, rotation++);
    std::vector<Disagreement> here = disagreements(mine, options.agreement_tolerance);
    against_expected(mine, expected, update_expected, options.agreement_tolerance, here);
    std::string line = fmt::format("[{}/{}] {}:", rotation, instances.size(), si.name);
    for (const Row& r : mine) line += "  " + short_status(r);
    fmt::print("{}\n", line);
    for (const Disagreement& d : here)
      fmt::print(stderr, "!!! DISAGREEMENT on {}: {}\n", d.instance, d.what);
    std::fflush(stdout);
    found.insert(found.end(), here.begin(), here.end());
    rows.insert(rows.end(), mine.begin(), mine.end());
  }

  try {
    if (!csv_path.empty()) {
      std::ofstream out(csv_path);
      write_csv(rows, out);
    }
    if (md_path.empty()) {
      write_summary(rows, found, options.solvers, info, std::cout);
    } else {
      std::ofstream out(md_path);
      write_summary(rows, found, options.solvers, info, out);
      fmt::print("summary written to {}\n", md_path);
    }
    if (update_expected) write_expected(expected_path, expected);
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 2;
  }
  if (!found.empty()) {
    fmt::print(stderr, "\n!!! {} DISAGREEMENT(S) ON THE OPTIMUM; see the summary's first section !!!\n", found.size());
    return 1;
  }
  return 0;
}
