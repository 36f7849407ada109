// The comparison's small suite in the test suite (ctest -L compare): cnnplace, CBC and GLPK
// agree on every optimum of paper-small, and every optimum in instances/expected.tsv of the
// paper-scale suites is cnnplace's. Objective agreement only: no timing (design.md).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "bench/compare/compare.hpp"
#include "bench/compare/expected.hpp"
#include "bench/mip/mip_runner.hpp"
#include "bench/suites/suites.hpp"
#include "model/errors.hpp"
#include "solver/solve.hpp"

using namespace cnnplace;
using namespace cnnplace::bench;

namespace {

const std::string kExpected = CNNPLACE_SOURCE_DIR "/instances/expected.tsv";

bool close(double a, double b, double rel = 1e-6) {
  return std::fabs(a - b) <= rel * std::max(std::fabs(a), std::fabs(b));
}

Row row(const std::string& solver, RunStatus status, std::optional<double> objective,
        std::optional<double> bound = std::nullopt) {
  Row r;
  r.instance = "paper/x/s1";
  r.solver = solver;
  r.status = status;
  r.objective = objective;
  r.bound = status == RunStatus::optimal ? objective : bound;
  return r;
}

}  // namespace

TEST_CASE("paper-small: cnnplace, CBC and GLPK prove the same optima, also the recorded ones") {
  CompareOptions options;
  options.solvers = {"cnnplace"};
  for (const std::string& s : mip::available_mip_solvers())
    if (s == "cbc" || s == "glpk") options.solvers.push_back(s);
  options.time_limit_s = 120;  // a guard for a stuck solver, not a measurement
  const ExpectedTable expected = read_expected(kExpected);
  int rotation = 0;
  for (const SuiteInstance& si : suite("paper-small")) {
    CAPTURE(si.name);
    const std::vector<Row> rows = run_instance(si.build(), si.cell, options, rotation++);
    for (const Row& r : rows) {
      CAPTURE(r.solver, r.note);
      CHECK(r.status == RunStatus::optimal);
    }
    for (const Disagreement& d : disagreements(rows, options.agreement_tolerance)) FAIL_CHECK(d.what);
    const auto known = known_optimum(rows);
    REQUIRE(known);
    auto it = expected.find(si.name);
    REQUIRE(it != expected.end());
    CHECK(close(known->value, it->second.optimum_s));
  }
}

TEST_CASE("instances/expected.tsv: cnnplace re-proves its recorded optima of paper and later") {
  const ExpectedTable expected = read_expected(kExpected);
  REQUIRE(!expected.empty());
  SolverOptions o;
  o.progress_interval_s = 0;
  o.time_limit_s = 300;  // a guard for a stuck search, not a measurement
  int checked = 0;
  for (const auto& [name, entry] : expected) {
    if (name.rfind("larger/", 0) == 0) continue;  // a benchmark, not a test
    // Optima proved by MIP solvers only are the comparison's business (cnnplace-compare
    // checks every answer against them); here cnnplace must reproduce its own.
    if (std::find(entry.proven_by.begin(), entry.proven_by.end(), "cnnplace") == entry.proven_by.end()) continue;
    CAPTURE(name);
    const SolveResult r = solve(find_suite_instance(name).build(), o);
    REQUIRE(r.status == SolveStatus::optimal);
    CHECK(close(r.objective_s, entry.optimum_s));
    ++checked;
  }
  CHECK(checked >= 5);
}

TEST_CASE("disagreements: every contradiction is reported, agreement is not") {
  const double tol = 1e-6;
  CHECK(disagreements({row("cnnplace", RunStatus::optimal, 1.0), row("cbc", RunStatus::optimal, 1.0 + 1e-8)}, tol)
            .empty());
  CHECK(disagreements({row("cnnplace", RunStatus::optimal, 1.0), row("cbc", RunStatus::time_limit, 1.2, 0.9)}, tol)
            .empty());
  CHECK(disagreements({row("cnnplace", RunStatus::optimal, 1.0), row("cbc", RunStatus::optimal, 1.001)}, tol).size() ==
        1);
  CHECK(disagreements({row("cnnplace", RunStatus::optimal, 1.0), row("glpk", RunStatus::time_limit, 0.99, 0.5)}, tol)
            .size() == 1);
  CHECK(disagreements({row("cnnplace", RunStatus::optimal, 1.0), row("glpk", RunStatus::time_limit, 1.5, 1.1)}, tol)
            .size() == 1);
  CHECK(disagreements({row("cnnplace", RunStatus::infeasible, {}), row("cbc", RunStatus::time_limit, 2.0)}, tol)
            .size() == 1);
  Row broken = row("cbc", RunStatus::error, 1.0);
  broken.note = "the decoded placement fails check()";
  CHECK(disagreements({row("cnnplace", RunStatus::optimal, 1.0), broken}, tol).size() == 1);
}

TEST_CASE("suite names rebuild their instances, and expected.tsv reads back what it wrote") {
  for (const std::string& suite_name : suite_names())
    for (const SuiteInstance& si : suite(suite_name, 2)) {
      CAPTURE(si.name);
      const SuiteInstance again = find_suite_instance(si.name);
      CHECK(again.cell == si.cell);
      CHECK(again.options.seed == si.options.seed);
      CHECK(again.options.units == si.options.units);
      CHECK(again.options.layer_limit == si.options.layer_limit);
    }
  CHECK_THROWS_AS(find_suite_instance("paper/nothing/s1"), InputError);
  CHECK_THROWS_AS(suite("tiny"), InputError);

  ExpectedTable t;
  t["a/b/s1"] = {0.012345678901234567, {"cnnplace", "cbc"}};
  t["a/c/s2"] = {1.5, {"glpk"}};
  merge_provers(t["a/c/s2"], {"glpk", "cnnplace"});
  const auto path = std::filesystem::temp_directory_path() / "cnnplace-expected-test.tsv";
  write_expected(path.string(), t);
  const ExpectedTable back = read_expected(path.string());
  std::filesystem::remove(path);
  REQUIRE(back.size() == 2);
  CHECK(back.at("a/b/s1").optimum_s == Approx(0.012345678901234567).epsilon(1e-14));
  CHECK(back.at("a/c/s2").proven_by == std::vector<std::string>{"glpk", "cnnplace"});
}
