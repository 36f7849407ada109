// The optimal value and the reported placement do not depend on the thread count
// (issue 3, test c): the incumbent keeps the least placement in (value, search path) order.
#include <catch2/catch.hpp>

#include "model/evaluate.hpp"
#include "model/generator.hpp"
#include "solver/solve.hpp"
#include "support/random_instances.hpp"

using namespace cnnplace;

namespace {

void expect_same_at_all_thread_counts(const Instance& inst, const std::string& label) {
  INFO(label);
  SolverOptions one;
  one.threads = 1;
  const SolveResult base = solve(inst, one);
  REQUIRE((base.status == SolveStatus::optimal || base.status == SolveStatus::infeasible));
  for (int threads : {2, 8}) {
    SolverOptions o;
    o.threads = threads;
    const SolveResult r = solve(inst, o);
    INFO("threads " << threads);
    REQUIRE(r.status == base.status);
    if (base.status != SolveStatus::optimal) continue;
    CHECK(r.objective_s == base.objective_s);
    CHECK(r.placement == base.placement);
    CHECK(check(inst, *r.placement).empty());
  }
}

}  // namespace

TEST_CASE("same optimum and placement at 1, 2 and 8 threads on paper-like systems", "[solver][threads]") {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    GeneratorOptions g;
    g.units = 30;
    g.cnns = 2;
    g.cnn_kinds = {"5layer"};
    g.layer_limit = 1 + static_cast<int>(seed % 3);
    g.mix = {{"stm32h7", 0.5}, {"rpi3b+", 0.5}};
    g.technology = seed % 2 ? "wifi4" : "halow";
    g.shared_first = seed % 4 == 0 ? 2 : 0;
    g.seed = seed;
    expect_same_at_all_thread_counts(generate(g), "generated seed " + std::to_string(seed));
  }
}

TEST_CASE("same optimum and placement at 1, 2 and 8 threads on random tiny instances", "[solver][threads]") {
  testing::TinyShape shape;
  shape.max_units = 7;
  shape.max_cnns = 3;
  shape.max_layers = 4;
  shape.max_total_layers = 9;
  for (std::uint64_t seed = 300; seed < 360; ++seed)
    expect_same_at_all_thread_counts(testing::random_tiny_instance(seed, shape), "tiny seed " + std::to_string(seed));
}

TEST_CASE("same optimum and placement at 1, 2 and 8 threads with node duals and a reordered search",
          "[solver][threads][dual-lp]") {
  // Three AlexNets at L = 1 (the later suite): the root needs column generation, the chains
  // are searched in another order, and nodes near the root solve their own dual, whose
  // multipliers depend on the incumbent of the moment.
  for (std::uint64_t seed : {2, 7, 9})
    expect_same_at_all_thread_counts(generate(testing::three_alexnets(50, seed)),
                                     "three AlexNets, seed " + std::to_string(seed));
}
