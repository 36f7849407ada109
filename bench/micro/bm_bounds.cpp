// The bound machinery (bounds/): building one chain's cost-to-go tables over N and M, and
// the bound of one search node (prefix cost + one table look-up). Each benchmark checks its
// result inside the timed loop (style.md #13).
#include <benchmark/benchmark.h>

#include <cmath>

#include <random>
#include <stdexcept>

#include "bounds/chain_dp.hpp"
#include "bounds/dual_lp.hpp"
#include "bounds/lagrangian.hpp"
#include "fixtures.hpp"

namespace cnnplace::micro {
namespace {

// ChainTables over N units and a chain of M layers, L = 1 (the run-aware DP at its most
// constrained) and L = 3. Args: N, M, L.
void BM_ChainTablesBuild(benchmark::State& state) {
  const int N = static_cast<int>(state.range(0)), M = static_cast<int>(state.range(1));
  const Instance inst = system(N, kind_for_layers(M), 1, static_cast<int>(state.range(2)));
  const Problem p = build_problem(inst);
  const Multipliers zero = Multipliers::zero(p.units);
  const double expected = ChainTables(p, 0, zero).root();
  if (!(expected > 0 && expected < kInf)) throw std::logic_error("no finite chain bound");
  for (auto _ : state) {
    ChainTables t(p, 0, zero);
    if (t.root() != expected) state.SkipWithError("the table's root bound changed between builds");
    benchmark::DoNotOptimize(t);
  }
  state.counters["N"] = N;
  state.counters["M"] = M;
}
BENCHMARK(BM_ChainTablesBuild)
    ->ArgsProduct({{30, 50, 100, 200, 400}, {5, 7}, {1}})
    ->ArgsProduct({{30, 100, 400}, {6, 8}, {3}})
    ->Unit(benchmark::kMicrosecond);

// The bound of a node whose chain prefix is placed: prefix cost + tail(j, i, r). The
// prefixes are random paths through each layer's candidate units; every bound must be at
// least the chain's root bound (the tables are a minimum over all completions). Args: N.
void BM_NodeBound(benchmark::State& state) {
  const int N = static_cast<int>(state.range(0));
  const Instance inst = system(N, "alexnet", 1, 2);
  const Problem p = build_problem(inst);
  const ChainTables t(p, 0, Multipliers::zero(p.units));
  const Chain& c = p.chains[0];
  struct Node {
    int j, i, r;
    double prefix;
  };
  std::vector<Node> nodes;
  std::mt19937 rng(7);
  while (nodes.size() < 4096) {
    double prefix = 0;
    int last = -1, run = 0;
    const int placed = 1 + static_cast<int>(rng() % static_cast<unsigned>(c.size() - 1));
    bool ok = true;
    for (int j = 0; j < placed && ok; ++j) {
      const auto& cand = p.candidates[static_cast<std::size_t>(c.item[static_cast<std::size_t>(j)])];
      const int i = cand[rng() % cand.size()];
      run = i == last ? run + 1 : 1;
      ok = run <= t.max_run(j, i);
      prefix += t.node(j, i) + (j > 0 ? c.arc_weight[static_cast<std::size_t>(j - 1)] * p.T(last, i) : 0.0);
      last = i;
    }
    if (ok) nodes.push_back({placed - 1, last, run, prefix});
  }
  const double root = t.root();
  std::size_t k = 0;
  for (auto _ : state) {
    const Node& n = nodes[k++ & 4095];
    const double bound = n.prefix + t.tail(n.j, n.i, n.r);
    if (bound < root * (1 - 1e-12)) state.SkipWithError("a node bound fell below the root bound");
    benchmark::DoNotOptimize(bound);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NodeBound)->Arg(30)->Arg(100)->Arg(400);

// One evaluation of the Lagrangian dual (one DP per chain under given prices), the step of
// the root's subgradient ascent. Three AlexNets, L = 1 (the later setting at N = 50). Args: N.
void BM_LagrangianEvaluation(benchmark::State& state) {
  const int N = static_cast<int>(state.range(0));
  const Instance inst = system(N, "alexnet", 3, 1);
  const Problem p = build_problem(inst);
  const Multipliers zero = Multipliers::zero(p.units);
  const double expected = evaluate_lagrangian(p, zero).bound;
  for (auto _ : state) {
    const LagrangianEvaluation e = evaluate_lagrangian(p, zero);
    if (e.bound != expected || e.paths.size() != p.chains.size()) state.SkipWithError("the dual value changed");
    benchmark::DoNotOptimize(e);
  }
}
BENCHMARK(BM_LagrangianEvaluation)->Arg(50)->Arg(100)->Arg(200)->Unit(benchmark::kMicrosecond);

// The Lagrangian dual by column generation from zero multipliers, to convergence: what the
// root pays where the subgradient steps leave a gap. Three AlexNets, L = 1, HaLow (the later
// setting at N = 50, the 100- and 200-unit systems of the larger suite). Args: N. Counter:
// rounds (master solves).
void BM_DualLp(benchmark::State& state) {
  const int N = static_cast<int>(state.range(0));
  const Instance inst = system(N, "alexnet", 3, 1, "halow");
  const Problem p = build_problem(inst);
  const DualLpResult first = lagrangian_dual_lp(p, {});
  if (!first.converged) throw std::logic_error("the dual did not converge");
  for (auto _ : state) {
    const DualLpResult r = lagrangian_dual_lp(p, {});
    if (!r.converged || std::fabs(r.bound - first.bound) > 1e-9 * first.bound)
      state.SkipWithError("the dual's optimum changed between runs");
    benchmark::DoNotOptimize(r);
  }
  state.counters["rounds"] = first.rounds;
  state.counters["bound_ms"] = first.bound * 1e3;
  state.counters["ascent_ms"] = lagrangian_ascent(p, kInf, 0.0).bound * 1e3;
}
BENCHMARK(BM_DualLp)->Arg(50)->Arg(100)->Arg(200)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace cnnplace::micro
