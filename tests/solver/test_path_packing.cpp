// The path enumeration's integer program (solver/path_packing.hpp): given every path of every
// chain, its answer is the brute-force optimum below any cutoff, and nothing at or above it;
// inside the enumeration, forced at every pass, the enumeration stays exact; on a system of
// the scaling benchmark it proves the optimum that the search alone cannot.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <initializer_list>

#include "bounds/dual_lp.hpp"
#include "bounds/problem.hpp"
#include "model/evaluate.hpp"
#include "model/generator.hpp"
#include "solver/path_enumeration.hpp"
#include "solver/path_packing.hpp"
#include "solver/solve.hpp"
#include "support/brute_force.hpp"
#include "support/random_instances.hpp"

using namespace cnnplace;

namespace {

// Every path of one chain (each layer on any unit where it fits alone), with its cost.
struct AllPaths {
  std::vector<int> units;
  std::vector<double> seconds;
};

AllPaths all_paths(const Problem& p, int u) {
  AllPaths out;
  const Chain& chain = p.chains[u];
  std::vector<int> unit_of_item(p.item_count(), -1);
  std::vector<int> choice(chain.size(), 0);
  while (true) {
    bool fits = true;
    for (int j = 0; j < chain.size(); ++j) {
      const std::vector<int>& cand = p.candidates[chain.item[j]];
      if (cand.empty()) return out;
      unit_of_item[chain.item[j]] = cand[choice[j]];
      fits = fits && std::isfinite(p.node_cost(u, j, cand[choice[j]]));
    }
    if (fits) {
      for (int j = 0; j < chain.size(); ++j) out.units.push_back(unit_of_item[chain.item[j]]);
      out.seconds.push_back(chain_cost(p, u, unit_of_item));
    }
    int j = 0;
    while (j < chain.size() && ++choice[j] == static_cast<int>(p.candidates[chain.item[j]].size())) choice[j++] = 0;
    if (j == chain.size()) return out;
  }
}

const EnumerationTolerance kTolerance{1e-12, 1e-9};

// The program's settings under test: 0 without Gomory cuts (the heuristics'), 1 with them,
// 2 with them and branching on unit shares (the enumeration's at L = 1).
constexpr int kSettings[] = {0, 1, 2};

PackingLimits with_setting(int setting) {
  PackingLimits limits;
  limits.gomory_cuts = setting > 0;
  limits.branch_on_units = setting == 2;
  return limits;
}

const char* setting_name(int setting) {
  return setting == 0 ? "without Gomory cuts" : setting == 1 ? "with Gomory cuts" : "with Gomory cuts and unit shares";
}

// The tiny systems of seeds 1-400 without shared layers (the program's domain), as drawn and
// with L = 1 everywhere: `visit(inst, p, oracle)` on each, with the system named in INFO.
template <class Visit>
void for_each_unshared_tiny(Visit visit) {
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    for (const bool single : {false, true}) {
      const Instance tiny = testing::random_tiny_instance(seed, testing::three_chains());
      const Instance inst = single ? testing::with_one_layer_per_unit(tiny) : tiny;
      const Problem p = build_problem(inst);
      if (p.has_shared_items()) continue;
      INFO("seed " << seed << (single ? " with L = 1 everywhere" : ""));
      visit(inst, p, testing::brute_force(inst));
    }
  }
}

}  // namespace

