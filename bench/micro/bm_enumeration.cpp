// Reduced-cost path enumeration (solver/path_enumeration.hpp): the proof that an incumbent is
// optimal, from the multipliers of the column-generation dual, on the later suite's setting
// (three AlexNets, L = 1, HaLow, 50 units) and the larger suite's 100- and 200-unit systems.
// The incumbent is the optimum, so every pass must finish and find nothing better. Counters:
// the gap closed (optimum - Lagrangian bound) and the chain paths listed.
#include <benchmark/benchmark.h>

#include <stdexcept>

#include "bounds/dual_lp.hpp"
#include "fixtures.hpp"
#include "solver/path_enumeration.hpp"
#include "solver/solve.hpp"

namespace cnnplace::micro {
namespace {

void BM_PathEnumeration(benchmark::State& state) {
  const int N = static_cast<int>(state.range(0));
  const Instance inst = system(N, "alexnet", 3, 1, "halow");
  const Problem p = build_problem(inst);
  const SolveResult optimum = solve(inst, {});
  if (optimum.status != SolveStatus::optimal) throw std::logic_error("no proven optimum to enumerate below");
  const DualLpResult dual = lagrangian_dual_lp(p, {});
  const EnumerationTolerance tolerance{1e-12, 1e-9};
  EnumerationLimits unlimited;
  unlimited.max_steps = unlimited.max_paths = unlimited.max_combinations = 1e12;
  const EnumerationResult first = enumerate_below(p, dual.lambda, optimum.objective_s, tolerance, unlimited);
  if (!first.complete) throw std::logic_error("the enumeration did not finish");
  for (auto _ : state) {
    const EnumerationResult e = enumerate_below(p, dual.lambda, optimum.objective_s, tolerance, unlimited);
    if (!e.complete || e.paths != first.paths) state.SkipWithError("the enumeration changed between runs");
    benchmark::DoNotOptimize(e);
  }
  state.counters["gap_ms"] = (optimum.objective_s - first.lagrangian_bound) * 1e3;
  state.counters["paths"] = first.paths;
}
BENCHMARK(BM_PathEnumeration)->Arg(50)->Arg(100)->Arg(200)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace cnnplace::micro
