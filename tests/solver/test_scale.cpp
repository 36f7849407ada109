// The parts of the solver added for scale and speed (issues 8 and 3): the multi-source
// shortest-path move step of the chain tables must give the very tables of the pairwise
// scan, the greedy first placement must respect every capacity, and trying one of several
// interchangeable units must not lose the optimum.
#include <catch2/catch.hpp>

#include <string>

#include "bounds/chain_dp.hpp"
#include "bounds/lagrangian.hpp"
#include "bounds/problem.hpp"
#include "heuristics/greedy.hpp"
#include "heuristics/local_search.hpp"
#include "model/evaluate.hpp"
#include "model/generator.hpp"
#include "solver/solve.hpp"
#include "support/brute_force.hpp"
#include "support/random_instances.hpp"

using namespace cnnplace;

namespace {

int no_return_chains = 0;  // chains whose tables forbid returns, over the comparisons

// Every entry of the tables built by the scan and by nearest sources, against the same
// multipliers and residual capacities: the move step alone, or with returns forbidden, where
// every state's cost-to-go is compared from every unit before it. `scan_pairs_per_unit`:
// that of the nearest-source tables (0: nearest sources on every layer; the default scans
// the layer pairs with few units, Problem::scan_pairs_per_unit).
void expect_same_tables(const Problem& p, const Multipliers& lambda, const Residual* residual, bool forbid_returns,
                        double scan_pairs_per_unit = 0) {
  Problem scan = p, nearest = p;
  scan.forbid_returns = nearest.forbid_returns = forbid_returns;
  scan.nearest_sources_from_units = -1;
  nearest.nearest_sources_from_units = 0;
  nearest.scan_pairs_per_unit = scan_pairs_per_unit;
  REQUIRE(!use_nearest_sources(scan));
  REQUIRE(use_nearest_sources(nearest));
  for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) {
    const ChainTables a(scan, u, lambda, residual), b(nearest, u, lambda, residual);
    INFO("chain " << u);
    if (!(a.root() < kInf)) {
      CHECK(!(b.root() < kInf));
      continue;
    }
    CHECK(b.root() == Approx(a.root()).epsilon(1e-12).margin(1e-15));
    REQUIRE(a.no_return() == b.no_return());
    if (a.no_return()) {
      for (int j = 1; j + 1 < p.chains[u].size(); ++j)
        for (int i = 0; i < p.units; ++i) {
          if (!(a.tail(j, i, 1) < kInf) || a.max_run(j, i) < 1) continue;
          for (int prev = 0; prev < p.units; ++prev) {
            INFO("layer " << j << " unit " << i << " from " << prev);
            const double x = a.tail(j, i, 1, prev), y = b.tail(j, i, 1, prev);
            if (x < kInf) {
              CHECK(y == Approx(x).epsilon(1e-12).margin(1e-15));
            } else {
              CHECK(!(y < kInf));
            }
          }
        }
      ++no_return_chains;
    }
    for (int j = 0; j + 1 < p.chains[u].size(); ++j)
      for (int i = 0; i < p.units; ++i)
        for (int r = 1; r <= a.max_run(j, i); ++r) {
          INFO("layer " << j << " unit " << i << " run " << r);
          REQUIRE(b.max_run(j, i) == a.max_run(j, i));
          if (a.tail(j, i, r) < kInf) {
            CHECK(b.tail(j, i, r) == Approx(a.tail(j, i, r)).epsilon(1e-12).margin(1e-15));
          } else {
            CHECK(!(b.tail(j, i, r) < kInf));
          }
        }
  }
}

Multipliers some_prices(const Problem& p, std::uint64_t seed) {
  testing::Rng rng(seed);
  Multipliers l = Multipliers::zero(p.units);
  for (int i = 0; i < p.units; ++i) {
    if (rng.chance(0.3)) l.count[i] = rng.uniform() * 0.01;
    if (rng.chance(0.2)) l.memory[i] = rng.uniform() * 0.01;
  }
  return l;
}