TEST_CASE("the path packing program finds the brute-force optimum among all paths, and nothing below it",
          "[enumeration][packing]") {
  // With and without GLPK's Gomory cuts, and with them and branching on unit shares (the
  // enumeration's setting; the heuristics' is without either).
  // Paths that load the rows alike (at L = 1, a chain's paths over the same units in another
  // order) become one column, the cheapest: a dearer twin listed first changes nothing.
  int feasible = 0, infeasible = 0;
  for_each_unshared_tiny([&](const Instance& inst, const Problem& p, const testing::BruteForceResult& oracle) {
    std::vector<AllPaths> paths;
    std::vector<ListedPaths> listed;
    for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) paths.push_back(all_paths(p, u));
    for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) listed.push_back({u, &paths[u].units, &paths[u].seconds});
    for (const int setting : kSettings) {
      INFO(setting_name(setting));
      const PackingLimits limits = with_setting(setting);
      if (!oracle.feasible) {
        const PackingResult r = pack_paths(p, listed, 1e6, kTolerance(1e6), limits);
        CHECK(r.complete);
        CHECK_FALSE(r.units.has_value());
        infeasible += setting == 1;
        continue;
      }
      const double optimum = oracle.objective;
      INFO("optimum " << optimum);
      const double loose = 1.5 * optimum + 1e-6;
      const PackingResult above = pack_paths(p, listed, loose, kTolerance(loose), limits);
      REQUIRE(above.complete);
      REQUIRE(above.units.has_value());
      CHECK(above.value == Approx(optimum).epsilon(1e-9));
      const Placement placement = to_placement(p, *above.units);
      CHECK(check(inst, placement).empty());
      CHECK(evaluate(inst, placement).objective() == Approx(above.value).epsilon(1e-12));
      // Strictly below the optimum, less its tolerance: nothing.
      const PackingResult below = pack_paths(p, listed, optimum - kTolerance(optimum), kTolerance(optimum), limits);
      CHECK(below.complete);
      CHECK_FALSE(below.units.has_value());
      if (setting != 1) continue;
      ++feasible;
      // Every path listed twice, a dearer twin first: the same columns, the same optimum.
      std::vector<AllPaths> twice(paths.size());
      std::vector<ListedPaths> listed_twice;
      for (std::size_t u = 0; u < paths.size(); ++u) {
        const std::size_t M = p.chains[u].size();
        for (std::size_t k = 0; k < paths[u].seconds.size(); ++k) {
          for (const double extra : {1e-3 * optimum, 0.0}) {
            twice[u].units.insert(twice[u].units.end(), paths[u].units.begin() + k * M, paths[u].units.begin() + (k + 1) * M);
            twice[u].seconds.push_back(paths[u].seconds[k] + extra);
          }
        }
        listed_twice.push_back({static_cast<int>(u), &twice[u].units, &twice[u].seconds});
      }
      const PackingResult doubled = pack_paths(p, listed_twice, loose, kTolerance(loose), limits);
      REQUIRE(doubled.complete);
      REQUIRE(doubled.units.has_value());
      CHECK(doubled.value == Approx(optimum).epsilon(1e-9));
      CHECK(doubled.columns == above.columns);
    }
  });
  CHECK(feasible > 250);
  CHECK(infeasible > 5);
}

// Without Gomory cuts, with them, and with them and branching on unit shares (the
// enumeration's setting), the program with reduced-cost fixing (the default) below
// cutoffs `above` (relative) over `optimum` finds it, and nothing below it; returns how often
// it started again without the columns it fixed.
int check_fixing_keeps_optimum(const Instance& inst, const Problem& p, const std::vector<ListedPaths>& listed,
                               double optimum, std::initializer_list<double> above) {
  int restarts = 0;
  for (const int setting : kSettings) {
    INFO(setting_name(setting));
    const PackingLimits limits = with_setting(setting);
    for (const double a : above) {
      const double cutoff = optimum * (1 + a) + 1e-9;
      const PackingResult r = pack_paths(p, listed, cutoff, kTolerance(cutoff), limits);
      REQUIRE(r.complete);
      REQUIRE(r.units.has_value());
      CHECK(r.value == Approx(optimum).epsilon(1e-9));
      CHECK(check(inst, to_placement(p, *r.units)).empty());
      restarts += r.restarts;
    }
    const PackingResult below = pack_paths(p, listed, optimum - kTolerance(optimum), kTolerance(optimum), limits);
    CHECK(below.complete);
    CHECK_FALSE(below.units.has_value());
    restarts += below.restarts;
  }
  return restarts;
}

