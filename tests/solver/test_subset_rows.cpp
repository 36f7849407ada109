// Subset-row cuts (bounds/subset_rows.hpp): what a path pays, which sets the separation
// finds, the fitting-path pricing with the cuts' prices against brute force over every path,
// the column generation's bound with cuts against the brute-force optimum (and against its
// own definition, recomputed by brute force), and the path enumeration priced with them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <string>

#include "bounds/chain_dp.hpp"
#include "bounds/dual_lp.hpp"
#include "bounds/fitting_path.hpp"
#include "bounds/problem.hpp"
#include "bounds/subset_rows.hpp"
#include "heuristics/greedy.hpp"
#include "model/capacity.hpp"
#include "model/evaluate.hpp"
#include "model/generator.hpp"
#include "solver/solve.hpp"
#include "solver/path_enumeration.hpp"
#include "support/brute_force.hpp"
#include "support/random_instances.hpp"
#include "support/random_multipliers.hpp"

using namespace cnnplace;

namespace {

// Does chain u's path fit its units by itself? Written apart from the solver on purpose.
bool fits_by_itself(const Problem& p, int u, const std::vector<int>& path) {
  std::vector<int> count(p.units, 0);
  std::vector<double> memory(p.units, 0.0), compute(p.units, 0.0);
  const Chain& c = p.chains[u];
  for (int j = 0; j < c.size(); ++j) {
    const int k = c.item[j], i = path[j];
    count[i] += 1, memory[i] += p.item_memory[k], compute[i] += p.item_compute[k];
  }
  for (int i = 0; i < p.units; ++i)
    if (count[i] > p.layer_limit[i] || !fits(memory[i], p.memory_cap[i]) || !fits(compute[i], p.compute_cap[i]))
      return false;
  return true;
}

// A path's priced cost under the tables, plus what it pays the cuts: sigma per d of its
// layers on a cut's units (counted here by hand).
double priced_with_cuts(const Problem& p, int u, const ChainTables& t, const std::vector<SubsetRow>& cuts,
                        const std::vector<int>& path) {
  double v = 0;
  for (int j = 0; j < p.chains[u].size(); ++j) {
    v += t.node(j, path[j]);
    if (j > 0 && path[j] != path[j - 1]) v += p.chains[u].arc_weight[j - 1] * p.T(path[j - 1], path[j]);
  }
  for (const SubsetRow& cut : cuts) {
    int on = 0;
    for (int i : path)
      for (int member : cut.units) on += i == member;
    v += cut.price * (on / cut.divisor);
  }
  return v;
}

// Chain u's cheapest fitting path with the cuts' prices, over every path (+inf: none fits).
double brute_force_min(const Problem& p, int u, const ChainTables& t, const std::vector<SubsetRow>& cuts) {
  const int M = p.chains[u].size();
  std::vector<int> path(M, 0);
  double best = kInf;
  std::function<void(int)> walk = [&](int j) {
    if (j == M) {
      if (fits_by_itself(p, u, path)) best = std::min(best, priced_with_cuts(p, u, t, cuts, path));
      return;
    }
    for (int i = 0; i < p.units; ++i)
      if (t.node(j, i) < kInf) path[j] = i, walk(j + 1);
  };
  walk(0);
  return best;
}

// Random cuts over one to three units, divisors 1-3, prices of the size of `scale`.
std::vector<SubsetRow> random_cuts(const Problem& p, testing::Rng& rng, double scale) {
  std::vector<SubsetRow> cuts;
  const int n = 1 + rng.below(4);
  for (int c = 0; c < n; ++c) {
    SubsetRow row;
    const int size = 1 + rng.below(std::min(3, p.units));
    while (static_cast<int>(row.units.size()) < size) {
      const int i = rng.below(p.units);
      if (std::find(row.units.begin(), row.units.end(), i) == row.units.end()) row.units.push_back(i);
    }
    row.divisor = 1 + rng.below(3);
    row.price = scale * (1 + rng.below(100)) / 100.0;
    cuts.push_back(row);
  }
  return cuts;
}

// Where the cuts matter (random tiny systems, whose duals are nearly always exact, violate
// none): at L = 1, three CNNs of two layers, three fast units in one cluster and four slow
// ones in another, four hops apart, the camera and the sink by the fast cluster. A CNN wants
// all its layers fast; splitting it across the clusters costs the long transfer. The master
// then puts each CNN half on a pair of fast units and half on slow ones, which the fast
// units' rows allow and no placement can do. At L = 2, two CNNs of three layers, two fast
// units and three slow ones: each CNN two thirds on three of the four fast slots. The speeds
// and sizes vary with the seed.
Instance contested_units(std::uint64_t seed, int layer_limit) {
  testing::Rng rng(seed);
  Instance inst;
  inst.name = "contested-" + std::to_string(seed);
  const bool one = layer_limit == 1;
  const int fast = one ? 3 : 2, slow = one ? 4 : 3, units = fast + slow, camera = units, relays = 3;
  const int cnns = one ? 3 : 2, layers = one ? 2 : 3;
  std::vector<NetworkNode> nodes;
  for (int v = 0; v < units + 1 + relays; ++v) nodes.push_back({"n" + std::to_string(v), std::nullopt});
  std::vector<Link> links;
  auto link = [&](int a, int b) {
    links.push_back({NodeId(a), NodeId(b), 4e6});
    links.push_back({NodeId(b), NodeId(a), 4e6});
  };
  for (int a = 0; a < units; ++a)
    for (int b = a + 1; b < units; ++b)
      if ((a < fast) == (b < fast)) link(a, b);
  for (int a = 0; a < fast; ++a) link(a, camera);
  // fast unit 0 - relay - relay - relay - slow unit 3
  link(0, units + 1), link(units + 1, units + 2), link(units + 2, units + 3), link(units + 3, fast);
  inst.network = Network(std::move(nodes), std::move(links));
  for (int i = 0; i < units; ++i) {
    Unit u;
    u.name = "u" + std::to_string(i);
    u.node = NodeId(i);
    u.memory_bytes = 1e4;
    u.speed_mults_per_s = i < fast ? 1e8 * (1 + rng.below(4)) : 1e6 * (1 + rng.below(4));
    u.layer_limit = layer_limit;
    inst.units.push_back(u);
  }
  for (int c = 0; c < cnns; ++c) {
    Cnn cnn;
    cnn.name = "cnn" + std::to_string(c);
    cnn.input_bytes = 0;
    for (int j = 0; j < layers; ++j) {
      Layer l;
      l.name = "L" + std::to_string(j + 1);
      l.memory_bytes = 1000;
      l.compute_mults = 1e6 * (1 + rng.below(3));
      l.output_bytes = j + 1 < layers ? 1e4 * (5 + rng.below(10)) : 0;
      cnn.layers.push_back(l);
    }
    cnn.source = cnn.sink = NodeId(camera);
    inst.cnns.push_back(cnn);
  }
  return inst;
}

// How many times the cut counts the placement `units` (unit per item), over every chain: at
// most row.rhs for any feasible placement.
int cut_count(const Problem& p, const SubsetRow& row, const std::vector<int>& units) {
  int counted = 0;
  for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) {
    std::vector<int> path;
    for (int k : p.chains[u].item) path.push_back(units[k]);
    counted += subset_row_count(row, path);
  }
  return counted;
}

