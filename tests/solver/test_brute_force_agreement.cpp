// The solver against the naive oracle on seeded random tiny instances (issue 3, test a).
// Every answer is also re-checked by the independent evaluator and checker.
#include <catch2/catch.hpp>

#include <cmath>

#include "model/evaluate.hpp"
#include "solver/solve.hpp"
#include "support/brute_force.hpp"
#include "support/random_instances.hpp"

using namespace cnnplace;

namespace {

void expect_agreement(std::uint64_t seed, const SolverOptions& options, int& feasible, int& infeasible) {
  INFO("seed " << seed << " (replay: random_tiny_instance(" << seed << "))");
  const Instance inst = testing::random_tiny_instance(seed);
  const testing::BruteForceResult oracle = testing::brute_force(inst);
  const SolveResult r = solve(inst, options);
  if (!oracle.feasible) {
    ++infeasible;
    REQUIRE(r.status == SolveStatus::infeasible);
    CHECK_FALSE(r.message.empty());
    return;
  }
  ++feasible;
  REQUIRE(r.status == SolveStatus::optimal);
  REQUIRE(r.placement);
  CHECK(check(inst, *r.placement).empty());
  const double value = evaluate(inst, *r.placement).objective();
  CHECK(value == Approx(r.objective_s).epsilon(1e-12));
  CHECK(value == Approx(oracle.objective).epsilon(1e-9).margin(1e-15));
  CHECK(r.lower_bound_s <= r.objective_s * (1 + 1e-9) + 1e-15);
}

}  // namespace

TEST_CASE("solver optimum equals brute force on 1500 random tiny instances", "[solver][brute-force]") {
  int feasible = 0, infeasible = 0;
  SolverOptions options;
  for (std::uint64_t seed = 1; seed <= 1500; ++seed) expect_agreement(seed, options, feasible, infeasible);
  // The generator must exercise both answers.
  CHECK(feasible > 500);
  CHECK(infeasible > 20);
}

TEST_CASE("solver without Lagrangian bound or local search still agrees", "[solver][brute-force]") {
  int feasible = 0, infeasible = 0;
  SolverOptions options;
  options.lagrangian_iterations = 0;
  options.local_search = false;
  for (std::uint64_t seed = 5001; seed <= 5300; ++seed) expect_agreement(seed, options, feasible, infeasible);
  CHECK(feasible > 100);
}

TEST_CASE("solver agrees at 2 threads on random tiny instances", "[solver][brute-force][threads]") {
  int feasible = 0, infeasible = 0;
  SolverOptions options;
  options.threads = 2;
  for (std::uint64_t seed = 7001; seed <= 7200; ++seed) expect_agreement(seed, options, feasible, infeasible);
  CHECK(feasible > 50);
}

TEST_CASE("solver agrees with brute force on wider tiny instances", "[solver][brute-force]") {
  int feasible = 0, infeasible = 0;
  testing::TinyShape shape;
  shape.max_units = 6;
  shape.max_cnns = 3;
  shape.max_layers = 4;
  shape.max_total_layers = 6;
  SolverOptions options;
  for (std::uint64_t seed = 9001; seed <= 9150; ++seed) {
    INFO("seed " << seed << " (TinyShape 6/3/4/6)");
    const Instance inst = testing::random_tiny_instance(seed, shape);
    const testing::BruteForceResult oracle = testing::brute_force(inst);
    const SolveResult r = solve(inst, options);
    if (!oracle.feasible) {
      ++infeasible;
      CHECK(r.status == SolveStatus::infeasible);
      continue;
    }
    ++feasible;
    REQUIRE(r.status == SolveStatus::optimal);
    CHECK(check(inst, *r.placement).empty());
    CHECK(r.objective_s == Approx(oracle.objective).epsilon(1e-9).margin(1e-15));
  }
  CHECK(feasible > 60);
}