TEST_CASE("reduced-cost fixing at the program's first node keeps the brute-force optimum",
          "[enumeration][packing]") {
  // With a cutoff a little above the optimum, the first node's duals (after its cuts) rule
  // out most columns, and the program starts again without them: still the optimum, and
  // nothing below it.
  int restarts = 0, feasible = 0;
  for_each_unshared_tiny([&](const Instance& inst, const Problem& p, const testing::BruteForceResult& oracle) {
    if (!oracle.feasible) return;
    std::vector<AllPaths> paths;
    std::vector<ListedPaths> listed;
    for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) paths.push_back(all_paths(p, u));
    for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) listed.push_back({u, &paths[u].units, &paths[u].seconds});
    const double optimum = oracle.objective;
    INFO("optimum " << optimum);
    restarts += check_fixing_keeps_optimum(inst, p, listed, optimum, {1e-4, 1e-3, 1e-2, 1e-1, 0.3});
    ++feasible;
  });
  INFO(feasible << " feasible systems, " << restarts << " restarts");
  CHECK(restarts > 10);
}

// Systems of up to four chains of up to four layers on up to seven units (seeds 1-600, no
// shared layers), every path of every chain (up to 2 401 each): `visit(inst, p, listed,
// optimum, loose)` on each that has a placement. The optimum is the program's without
// reduced-cost fixing, below `loose`, twice a first placement's value (with a cutoff far
// above, the costs in units of the spread are too small for GLPK's tolerances).
template <class Visit>
void for_each_larger_system(Visit visit) {
  testing::TinyShape shape;
  shape.max_units = 7, shape.max_cnns = 4, shape.max_layers = 4, shape.max_total_layers = 16;
  for (std::uint64_t seed = 1; seed <= 600; ++seed) {
    const Instance inst = testing::random_tiny_instance(seed, shape);
    const Problem p = build_problem(inst);
    if (p.has_shared_items()) continue;
    INFO("seed " << seed);
    std::vector<AllPaths> paths;
    std::vector<ListedPaths> listed;
    for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) paths.push_back(all_paths(p, u));
    for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) listed.push_back({u, &paths[u].units, &paths[u].seconds});
    PackingLimits plain;
    plain.gomory_cuts = true;
    plain.reduced_cost_fixing = false;
    const PackingResult first = pack_paths(p, listed, 1e6, kTolerance(1e6), plain);
    REQUIRE(first.complete);
    if (!first.units) continue;
    const double loose = 2 * first.value;
    const PackingResult oracle = pack_paths(p, listed, loose, kTolerance(loose), plain);
    REQUIRE(oracle.complete);
    REQUIRE(oracle.units.has_value());
    CHECK(oracle.restarts == 0);
    INFO("optimum " << oracle.value);
    visit(inst, p, listed, oracle.value, loose);
  }
}

TEST_CASE("reduced-cost fixing at the program's first node: the same optimum as without it, on larger systems",
          "[enumeration][packing]") {
  // With fixing and cutoffs near the optimum: the same value, and nothing below it.
  int restarts = 0, compared = 0;
  for_each_larger_system([&](const Instance& inst, const Problem& p, const std::vector<ListedPaths>& listed,
                             double optimum, double) {
    restarts += check_fixing_keeps_optimum(inst, p, listed, optimum, {1e-3, 1e-2, 1e-1});
    ++compared;
  });
  INFO(compared << " systems, " << restarts << " restarts");
  CHECK(compared > 150);
  CHECK(restarts > 60);
}