// The column-generation dual with up to 50 cuts.
DualLpResult dual_with_cuts(const Problem& p) {
  DualLpOptions options;
  options.max_subset_rows = 50;
  return lagrangian_dual_lp(p, {}, options);
}

}  // namespace

TEST_CASE("a path pays a cut's price once it puts two of its layers on the cut's units", "[bounds][subset-rows]") {
  CHECK(subset_row_divisor({1, 1, 1}) == 2);  // two layers on three units of L = 1
  CHECK(subset_row_divisor({2, 2}) == 3);
  CHECK(subset_row_divisor({2, 2, 2}) == 4);
  CHECK(subset_row_divisor({3}) == 2);
  const SubsetRowPrices prices(6, {{{0, 1, 2}, 2, 0.5}, {{2, 3, 4}, 2, 0.25}});
  CHECK(prices.constant() == 0.75);
  CHECK(prices.penalty({5}) == 0);
  CHECK(prices.penalty({0, 5, 3}) == 0);
  CHECK(prices.penalty({0, 5, 1}) == 0.5);
  CHECK(prices.penalty({0, 1, 2}) == 0.5);       // three on {0, 1, 2}: one pair
  CHECK(prices.penalty({2, 3, 5}) == 0.25);      // one on {0, 1, 2}, two on {2, 3, 4}
  CHECK(prices.penalty({4, 3, 0, 1}) == 0.75);
  SubsetRowHits hits(&prices);
  CHECK(hits.enter(0) == 0);
  CHECK(hits.enter(2) == 0.5);
  CHECK(hits.enter(3) == 0.25);
  hits.leave(3);
  hits.leave(2);
  CHECK(hits.enter(1) == 0.5);  // the walk took 2 back: {0, 1} is the pair now
  SubsetRowHits none(nullptr);
  CHECK(none.enter(0) == 0);
  // One unit of L = 3: a path pays once per two of its layers there.
  const SubsetRowPrices single(6, {{{5}, 2, 0.125}});
  CHECK(single.penalty({5}) == 0);
  CHECK(single.penalty({5, 5}) == 0.125);
  CHECK(single.penalty({5, 5, 5}) == 0.125);
  CHECK(single.penalty({5, 0, 5, 5, 5}) == 0.25);
  CHECK(subset_row_count({{0, 1}, 3, 0}, {0, 0, 1, 2}) == 1);
  CHECK(subset_row_count({{0, 1}, 3, 0}, {0, 2, 1, 2}) == 0);
}

