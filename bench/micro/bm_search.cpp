// The exact search (solver/): how many nodes a second one thread expands, and whole solves
// of paper-scale systems. Every answer is checked with check() and evaluate() inside the
// timed loop (style.md #13).
#include <benchmark/benchmark.h>

#include <cmath>

#include "fixtures.hpp"
#include "model/evaluate.hpp"
#include "solver/solve.hpp"

namespace cnnplace::micro {
namespace {

bool verified(const Instance& inst, const SolveResult& r) {
  if (!r.placement || !check(inst, *r.placement).empty()) return false;
  return std::fabs(evaluate(inst, *r.placement).objective() - r.objective_s) <= 1e-9 * r.objective_s;
}

// Node expansion rate: the search stopped at a node limit, on the later suite's instance
// that cnnplace does not close in a minute (later/3xalexnet-sh0/wifi4/50-50/L1/s3: N = 50,
// three AlexNets, L = 1, the 30 m square), with and without the Lagrangian ascent and local
// search at the root. Args: Lagrangian (0/1). Counter "nodes/s" is the rate.
void BM_NodeExpansion(benchmark::State& state) {
  const Instance inst = system(50, "alexnet", 3, 1, "wifi4", 0, 3, false);
  SolverOptions o;
  if (state.range(0) == 0) {
    o.lagrangian_iterations = 0;
    o.local_search = false;
  }
  o.progress_interval_s = 0;
  o.node_limit = 100000;
  double nodes = 0;
  for (auto _ : state) {
    const SolveResult r = solve(inst, o);
    if (!verified(inst, r)) state.SkipWithError("the search returned no checked placement");
    nodes += r.stats.nodes;
  }
  state.counters["nodes/s"] = benchmark::Counter(nodes, benchmark::Counter::kIsRate);
  state.counters["nodes/solve"] = benchmark::Counter(nodes, benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_NodeExpansion)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// A whole default solve, one thread, to proven optimality, in the suites' 30 m square: two
// 5-layer CNNs sharing two layers at N = 30 (paper), three AlexNets at N = 50 and L = 2
// (later/3xalexnet-sh0/*/50-50/L2/s1; at L = 1 some seeds take minutes, and in the square
// grown with N the L = 2 system of seed 1 took more than 5 minutes). Args: N, CNNs, L, HaLow.
void BM_Solve(benchmark::State& state) {
  const Instance inst = system(static_cast<int>(state.range(0)), state.range(1) == 3 ? "alexnet" : "5layer",
                               static_cast<int>(state.range(1)), static_cast<int>(state.range(2)),
                               state.range(3) ? "halow" : "wifi4", state.range(1) == 2 ? 2 : 0, 1, false);
  SolverOptions o;
  o.progress_interval_s = 0;
  double nodes = 0;
  for (auto _ : state) {
    const SolveResult r = solve(inst, o);
    if (r.status != SolveStatus::optimal || !verified(inst, r)) state.SkipWithError("not a checked optimum");
    nodes += r.stats.nodes;
  }
  state.counters["nodes/solve"] = benchmark::Counter(nodes, benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_Solve)
    ->Args({30, 2, 1, 0})
    ->Args({30, 2, 1, 1})
    ->Args({30, 2, 2, 1})
    ->Args({50, 3, 2, 1})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace cnnplace::micro