TEST_CASE("a program stopped by its node limit, and the enumeration it stops, bound the optimum from below",
          "[enumeration][packing]") {
  // Each program stopped after 1, 2 or 4 nodes: its bound (PackingResult::bound, from the
  // relaxation and the open nodes) is at most the optimum, and so is the bound of an
  // enumeration whose programs stop (EnumerationResult::proven_bound), which the solver
  // reports as its lower bound.
  int stopped = 0, raised = 0, enumerations = 0;
  for_each_larger_system([&](const Instance&, const Problem& p, const std::vector<ListedPaths>& listed,
                             double optimum, double loose) {
    for (const double nodes : {1.0, 2.0, 4.0}) {
      for (const double above : {1e-3, 1e-1}) {
        PackingLimits limits;
        limits.gomory_cuts = true;
        limits.branch_on_units = true;
        limits.max_nodes = nodes;
        const double cutoff = optimum * (1 + above);
        const PackingResult r = pack_paths(p, listed, cutoff, kTolerance(cutoff), limits);
        if (r.units) CHECK(r.value >= optimum * (1 - 1e-9));
        if (r.complete) {
          REQUIRE(r.units.has_value());
          CHECK(r.value == Approx(optimum).epsilon(1e-9));
          continue;
        }
        ++stopped;
        CHECK(r.bound <= optimum * (1 + 1e-9));
      }
    }
    const Multipliers zero = Multipliers::zero(p.units);
    for (const double work : {1e2, 1e3, 1e4}) {
      EnumerationLimits limits;
      limits.max_steps = 1e8;
      limits.max_paths = 1e7;
      limits.max_combinations = 0;  // every combination left to the integer programs
      limits.max_packing_work = work;
      const EnumerationResult e = enumerate_below(p, zero, loose, kTolerance, limits);
      if (e.complete) continue;
      ++enumerations;
      CHECK(e.proven_bound <= optimum * (1 + 1e-9));
      raised += e.proven_bound > e.lagrangian_bound;
    }
  });
  INFO(stopped << " programs stopped, " << enumerations << " enumerations stopped, " << raised << " of them raised");
  CHECK(stopped > 40);
  CHECK(enumerations > 25);
  CHECK(raised > 25);
}

TEST_CASE("a program with no time left is not started; with time left, it answers as without a limit",
          "[enumeration][packing]") {
  int compared = 0;
  for_each_larger_system([&](const Instance&, const Problem& p, const std::vector<ListedPaths>& listed,
                             double optimum, double) {
    const double cutoff = optimum * (1 + 1e-2);
    PackingLimits limits;
    limits.gomory_cuts = true;
    const PackingResult free = pack_paths(p, listed, cutoff, kTolerance(cutoff), limits);
    limits.seconds_left = [] { return 1e6; };
    const PackingResult timed = pack_paths(p, listed, cutoff, kTolerance(cutoff), limits);
    CHECK(timed.complete == free.complete);
    CHECK(timed.units == free.units);
    CHECK(timed.value == free.value);
    CHECK(timed.nodes == free.nodes);
    limits.seconds_left = [] { return 0.0; };
    const PackingResult late = pack_paths(p, listed, cutoff, kTolerance(cutoff), limits);
    CHECK_FALSE(late.complete);
    CHECK_FALSE(late.units.has_value());
    CHECK(late.nodes == 0);
    CHECK(late.bound == -kInf);  // nothing proven
    ++compared;
  });
  CHECK(compared > 10);
}