TEST_CASE("the separation finds the three units a master shares out by halves", "[bounds][subset-rows]") {
  // Three chains' paths, half each, pairwise on units 0, 1, 2; a whole path on 3 and 4.
  const std::vector<int> a{0, 1}, b{1, 2}, c{2, 0}, d{3, 4}, e{5, 6};
  const std::vector<std::pair<const std::vector<int>*, double>> solution{{&a, 0.5}, {&b, 0.5}, {&c, 0.5},
                                                                         {&d, 1.0}, {&e, 0.5}};
  std::vector<int> layers(7, 1);
  const auto found = violated_subset_rows(solution, layers, 1e-3, 10);
  REQUIRE(found.size() == 1);
  CHECK(found[0].units == std::vector<int>{0, 1, 2});
  CHECK(found[0].divisor == 2);
  CHECK(violated_subset_rows(solution, layers, 0.6, 10).empty());  // violated by 0.5 only
  layers[1] = 2;  // five slots on {0, 1, 2}: two layers there are no longer more than half
  CHECK(violated_subset_rows(solution, layers, 1e-3, 10).empty());
  layers[1] = kUnlimitedLayers;  // in no cut
  CHECK(violated_subset_rows(solution, layers, 1e-3, 10).empty());
}

TEST_CASE("the separation finds the units of L = 2 and L = 3 that two chains over-use", "[bounds][subset-rows]") {
  // Units 0 and 1 hold two layers each: two chains, two thirds each on three of those four
  // slots, one third elsewhere; unit 4 holds three: two chains, three quarters each on two
  // of its slots. Every row holds (unit 0: 2 x 2/3 + 2/3 = 2).
  const std::vector<int> a{0, 0, 1}, b{1, 1, 0}, rest{5, 6, 5}, c{4, 4}, d{4, 4}, e{6, 6};
  const std::vector<std::pair<const std::vector<int>*, double>> solution{
      {&a, 2.0 / 3}, {&b, 2.0 / 3}, {&rest, 1.0 / 3}, {&rest, 1.0 / 3}, {&c, 0.75}, {&d, 0.75}, {&e, 0.25}};
  const std::vector<int> layers{2, 2, 2, 2, 3, 9, 9};  // 9: above kSubsetRowMaxLayers
  const auto found = violated_subset_rows(solution, layers, 1e-3, 10);
  REQUIRE(found.size() == 2);
  CHECK(found[0].units == std::vector<int>{4});  // violated by 0.5
  CHECK(found[0].divisor == 2);
  CHECK(found[1].units == std::vector<int>{0, 1});  // by 1/3
  CHECK(found[1].divisor == 3);
}