// The loads of a random feasible half-placement (greedy's first items).
Residual some_residual(const Problem& p) {
  Residual r{std::vector<int>(p.units, 0), std::vector<double>(p.units, 0.0), std::vector<double>(p.units, 0.0),
             std::vector<int>(p.item_count(), -1)};
  if (auto units = greedy_placement(p))
    for (int k = 0; k < p.item_count() / 2; ++k) {
      const int i = (*units)[k];
      r.unit_of_item[k] = i;
      r.count[i] += 1;
      r.memory[i] += p.item_memory[k];
      r.compute[i] += p.item_compute[k];
    }
  return r;
}

// Both table modes agree without prices, with prices, and with other prices on a residual,
// with and without returns forbidden.
void expect_same_tables_three_ways(const Problem& p, std::uint64_t prices_seed, std::uint64_t residual_prices_seed,
                                   double scan_pairs_per_unit = 0) {
  const Residual r = some_residual(p);
  for (bool forbid_returns : {false, true}) {
    expect_same_tables(p, Multipliers::zero(p.units), nullptr, forbid_returns, scan_pairs_per_unit);
    expect_same_tables(p, some_prices(p, prices_seed), nullptr, forbid_returns, scan_pairs_per_unit);
    expect_same_tables(p, some_prices(p, residual_prices_seed), &r, forbid_returns, scan_pairs_per_unit);
  }
}

}  // namespace

TEST_CASE("nearest-source moves equal the pairwise scan on tiny instances (any link rates)", "[bounds][scale]") {
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    INFO("seed " << seed);
    const Instance inst = testing::random_tiny_instance(seed);
    expect_same_tables_three_ways(build_problem(inst), seed, seed + 1);
  }
  CHECK(no_return_chains > 60);  // 88 comparisons
}

TEST_CASE("nearest-source moves equal the pairwise scan on generated systems up to N = 400", "[bounds][scale]") {
  std::uint64_t seed = 1;
  for (int units : {40, 150, 400})
    for (int L : {1, 2, 3}) {
      GeneratorOptions g;
      g.units = units;
      g.cnns = 4;
      g.cnn_kinds = {"alexnet", "5layer", "gc6", "gc-alexnet"};
      g.layer_limit = L;
      g.technology = L == 2 ? "halow" : "wifi4";
      g.scale_density = true;
      g.connect = Connect::resample;
      g.seed = ++seed;
      INFO("N " << units << " L " << L << " seed " << seed);
      const Instance inst = generate(g);
      const int before = no_return_chains;
      expect_same_tables_three_ways(build_problem(inst), seed, seed + 7);
      if (L == 1) CHECK(no_return_chains > before);
    }
}

TEST_CASE("at scale, the layer pairs with few units are scanned, with the same tables", "[bounds][scale]") {
  // With 90 % microcontrollers, only the Raspberry Pis take AlexNet's layers after the first:
  // those pairs of layers are scanned, the first runs nearest sources (as do all of the
  // 5-layer CNN's, whose one Raspberry Pi layer sits between two that any unit takes), in the
  // same tables.
  const double per_unit = Problem{}.scan_pairs_per_unit;
  REQUIRE(per_unit > 0);
  std::uint64_t seed = 100;
  for (const char* kind : {"alexnet", "5layer"})
    for (int L : {1, 2}) {
      GeneratorOptions g;
      g.units = 400;
      g.cnns = 4;
      g.cnn_kinds = {kind};
      g.layer_limit = L;
      g.mix = {{"stm32h7", 0.9}, {"rpi3b+", 0.1}};
      g.technology = L == 2 ? "halow" : "wifi4";
      g.scale_density = true;
      g.connect = Connect::resample;
      g.seed = ++seed;
      INFO(kind << " L " << L << " seed " << seed);
      const Instance inst = generate(g);
      const Problem p = build_problem(inst);
      int scanned = 0, nearest = 0;
      const Chain& c = p.chains[0];
      for (int j = 0; j + 1 < c.size(); ++j) {
        ++(scans_pairs(p, p.candidates[c.item[j]].size(), p.candidates[c.item[j + 1]].size()) ? scanned : nearest);
      }
      CHECK(scanned >= (std::string(kind) == "alexnet" ? 5 : 0));
      CHECK(nearest >= 1);
      expect_same_tables_three_ways(p, seed, seed + 7, per_unit);
    }
}

