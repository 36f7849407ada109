// Nodes that compute nothing: a source that is no CNN's source any more stays in the network
// as a relay, and two CNNs read one camera. A mid-edit state of the chain tables once threw
// bad_alloc on exactly this shape (Table 4 with --shared-source one), in the pairwise scan
// (N < 400) and the multi-source mode (N >= 400) alike.
#include <catch2/catch.hpp>

#include "model/evaluate.hpp"
#include "model/generator.hpp"
#include "solver/solve.hpp"

using namespace cnnplace;

namespace {

Instance one_camera(int units, std::uint64_t seed) {
  GeneratorOptions g;
  g.units = units;
  g.cnns = 2;
  g.cnn_kinds = {"5layer"};
  g.shared_first = 2;
  g.layer_limit = 3;
  g.mix = {{"stm32h7", 0.1}, {"rpi3b+", 0.9}};
  g.technology = "halow";
  g.scale_density = units > 30;
  g.connect = Connect::resample;
  g.seed = seed;
  Instance inst = generate(g);
  inst.cnns[1].source = inst.cnns[0].source;  // the second source node becomes a relay
  return inst;
}

}  // namespace

TEST_CASE("a shared camera and a relay node: placements check, the optimum is evaluate()'s", "[solver]") {
  for (std::uint64_t seed = 4000001; seed <= 4000006; ++seed) {
    INFO("seed " << seed);
    const Instance inst = one_camera(30, seed);
    const SolveResult r = solve(inst, SolverOptions{});
    REQUIRE(r.status == SolveStatus::optimal);
    CHECK(check(inst, *r.placement).empty());
    CHECK(evaluate(inst, *r.placement).objective() == Approx(r.objective_s).epsilon(1e-12));
  }
}

TEST_CASE("a shared camera and a relay node at N = 420 (multi-source tables)", "[solver]") {
  const Instance inst = one_camera(420, 4000001);
  SolverOptions o;
  o.time_limit_s = 20;
  const SolveResult r = solve(inst, o);
  REQUIRE((r.status == SolveStatus::optimal || r.status == SolveStatus::feasible));
  CHECK(check(inst, *r.placement).empty());
  CHECK(evaluate(inst, *r.placement).objective() == Approx(r.objective_s).epsilon(1e-12));
  CHECK(r.lower_bound_s <= r.objective_s);
}