TEST_CASE("the separation finds four units of L = 2 that four chains share out by thirds", "[bounds][subset-rows]") {
  // Four chains, two thirds each on three of units 0-3 (one layer on each), one third on
  // units in no cut. Every unit row holds (three paths of 2/3 on each: 2), and no set of
  // one to three units is over-used; on the four units, four paths of 2/3 with three layers
  // each make 8/3 > 2 = floor(8 / 3) with d = 3.
  const std::vector<int> a{0, 1, 2}, b{1, 2, 3}, c{2, 3, 0}, d{3, 0, 1}, rest{5, 6, 5};
  const std::vector<std::pair<const std::vector<int>*, double>> solution{
      {&a, 2.0 / 3}, {&b, 2.0 / 3}, {&c, 2.0 / 3}, {&d, 2.0 / 3}, {&rest, 4.0 / 3}};
  std::vector<int> layers{2, 2, 2, 2, 2, 9, 9};
  const auto found = violated_subset_rows(solution, layers, 1e-3, 10);
  REQUIRE(found.size() == 1);
  CHECK(found[0].units == std::vector<int>{0, 1, 2, 3});
  CHECK(found[0].divisor == 3);
  CHECK(found[0].rhs == 2);
  CHECK(violated_subset_rows(solution, layers, 0.7, 10).empty());  // violated by 2/3 only
  // A cut of right-hand side 2: its price counts twice in the Lagrangian's constant, and a
  // path with six layers on the units pays it twice.
  const SubsetRowPrices prices(7, {{{0, 1, 2, 3}, 3, 0.5, 2}});
  CHECK(prices.constant() == 1.0);
  CHECK(prices.penalty({0, 1, 5}) == 0);
  CHECK(prices.penalty({0, 1, 2}) == 0.5);
  CHECK(prices.penalty({0, 0, 1, 1, 2, 2}) == 1.0);
}

TEST_CASE("cuts of four Raspberry Pis at L = 2 raise the dual, and a feasible placement keeps every cut",
          "[bounds][subset-rows][dual-lp]") {
  // cnnplace generate --units 300 --cnns 8 --cnn alexnet --L 2 --mix 90-10 --tech halow
  // --scale-density --connect resample --seed 2: every layer on the 30 Raspberry Pis but a
  // few, two per unit. Measured: 33.534 s with the cuts of one to three units, 33.780 s with
  // those of four; the best placement known is 34.205 s.
  GeneratorOptions g;
  g.units = 300;
  g.cnns = 8;
  g.cnn_kinds = {"alexnet"};
  g.layer_limit = 2;
  g.mix = {{"stm32h7", 0.9}, {"rpi3b+", 0.1}};
  g.technology = "halow";
  g.scale_density = true;
  g.connect = Connect::resample;
  g.seed = 2;
  const Instance inst = generate(g);
  const Problem p = build_problem(inst);
  DualLpOptions options;
  options.max_subset_rows = 300;
  const DualLpResult dual = lagrangian_dual_lp(p, {}, options);
  REQUIRE(dual.with_cuts.bound > -kInf);
  int wide = 0;
  for (const SubsetRow& row : dual.with_cuts.cuts.rows()) wide += row.units.size() == 4;
  INFO(dual.with_cuts.rows << " cuts, " << wide << " of four units; bound " << dual.bound << " -> "
                           << dual.with_cuts.bound);
  CHECK(wide > 10);
  CHECK(dual.with_cuts.bound == Approx(33.780).margin(0.0015));
  const auto greedy = greedy_placement(p);
  REQUIRE(greedy);
  REQUIRE(check(inst, to_placement(p, *greedy)).empty());
  CHECK(dual.with_cuts.bound <= placement_cost(p, *greedy));
  for (const SubsetRow& row : dual.with_cuts.cuts.rows()) CHECK(cut_count(p, row, *greedy) <= row.rhs);
}