// Valid subset-row cuts of a system (bounds/subset_rows.hpp): every unit of two layers or
// more alone, every pair and triple of units (the classic divisor), and every four units with
// each divisor up to their slots: sum_P floor(|P on S| / d) x_P <= floor(K / d) holds for
// every placement.
std::vector<SubsetRow> all_small_cuts(const Problem& p) {
  std::vector<SubsetRow> cuts;
  std::vector<int> finite;
  for (int i = 0; i < p.units; ++i)
    if (p.layer_limit[i] >= 1 && p.layer_limit[i] <= kSubsetRowMaxLayers) finite.push_back(i);
  auto classic = [&](std::vector<int> units) {
    std::vector<int> limits;
    for (int i : units) limits.push_back(p.layer_limit[i]);
    cuts.push_back({std::move(units), subset_row_divisor(limits), 0.0, 1});
  };
  const int n = static_cast<int>(finite.size());
  for (int a = 0; a < n; ++a) {
    if (p.layer_limit[finite[a]] >= 2) classic({finite[a]});
    for (int b = a + 1; b < n; ++b) {
      classic({finite[a], finite[b]});
      for (int c = b + 1; c < n; ++c) {
        classic({finite[a], finite[b], finite[c]});
        for (int d = c + 1; d < n; ++d) {
          const std::vector<int> four{finite[a], finite[b], finite[c], finite[d]};
          int slots = 0;
          for (int i : four) slots += p.layer_limit[i];
          for (int divisor = 2; divisor <= slots; ++divisor) cuts.push_back({four, divisor, 0.0, slots / divisor});
        }
      }
    }
  }
  return cuts;
}

TEST_CASE("the path packing program with subset-row cuts as rows keeps the brute-force optimum",
          "[enumeration][packing]") {
  // The enumeration's programs take the dual's cuts as rows (PackingLimits::cut_rows): valid
  // inequalities, so the optimum below any cutoff is the same, with every small cut at once.
  int feasible = 0, programs = 0;
  for_each_unshared_tiny([&](const Instance& inst, const Problem& p, const testing::BruteForceResult& oracle) {
    if (!oracle.feasible || p.units > 12) return;
    std::vector<AllPaths> paths;
    std::vector<ListedPaths> listed;
    for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) paths.push_back(all_paths(p, u));
    for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) listed.push_back({u, &paths[u].units, &paths[u].seconds});
    const SubsetRowPrices cuts(p.units, all_small_cuts(p));
    PackingLimits limits;
    limits.gomory_cuts = true;
    limits.cut_rows = &cuts;
    const double optimum = oracle.objective;
    INFO("optimum " << optimum << ", " << cuts.rows().size() << " cuts");
    const double loose = 1.5 * optimum + 1e-6;
    const PackingResult above = pack_paths(p, listed, loose, kTolerance(loose), limits);
    REQUIRE(above.complete);
    REQUIRE(above.units.has_value());
    CHECK(above.value == Approx(optimum).epsilon(1e-9));
    CHECK(check(inst, to_placement(p, *above.units)).empty());
    const PackingResult below = pack_paths(p, listed, optimum - kTolerance(optimum), kTolerance(optimum), limits);
    CHECK(below.complete);
    CHECK_FALSE(below.units.has_value());
    ++feasible;
    programs += 2;
  });
  INFO(programs << " programs");
  CHECK(feasible > 100);
}

