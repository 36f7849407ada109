// The fitting-path pricing (bounds/fitting_path.hpp): the cheapest priced chain path whose
// units hold it by themselves, against every path of the chain by brute force, at zero and
// random multipliers, with and without a node's residual capacities; and the column
// generation's bound that sums them, against the optimum.
#include <catch2/catch.hpp>

#include <functional>

#include "bounds/chain_dp.hpp"
#include "bounds/dual_lp.hpp"
#include "bounds/fitting_path.hpp"
#include "bounds/lagrangian.hpp"
#include "bounds/problem.hpp"
#include "model/capacity.hpp"
#include "model/generator.hpp"
#include "support/brute_force.hpp"
#include "support/random_instances.hpp"
#include "support/random_multipliers.hpp"

using namespace cnnplace;

namespace {

// Longer chains than the brute-force shapes, so that a path can come back to a unit after
// two or more moves: one or two chains of up to six layers on up to five units.
testing::TinyShape long_chains() { return {5, 2, 6, 12}; }

// Does chain u's path fit the units, on top of what `residual` holds there (its assigned
// items counted there already)? Written apart from bounds/fitting_path.cpp on purpose.
bool fits_by_itself(const Problem& p, int u, const std::vector<int>& path, const Residual& residual) {
  std::vector<int> count = residual.count;
  std::vector<double> memory = residual.memory, compute = residual.compute;
  const Chain& c = p.chains[u];
  for (int j = 0; j < c.size(); ++j) {
    const int k = c.item[j], i = path[j];
    if (residual.unit_of_item[k] >= 0) {
      if (residual.unit_of_item[k] != i) return false;
      continue;
    }
    count[i] += 1, memory[i] += p.item_memory[k], compute[i] += p.item_compute[k];
  }
  for (int i = 0; i < p.units; ++i)
    if (count[i] > p.layer_limit[i] || !fits(memory[i], p.memory_cap[i]) || !fits(compute[i], p.compute_cap[i]))
      return false;
  return true;
}

// The tables' priced cost of a path: nodes, and transfers between different units.
double priced_cost(const Problem& p, int u, const ChainTables& t, const std::vector<int>& path) {
  double v = 0;
  for (int j = 0; j < p.chains[u].size(); ++j) {
    v += t.node(j, path[j]);
    if (j > 0 && path[j] != path[j - 1]) v += p.chains[u].arc_weight[j - 1] * p.T(path[j - 1], path[j]);
  }
  return v;
}

// The cheapest fitting path by trying every unit for every layer (+inf if none fits).
double brute_force_fitting(const Problem& p, int u, const ChainTables& t, const Residual& residual) {
  const int M = p.chains[u].size();
  std::vector<int> path(M, 0);
  double best = kInf;
  std::function<void(int)> walk = [&](int j) {
    if (j == M) {
      if (fits_by_itself(p, u, path, residual)) best = std::min(best, priced_cost(p, u, t, path));
      return;
    }
    for (int i = 0; i < p.units; ++i)
      if (t.node(j, i) < kInf) path[j] = i, walk(j + 1);
  };
  walk(0);
  return best;
}

}  // namespace