TEST_CASE("the fitting path with the cuts' prices is the brute-force cheapest", "[bounds][subset-rows][fitting-path]") {
  testing::Rng rng(17);
  int compared = 0, paying = 0;
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    const Instance tiny = testing::random_tiny_instance(seed, {6, 2, 5, 10});
    const Instance inst = seed % 3 ? testing::with_one_layer_per_unit(tiny) : tiny;
    const Problem p = build_problem(inst);
    const Multipliers lambda = seed % 2 ? Multipliers::zero(p.units) : testing::random_multipliers(p, rng, 0.05, {0.7, 0.3, 0.3});
    const std::vector<SubsetRow> rows = random_cuts(p, rng, 0.05);
    const SubsetRowPrices cuts(p.units, rows);
    for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) {
      INFO("seed " << seed << ", chain " << u);
      const ChainTables t(p, u, lambda);
      const FittingPath f = cheapest_fitting_path(p, u, t, nullptr, kFittingPathSteps, &cuts);
      const double expected = brute_force_min(p, u, t, rows);
      REQUIRE(f.exact);
      if (!(expected < kInf)) {
        CHECK(!(f.value < kInf));
        continue;
      }
      CHECK(f.value == Approx(expected).epsilon(1e-12).margin(1e-15));
      REQUIRE(static_cast<int>(f.path.size()) == p.chains[u].size());
      CHECK(fits_by_itself(p, u, f.path));
      CHECK(priced_with_cuts(p, u, t, rows, f.path) == Approx(f.value).epsilon(1e-12).margin(1e-15));
      ++compared;
      if (cuts.penalty(f.path) > 0 ||
          expected > cheapest_fitting_path(p, u, t, nullptr, kFittingPathSteps).value * (1 + 1e-9) + 1e-15)
        ++paying;
    }
  }
  INFO(compared << " chains compared, " << paying << " where the cuts changed the answer or were paid");
  CHECK(compared > 300);
  CHECK(paying > 50);
}