TEST_CASE("path enumeration that leaves every combination to the integer program stays exact",
          "[enumeration][packing]") {
  int checked = 0, packed = 0, cut_systems = 0;
  for_each_unshared_tiny([&](const Instance& inst, const Problem& p, const testing::BruteForceResult& oracle) {
    if (!oracle.feasible) return;
    const double optimum = oracle.objective;
    INFO("optimum " << optimum);
    EnumerationLimits limits;
    limits.max_steps = 1e8;
    limits.max_paths = 1e7;
    limits.max_combinations = 0;  // the combination search gives up at once
    limits.max_packing_work = 1e9;
    // Last, with subset-row cuts: their prices in the walk, their rows in the integer
    // programs. The dual's, where it has some (few tiny systems are contested enough), and
    // every small one otherwise, at price 0.
    DualLpOptions with_cuts;
    with_cuts.max_subset_rows = 50;
    const DualLpResult dual = lagrangian_dual_lp(p, {}, with_cuts);
    const bool dual_cuts = dual.with_cuts.bound > -kInf;
    const SubsetRowPrices small_cuts(p.units, p.units <= 12 ? all_small_cuts(p) : std::vector<SubsetRow>{});
    const SubsetRowPrices* cuts = dual_cuts ? &dual.with_cuts.cuts : small_cuts.empty() ? nullptr : &small_cuts;
    const Multipliers& cut_lambda = dual_cuts ? dual.with_cuts.lambda : dual.lambda;
    cut_systems += cuts != nullptr;
    const Multipliers zero = Multipliers::zero(p.units);
    for (const Multipliers* lambda : {&zero, &dual.lambda, &cut_lambda}) {
      const bool priced_cuts = lambda == &cut_lambda;
      if (priced_cuts && !cuts) continue;
      for (const double upper_bound : {optimum * 1.5 + 1e-6, optimum}) {
        const EnumerationResult e =
            enumerate_below(p, *lambda, upper_bound, kTolerance, limits, priced_cuts ? cuts : nullptr);
        REQUIRE(e.complete);
        CHECK(e.proven_bound <= optimum * (1 + 1e-9) + 1e-15);
        packed += e.packings;
        if (optimum < upper_bound - kTolerance(upper_bound)) {
          REQUIRE(e.units.has_value());
          CHECK(e.value == Approx(optimum).epsilon(1e-9));
          CHECK(check(inst, to_placement(p, *e.units)).empty());
        } else if (e.units) {
          CHECK(e.value == Approx(optimum).epsilon(1e-9));
        }
      }
    }
    ++checked;
  });
  INFO(checked << " systems, " << packed << " integer programs, " << cut_systems << " with cuts");
  CHECK(checked > 250);
  CHECK(packed > 200);
  CHECK(cut_systems > 100);
}

TEST_CASE("ten AlexNets at N = 200, L = 1: the integer program proves the optimum before any search",
          "[enumeration][packing][solver]") {
  // cnnplace generate --units 200 --cnns 10 --cnn alexnet --L 1 --tech wifi4 --scale-density
  // --connect resample --seed 1 (the scaling benchmark's system): the integer program proves
  // it in 4 of its nodes (9 before the fitting-path pricing, bounds/fitting_path.hpp, which
  // also lets the enumeration's own combination prove the HaLow system of the same seed,
  // here before). Both codes agree on the optimum.
  GeneratorOptions g = testing::three_alexnets(200, 1, "wifi4");
  g.cnns = 10;
  g.scale_density = true;
  g.connect = Connect::resample;
  const Instance inst = generate(g);
  // With the root's subset-row cuts (bounds/subset_rows.hpp, on by default) the dual proves
  // it before the enumeration; the integer program's own test is without them.
  const SolveResult cuts = solve(inst, SolverOptions{});
  REQUIRE(cuts.status == SolveStatus::optimal);
  CHECK(cuts.objective_s == Approx(14.961878235).epsilon(1e-9));
  CHECK(cuts.stats.nodes == 0);
  CHECK(check(inst, *cuts.placement).empty());
  SolverOptions no_cuts;
  no_cuts.subset_row_cells = kInf;
  const SolveResult r = solve(inst, no_cuts);
  REQUIRE(r.status == SolveStatus::optimal);
  REQUIRE(r.placement);
  CHECK(r.objective_s == Approx(14.961878235).epsilon(1e-9));
  CHECK(check(inst, *r.placement).empty());
  CHECK(evaluate(inst, *r.placement).objective() == Approx(r.objective_s).epsilon(1e-12));
  CHECK(r.stats.nodes == 0);
  CHECK(r.stats.packing_nodes >= 1);
  // The search alone, stopped early, stays on the right side of that optimum.
  SolverOptions search_only;
  search_only.enumerate = false;
  search_only.node_limit = 20000;
  const SolveResult s = solve(inst, search_only);
  REQUIRE(s.placement);
  CHECK(s.lower_bound_s <= r.objective_s * (1 + 1e-9));
  CHECK(s.objective_s >= r.objective_s * (1 - 1e-9));
}