TEST_CASE("the cheapest fitting path is the brute-force cheapest over every path that fits by itself",
          "[bounds][fitting-path]") {
  testing::Rng rng(11);
  int compared = 0, above_tables = 0, searched = 0, with_residual = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    for (const bool one_layer : {false, true}) {
      Instance inst = testing::random_tiny_instance(seed, long_chains());
      if (one_layer) inst = testing::with_one_layer_per_unit(inst);
      const Problem p = build_problem(inst);
      for (int round = 0; round < 3; ++round) {
        const Multipliers lambda =
            round == 0 ? Multipliers::zero(p.units) : testing::random_multipliers(p, rng, 0.05, {0.7, 0.3, 0.3});
        // Round 2: a node of the search, the first items on random units where they fit alone.
        Residual residual = Residual::empty(p);
        if (round == 2)
          for (int k = 0; k < std::min(2, p.item_count()); ++k) {
            const int i = rng.below(p.units);
            if (p.fits_alone(k, i) && residual.has_room(p, k, i)) residual.place(p, k, i);
          }
        const Residual* node = round == 2 ? &residual : nullptr;
        for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) {
          INFO("seed " << seed << (one_layer ? " (L = 1)" : "") << ", round " << round << ", chain " << u);
          const ChainTables t(p, u, lambda, node);
          const FittingPath f = cheapest_fitting_path(p, u, t, node, kFittingPathSteps);
          const double expected = brute_force_fitting(p, u, t, residual);
          REQUIRE(f.exact);
          if (!(expected < kInf)) {
            CHECK(!(f.value < kInf));
            CHECK(f.path.empty());
            continue;
          }
          CHECK(f.value == Approx(expected).epsilon(1e-12).margin(1e-15));
          REQUIRE(static_cast<int>(f.path.size()) == p.chains[u].size());
          CHECK(fits_by_itself(p, u, f.path, residual));
          CHECK(path_fits_alone(p, u, f.path, node));
          CHECK(priced_cost(p, u, t, f.path) == Approx(f.value).epsilon(1e-12).margin(1e-15));
          CHECK(f.value >= t.root() - 1e-12 * std::fabs(t.root()) - 1e-15);
          ++compared;
          if (f.value > t.root() * (1 + 1e-9) + 1e-15) ++above_tables;
          if (f.steps > 0) ++searched;
          if (node && residual.count != Residual::empty(p).count) ++with_residual;
        }
      }
    }
  }
  INFO(compared << " chains compared, " << above_tables << " above the tables' optimum, " << searched
                << " searched, " << with_residual << " at a node");
  CHECK(compared > 1000);
  CHECK(above_tables > 100);
  CHECK(searched > 200);
  CHECK(with_residual > 250);
}

TEST_CASE("a search out of steps answers the tables' optimum, a valid bound", "[bounds][fitting-path]") {
  int cut_short = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    const Instance inst = testing::with_one_layer_per_unit(testing::random_tiny_instance(seed, long_chains()));
    const Problem p = build_problem(inst);
    for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) {
      const ChainTables t(p, u, Multipliers::zero(p.units));
      const FittingPath full = cheapest_fitting_path(p, u, t, nullptr, kFittingPathSteps);
      const FittingPath one = cheapest_fitting_path(p, u, t, nullptr, 1);
      if (one.exact) continue;
      ++cut_short;
      INFO("seed " << seed << ", chain " << u);
      CHECK(one.value == t.root());
      CHECK(one.value <= full.value);
    }
  }
  CHECK(cut_short > 20);
}

TEST_CASE("the column-generation dual with fitting paths stays below the optimum", "[bounds][dual-lp][fitting-path]") {
  int checked = 0, above_tables = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    // Chains of up to five layers, seven in all: brute force over 5^7 placements.
    const Instance inst = testing::random_tiny_instance(seed, {5, 2, 5, 7});
    const testing::BruteForceResult oracle = testing::brute_force(inst);
    if (!oracle.feasible) continue;
    const Problem p = build_problem(inst);
    const DualLpResult dual = lagrangian_dual_lp(p, {});
    INFO("seed " << seed);
    CHECK(dual.bound <= oracle.objective * (1 + 1e-9) + 1e-15);
    const double tables = evaluate_lagrangian(p, dual.lambda).bound;
    CHECK(dual.bound >= tables - 1e-12 * std::fabs(tables) - 1e-15);
    if (dual.bound > tables * (1 + 1e-9) + 1e-15) ++above_tables;
    ++checked;
  }
  INFO(checked << " feasible, " << above_tables << " above the tables' Lagrangian at the same multipliers");
  CHECK(checked > 100);
  CHECK(above_tables > 5);
}
