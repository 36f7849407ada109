// Properties of the bounds (issue 3, tests b and d): admissible for every completion,
// monotone from parent to child, and the capacity-free case equals the Viterbi DP.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>

#include "bounds/chain_dp.hpp"
#include "bounds/lagrangian.hpp"
#include "bounds/problem.hpp"
#include "model/capacity.hpp"
#include "model/evaluate.hpp"
#include "solver/solve.hpp"
#include "support/brute_force.hpp"
#include "support/random_instances.hpp"

using namespace cnnplace;

namespace {

// The plain layered-graph shortest path (Viterbi) of one chain, without runs or capacities.
double viterbi(const Problem& p, int u) {
  const Chain& c = p.chains[u];
  std::vector<double> best(p.units);
  for (int i = 0; i < p.units; ++i) best[i] = p.node_cost(u, 0, i);
  for (int j = 1; j < c.size(); ++j) {
    std::vector<double> next(p.units, kInf);
    for (int k = 0; k < p.units; ++k)
      for (int i = 0; i < p.units; ++i)
        next[k] = std::min(next[k], best[i] + c.arc_weight[j - 1] * p.T(i, k) + p.node_cost(u, j, k));
    best = next;
  }
  return *std::min_element(best.begin(), best.end());
}

// Instances with no capacity that binds: L unlimited, memory and compute unlimited.
Instance capacity_free(std::uint64_t seed) {
  Instance inst = testing::random_tiny_instance(seed);
  for (Unit& u : inst.units) {
    u.layer_limit = kUnlimitedLayers;
    u.memory_bytes = kUnlimited;
    u.compute_mults = kUnlimited;
  }
  inst.shared_groups.clear();
  return inst;
}

}  // namespace

TEST_CASE("capacity-free optimum equals the Viterbi DP", "[bounds][viterbi]") {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    INFO("seed " << seed);
    const Instance inst = capacity_free(seed);
    const Problem p = build_problem(inst);
    double dp = 0;
    for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) {
      const double v = viterbi(p, u);
      CHECK(ChainTables(p, u, Multipliers::zero(p.units)).root() == Approx(v).epsilon(1e-12).margin(1e-15));
      dp += v;
    }
    const SolveResult r = solve(inst);
    REQUIRE(r.status == SolveStatus::optimal);
    CHECK(r.objective_s == Approx(dp).epsilon(1e-9).margin(1e-15));
  }
}

TEST_CASE("the Lagrangian bound never exceeds the optimum, for any multipliers", "[bounds][lagrangian]") {
  testing::Rng rng(42);
  int checked = 0;
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    INFO("seed " << seed);
    const Instance inst = testing::random_tiny_instance(seed);
    const testing::BruteForceResult oracle = testing::brute_force(inst);
    if (!oracle.feasible) continue;
    const Problem p = build_problem(inst);
    for (int trial = 0; trial < 5; ++trial) {
      Multipliers l = Multipliers::zero(p.units);
      for (int i = 0; i < p.units; ++i) {
        l.count[i] = trial == 0 ? 0 : rng.uniform() * oracle.objective;
        l.memory[i] = rng.uniform() * oracle.objective;
        l.compute[i] = std::isinf(p.compute_cap[i]) ? 0 : rng.uniform() * oracle.objective;
        if (p.layer_limit[i] == kUnlimitedLayers) l.count[i] = 0;
        if (std::isinf(p.memory_cap[i])) l.memory[i] = 0;
      }
      CHECK(evaluate_lagrangian(p, l).bound <= oracle.objective * (1 + 1e-12) + 1e-15);
    }
    const AscentResult a = lagrangian_ascent(p, oracle.objective, 0.0);
    CHECK(a.bound <= oracle.objective * (1 + 1e-12) + 1e-15);
    ++checked;
  }
  CHECK(checked > 200);
}

TEST_CASE("chain bounds: admissible for every completion and monotone along it", "[bounds][admissible]") {
  // For a chain alone: prefix cost + tail (knowing the unit before the last, as the search
  // does) never exceeds the cost of any completion that fits (the chain's own load on every
  // unit within L, memory and compute), and a child's bound is at least its parent's.
  // Tiny shapes with up to 5 layers per chain, so that returns i -> k -> i occur.
  testing::TinyShape shape;
  shape.max_layers = 5;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    INFO("seed " << seed);
    const Instance inst = testing::random_tiny_instance(seed, seed % 2 ? testing::TinyShape{} : shape);
    const Problem p = build_problem(inst);
    const Multipliers zero = Multipliers::zero(p.units);
    for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) {
      const ChainTables t(p, u, zero);
      const Chain& c = p.chains[u];
      std::vector<int> path(c.size()), count(p.units, 0);
      std::vector<double> memory(p.units, 0.0), compute(p.units, 0.0);
      // Enumerate every path of this chain that fits, and check every prefix's bound.
      std::function<void(int, double, int, double)> walk = [&](int j, double cost, int run, double parent_bound) {
        if (j == c.size()) {
          CHECK(parent_bound <= cost * (1 + 1e-12) + 1e-15);
          return;
        }
        for (int i : p.candidates[c.item[j]]) {
          const int r = (j > 0 && path[j - 1] == i) ? run + 1 : 1;
          const int k = c.item[j];
          if (count[i] + 1 > p.layer_limit[i] || !fits(memory[i] + p.item_memory[k], p.memory_cap[i]) ||
              !fits(compute[i] + p.item_compute[k], p.compute_cap[i]))
            continue;
          REQUIRE(r <= t.max_run(j, i));
          path[j] = i;
          count[i] += 1, memory[i] += p.item_memory[k], compute[i] += p.item_compute[k];
          const double now = cost + p.node_cost(u, j, i) + (j > 0 ? c.arc_weight[j - 1] * p.T(path[j - 1], i) : 0.0);
          const double b = j + 1 == c.size() ? now : now + t.tail(j, i, r, j > 0 ? path[j - 1] : -1);
          CHECK(b >= parent_bound * (1 - 1e-12) - 1e-15);
          walk(j + 1, now, r, b);
          count[i] -= 1, memory[i] -= p.item_memory[k], compute[i] -= p.item_compute[k];
        }
      };
      walk(0, 0.0, 0, t.root());
    }
  }
}
