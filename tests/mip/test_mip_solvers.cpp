// CBC and GLPK on the exported models agree with a brute force, in every formulation and both
// file formats, and prove infeasible instances infeasible. Needs the Debian packages
// coinor-cbc and glpk-utils (scripts/setup.sh installs them).
#include <catch2/catch.hpp>

#include <cmath>

#include "bench/mip/mip_runner.hpp"
#include "bench/mip/process.hpp"
#include "mip_fixtures.hpp"
#include "tests/support/brute_force.hpp"
#include "model/errors.hpp"
#include "model/evaluate.hpp"

using namespace cnnplace;
using namespace cnnplace::testing;
using cnnplace::mip::MipRun;
using cnnplace::mip::MipStatus;

namespace {

constexpr double kLimit = 30;  // seconds; these models solve in milliseconds

bool close(double a, double b, double rel = 1e-6) {
  return std::fabs(a - b) <= rel * std::max(std::fabs(a), std::fabs(b));
}

// N = 3..8 units, 1-2 CNNs of 2-4 layers; GC probabilities, shared layers and binding L /
// memory / compute limits by turns. Kept small enough for a brute force over items.
SmallSpec spec_for(std::uint64_t seed) {
  SmallSpec s;
  s.cnns = 1 + static_cast<int>(seed % 2);
  s.max_layers = s.cnns == 1 ? 4 : 3;
  s.shared_first = s.cnns == 2 ? static_cast<int>(seed % 3) : 0;
  s.gate = seed % 3 == 2;
  const int max_units = s.cnns == 1 ? 8 : 5;
  s.units = 3 + static_cast<int>(seed % static_cast<std::uint64_t>(max_units - 2));
  return s;
}

void require_matches(const MipRun& run, const BruteForceResult& best) {
  INFO(run.solver << " " << to_string(run.formulation) << " " << to_string(run.format)
                  << ": status " << mip::to_string(run.status) << ", " << run.message);
  REQUIRE(run.status == MipStatus::optimal);
  REQUIRE(run.placement.has_value());
  CHECK(run.violations.empty());
  CHECK(close(run.objective, best.objective));
  CHECK(close(run.evaluated, run.objective));
  CHECK(run.verified());
  // What the solver printed, to its own few digits.
  CHECK(std::fabs(run.reported_objective - run.objective) <= 1e-5 * run.objective + 1e-8);
  CHECK(run.bound <= run.objective * (1 + 1e-6) + 1e-9);
}

}  // namespace

TEST_CASE("CBC and GLPK are on the PATH", "[mip][solvers]") {
  const auto solvers = mip::available_mip_solvers();
  CHECK(std::find(solvers.begin(), solvers.end(), "cbc") != solvers.end());
  CHECK(std::find(solvers.begin(), solvers.end(), "glpk") != solvers.end());
}

TEST_CASE("CBC and GLPK optima equal the brute force (tight formulation, LP files)", "[mip][solvers]") {
  int feasible = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const Instance inst = small_instance(spec_for(seed), seed);
    const BruteForceResult best = brute_force(inst);
    CAPTURE(seed, inst.unit_count(), inst.cnn_count(), inst.layer_count());
    for (const char* solver : {"cbc", "glpk"}) {
      const MipRun run = mip::run_mip(inst, solver, kLimit);
      if (!best.feasible) {
        CHECK(run.status == MipStatus::infeasible);
        continue;
      }
      require_matches(run, best);
    }
    feasible += best.feasible ? 1 : 0;
  }
  CHECK(feasible >= 30);  // the sample must mostly be feasible to mean something
}

TEST_CASE("naive, strong and tight formulations agree on the optimum", "[mip][solvers]") {
  for (std::uint64_t seed = 41; seed <= 52; ++seed) {
    const Instance inst = small_instance(spec_for(seed), seed);
    const BruteForceResult best = brute_force(inst);
    if (!best.feasible) continue;
    CAPTURE(seed);
    for (const char* solver : {"cbc", "glpk"})
      for (MipFormulation f : {MipFormulation::naive, MipFormulation::strong, MipFormulation::strong_tight})
        require_matches(mip::run_mip(inst, solver, kLimit, f), best);
  }
}

TEST_CASE("CBC and GLPK read the MPS files too", "[mip][solvers]") {
  for (std::uint64_t seed = 61; seed <= 66; ++seed) {
    const Instance inst = small_instance(spec_for(seed), seed);
    const BruteForceResult best = brute_force(inst);
    if (!best.feasible) continue;
    CAPTURE(seed);
    for (const char* solver : {"cbc", "glpk"})
      for (MipFormulation f : {MipFormulation::naive, MipFormulation::strong_tight})
        require_matches(mip::run_mip(inst, solver, kLimit, f, MipFormat::mps), best);
  }
}

TEST_CASE("infeasible instances are infeasible for both solvers in both formats", "[mip][solvers]") {
  SmallSpec s;
  s.units = 3;
  s.min_layers = s.max_layers = 4;
  s.tight_limits = false;
  Instance counting = small_instance(s, 5);  // 4 layers, 3 units of L = 1: by counting
  for (Unit& u : counting.units) u.layer_limit = 1;
  Instance memory = small_instance(s, 6);    // a layer larger than every unit
  memory.cnns[0].layers[2].memory_bytes = 2e6;
  for (const Instance* inst : {&counting, &memory}) {
    REQUIRE_FALSE(brute_force(*inst).feasible);
    for (const char* solver : {"cbc", "glpk"})
      for (MipFormat format : {MipFormat::lp, MipFormat::mps}) {
        const MipRun run = mip::run_mip(*inst, solver, kLimit, MipFormulation::strong_tight, format);
        INFO(solver << " " << to_string(format) << ": " << run.message);
        CHECK(run.status == MipStatus::infeasible);
        CHECK_FALSE(run.placement.has_value());
      }
  }
}

TEST_CASE("an unknown solver name is an input error, a missing binary an error status", "[mip][solvers]") {
  SmallSpec s;
  s.units = 3;
  const Instance inst = small_instance(s, 1);
  CHECK_THROWS_AS(mip::run_mip(inst, "cplex", kLimit), InputError);
  const auto solvers = mip::available_mip_solvers();
  if (std::find(solvers.begin(), solvers.end(), "gurobi") == solvers.end()) {
    const MipRun run = mip::run_mip(inst, "gurobi", kLimit);
    CHECK(run.status == MipStatus::error);
    CHECK_THAT(run.message, Catch::Contains("not on the PATH"));
  }
}

TEST_CASE("a process that overruns its limit is killed, with its process group", "[mip][process]") {
  const auto sleep = mip::find_on_path("sleep");
  REQUIRE(sleep.has_value());
  mip::TempDir dir;
  const auto result = mip::run_process(*sleep, {"30"}, dir.path(), "log.txt", 0.3);
  CHECK(result.killed);
  CHECK(result.seconds < 5);
  CHECK(result.exit_code == -1);
  const auto quick = mip::run_process(*sleep, {"0"}, dir.path(), "log.txt", 10);
  CHECK_FALSE(quick.killed);
  CHECK(quick.exit_code == 0);
}