TEST_CASE("the greedy first placement respects every capacity", "[heuristics][scale]") {
  int found = 0;
  for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
    INFO("seed " << seed);
    const Instance inst = testing::random_tiny_instance(seed);
    const Problem p = build_problem(inst);
    const auto units = greedy_placement(p);
    if (!units) continue;
    ++found;
    REQUIRE(respects_capacities(p, *units));
    const Placement placement = to_placement(p, *units);
    CHECK(check(inst, placement).empty());
    CHECK(evaluate(inst, placement).objective() == Approx(placement_cost(p, *units)).epsilon(1e-12));
  }
  CHECK(found > 500);
}

TEST_CASE("the greedy's scarcest-first pass places what the chain-by-chain pass cannot", "[heuristics][scale]") {
  // cnnplace generate --units 200 --cnns 50 --cnn 5layer --L 2 --scale-density --connect
  // resample --seed 1: chain by chain, small layers take the Raspberry Pis that later
  // chains' big layers need; the first placement then came from the chain DP after 105-208 ms.
  GeneratorOptions g;
  g.units = 200;
  g.cnns = 50;
  g.cnn_kinds = {"5layer"};
  g.layer_limit = 2;
  g.scale_density = true;
  g.connect = Connect::resample;
  g.seed = 1;
  const Instance inst = generate(g);
  const Problem p = build_problem(inst);
  const auto units = greedy_placement(p);
  REQUIRE(units);
  REQUIRE(respects_capacities(p, *units));
  CHECK(check(inst, to_placement(p, *units)).empty());
  SolverOptions o;
  o.time_limit_s = 0.5;
  o.progress_interval_s = 0;
  const SolveResult r = solve(inst, o);
  REQUIRE(r.placement);
  CHECK(r.objective_s <= placement_cost(p, *units) * (1 + 1e-12));
  CHECK(r.stats.time_to_first_s < r.stats.seconds);
}

TEST_CASE("twin units: detected on small dense systems, and the solver still agrees with brute force",
          "[solver][brute-force][twins]") {
  int with_twins = 0, solved = 0;
  for (std::uint64_t seed = 1; seed <= 120; ++seed) {
    GeneratorOptions g;
    g.cnns = seed % 2 ? 1 : 2;
    g.units = g.cnns == 1 ? 5 + static_cast<int>(seed % 3) : 4 + static_cast<int>(seed % 2);  // brute force: N^8 at most
    g.cnn_kinds = {"5layer"};
    g.shared_first = g.cnns == 2 ? 2 : 0;
    g.layer_limit = 1 + static_cast<int>(seed % 3);
    g.mix = {{"stm32h7", 0.5}, {"rpi3b+", 0.5}};
    g.technology = seed % 4 < 2 ? "wifi4" : "halow";
    g.side_m = 12;
    g.seed = seed;
    INFO("seed " << seed);
    const Instance inst = generate(g);
    const Problem p = build_problem(inst);
    const std::vector<int> twin_class = find_twins(p);
    for (int i = 0; i < p.units; ++i)
      if (twin_class[i] != i) {
        ++with_twins;
        break;
      }
    const testing::BruteForceResult oracle = testing::brute_force(inst);
    for (int threads : {1, 2}) {
      SolverOptions o;
      o.threads = threads;
      const SolveResult r = solve(inst, o);
      if (!oracle.feasible) {
        CHECK(r.status == SolveStatus::infeasible);
        continue;
      }
      REQUIRE(r.status == SolveStatus::optimal);
      CHECK(r.objective_s == Approx(oracle.objective).epsilon(1e-9).margin(1e-15));
      CHECK(check(inst, *r.placement).empty());
      solved += threads == 1;
    }
  }
  CHECK(with_twins > 30);
  CHECK(solved > 30);
}
