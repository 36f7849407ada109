// The start heuristics (heuristics/): the chain-by-chain DP placement and local search.
// Each result is checked against the capacities and the folded cost inside the timed loop.
#include <benchmark/benchmark.h>

#include <cmath>

#include "bounds/lagrangian.hpp"
#include "fixtures.hpp"
#include "heuristics/local_search.hpp"
#include "heuristics/sequential_dp.hpp"

namespace cnnplace::micro {
namespace {

// sequential_chain_dp over up to 6 chain orders, unpriced. Three 5-layer CNNs, L = 1, HaLow
// (units contested). Unpriced, it finds no feasible placement for three AlexNets at L = 1 or
// 2 (N = 50..200), nor for these at N = 50 or 400: the solver starts those from the priced runs.
// Args: N.
void BM_SequentialChainDp(benchmark::State& state) {
  const Instance inst = system(static_cast<int>(state.range(0)), "5layer", 3, 1, "halow");
  const Problem p = build_problem(inst);
  const Multipliers zero = Multipliers::zero(p.units);
  for (auto _ : state) {
    const auto units = sequential_chain_dp(p, zero);
    if (!units || !respects_capacities(p, *units)) state.SkipWithError("no feasible placement");
    benchmark::DoNotOptimize(units);
  }
}
BENCHMARK(BM_SequentialChainDp)->Arg(100)->Arg(200)->Unit(benchmark::kMicrosecond);

// Local search from the sequential DP's placement (same systems): the cost never rises and
// the result stays feasible. Args: N.
void BM_LocalSearch(benchmark::State& state) {
  const Instance inst = system(static_cast<int>(state.range(0)), "5layer", 3, 1, "halow");
  const Problem p = build_problem(inst);
  const auto start = sequential_chain_dp(p, Multipliers::zero(p.units));
  if (!start) {
    state.SkipWithError("no start placement");
    return;
  }
  const double start_cost = placement_cost(p, *start);
  for (auto _ : state) {
    const LocalSearchResult r = local_search(p, *start);
    if (!respects_capacities(p, r.unit_of_item) || r.cost > start_cost * (1 + 1e-12) ||
        std::fabs(placement_cost(p, r.unit_of_item) - r.cost) > 1e-9 * r.cost)
      state.SkipWithError("local search broke a capacity or its cost");
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_LocalSearch)->Arg(100)->Arg(200)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace cnnplace::micro