TEST_CASE("the dual with subset-row cuts is below the optimum, is its own definition, and the enumeration priced "
          "with it returns the optimum",
          "[bounds][subset-rows][dual-lp][enumeration]") {
  const EnumerationTolerance tolerance{1e-12, 1e-9};
  EnumerationLimits generous;
  generous.max_steps = 1e8;
  generous.max_paths = 1e7;
  generous.max_combinations = 1e9;
  for (const int L : {1, 2}) {
    int checked = 0, raised = 0, rows = 0, wide = 0;  // wide: cuts of four units or rhs > 1
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
      const Instance inst = contested_units(seed, L);
      const testing::BruteForceResult oracle = testing::brute_force(inst);
      if (!oracle.feasible) continue;
      const Problem p = build_problem(inst);
      const DualLpResult dual = dual_with_cuts(p);
      const DualLpResult plain = lagrangian_dual_lp(p, {});
      const double optimum = oracle.objective;
      INFO("L = " << L << ", seed " << seed << ", optimum " << optimum);
      CHECK(dual.bound == plain.bound);  // the cuts come after: the bound without them is the same
      ++checked;
      if (!(dual.with_cuts.bound > -kInf)) continue;
      rows += dual.with_cuts.rows;
      CHECK(dual.with_cuts.bound <= optimum * (1 + 1e-9) + 1e-15);
      // L(lambda, sigma) by brute force: each chain's cheapest fitting path with the cut prices.
      double sum = -dual.with_cuts.lambda.constant() - dual.with_cuts.cuts.constant();
      for (int u = 0; u < static_cast<int>(p.chains.size()); ++u)
        sum += brute_force_min(p, u, ChainTables(p, u, dual.with_cuts.lambda), dual.with_cuts.cuts.rows());
      CHECK(dual.with_cuts.bound == Approx(sum).epsilon(1e-9).margin(1e-15));
      // Every cut holds at the optimum: sum over chains of floor(layers on S / d) <= rhs.
      const std::vector<int> best = to_item_units(p, oracle.placement);
      for (const SubsetRow& row : dual.with_cuts.cuts.rows()) {
        CHECK(row.price >= 0);
        CHECK(cut_count(p, row, best) <= row.rhs);
        wide += row.units.size() == 4 || row.rhs > 1;
      }
      if (dual.with_cuts.bound > dual.bound * (1 + 1e-9) + 1e-15) ++raised;
      // The enumeration under (lambda, sigma): the optimum below any incumbent above it, and
      // nothing below the optimum.
      for (const double upper : {optimum * 1.5 + 1e-6, optimum}) {
        const EnumerationResult e =
            enumerate_below(p, dual.with_cuts.lambda, upper, tolerance, generous, &dual.with_cuts.cuts);
        REQUIRE(e.complete);
        CHECK(e.lagrangian_bound == Approx(dual.with_cuts.bound).epsilon(1e-9).margin(1e-15));
        CHECK(e.proven_bound <= optimum * (1 + 1e-9) + 1e-15);
        if (upper > optimum) {
          REQUIRE(e.units.has_value());
          CHECK(e.value == Approx(optimum).epsilon(1e-9));
          CHECK(check(inst, to_placement(p, *e.units)).empty());
        }
      }
    }
    INFO("L = " << L << ": " << checked << " systems, " << rows << " cuts added, " << raised << " bounds raised");
    CHECK(checked == 40);
    CHECK(raised > (L == 1 ? 30 : 10));
    INFO(wide << " cuts of four units or a right-hand side above 1");
    if (L == 1) CHECK(wide == 0);  // the classic three-unit family only
  }
}

TEST_CASE("solve() proves the same optima with and without the cuts", "[solver][subset-rows]") {
  // The scaling benchmark's systems above the cuts' 2 000 table cells that both prove within
  // seconds (`cnnplace generate --units N --cnns C --cnn KIND --L L --tech T --scale-density
  // --connect resample --seed 1`).
  struct Case {
    int units, cnns;
    const char* kind;
    int L;
    const char* technology;
  };
  int with_cuts = 0;
  for (const Case& c : {Case{200, 10, "alexnet", 1, "halow"}, Case{200, 10, "5layer", 1, "wifi4"},
                        Case{200, 10, "5layer", 1, "halow"}, Case{200, 20, "5layer", 2, "halow"}}) {
    GeneratorOptions g;
    g.units = c.units;
    g.cnns = c.cnns;
    g.cnn_kinds = {c.kind};
    g.layer_limit = c.L;
    g.technology = c.technology;
    g.scale_density = true;
    g.connect = Connect::resample;
    g.seed = 1;
    const Instance inst = generate(g);
    INFO(c.units << " units, " << c.cnns << " x " << c.kind << ", L = " << c.L << ", " << c.technology);
    SolverOptions off;
    off.subset_row_cells = kInf;
    const SolveResult r = solve(inst, SolverOptions{});
    const SolveResult plain = solve(inst, off);
    REQUIRE(r.status == SolveStatus::optimal);
    REQUIRE(plain.status == SolveStatus::optimal);
    CHECK(r.objective_s == Approx(plain.objective_s).epsilon(1e-9));
    CHECK(r.lower_bound_s == r.objective_s);
    CHECK(check(inst, *r.placement).empty());
    CHECK(evaluate(inst, *r.placement).objective() == Approx(r.objective_s).epsilon(1e-12));
    CHECK(plain.stats.subset_rows == 0);
    if (r.stats.subset_rows > 0) ++with_cuts;
  }
  CHECK(with_cuts >= 2);
}
