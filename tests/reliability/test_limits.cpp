// Issue 7, limits: a node or time limit, or Ctrl-C, stops the search with the best placement
// found and a proven lower bound: lower bound <= optimum <= objective, status feasible (or
// optimal when the proof finished first). Judged by tests/differential/agreement.hpp, the
// rules cnnplace-differential and fuzz_solve use.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "differential/agreement.hpp"
#include "model/evaluate.hpp"
#include "model/generator.hpp"
#include "model/instance_io.hpp"
#include "process.hpp"
#include "solver/solve.hpp"
#include "support/brute_force.hpp"
#include "support/random_instances.hpp"

using namespace cnnplace;
using namespace cnnplace::testing;

namespace {

// Only searches long enough to cut in several places are used: of these shapes, instances
// of up to seven units and seven layers (7^7 placements, still quick for brute force) that
// take the solver more than 512 nodes. The root's column generation (--dual-lp) and the
// path enumeration (--enumerate) close nearly all of them before any search, so these runs
// switch both off: the limits under test act on the search, which is the same either way.
constexpr double kSearchedNodes = 512;

TinyShape searched_shape() {
  TinyShape s;
  s.max_units = 7;
  s.max_cnns = 3;
  s.max_layers = 5;
  s.max_total_layers = 7;
  return s;
}

// Node limits below what the proof takes without one: the root only, a quarter, a half,
// and 90 % of its nodes.
std::vector<double> limits_below(double nodes) {
  std::vector<double> limits;
  for (double fraction : {0.0, 0.25, 0.5, 0.9}) limits.push_back(std::max(1.0, std::floor(nodes * fraction)));
  return limits;
}

}  // namespace

TEST_CASE("node limits return the best placement and a bound below the brute-force optimum", "[reliability][limits]") {
  int searched = 0, limited_runs = 0, with_placement = 0, stopped_early = 0;
  for (std::uint64_t seed = 41001; seed <= 43000; ++seed) {
    const Instance inst = random_tiny_instance(seed, searched_shape());
    SolverOptions o;
    o.progress_interval_s = 0;
    o.local_search = seed % 2 == 0;
    o.dual_lp = false;
    o.enumerate = false;
    const SolveResult full = solve(inst, o);
    if (full.status != SolveStatus::optimal || full.stats.nodes <= kSearchedNodes) continue;
    ++searched;
    const BruteForceResult oracle = brute_force(inst);
    const Reference reference{oracle.feasible, oracle.objective, 0};
    INFO("seed " << seed << " (random_tiny_instance with searched_shape()), " << full.stats.nodes
                 << " nodes without a limit, local search " << o.local_search);
    CHECK(disagreement(inst, o, full, reference) == "");
    for (double limit : limits_below(full.stats.nodes)) {
      o.node_limit = limit;
      INFO("node limit " << limit);
      const SolveResult r = solve(inst, o);
      ++limited_runs;
      CHECK(disagreement(inst, o, r, reference) == "");
      if (r.placement) {
        ++with_placement;
        CHECK((r.status == SolveStatus::optimal || r.status == SolveStatus::feasible));
        CHECK(r.lower_bound_s <= oracle.objective * (1 + 1e-9) + 1e-15);
        CHECK(oracle.objective <= r.objective_s * (1 + 1e-9) + 1e-15);
      } else {
        CHECK(r.status == SolveStatus::no_solution);
      }
      if (r.status == SolveStatus::feasible) ++stopped_early;
    }
  }
  INFO(searched << " instances searched beyond " << kSearchedNodes << " nodes, " << limited_runs << " limited runs, "
                << stopped_early << " stopped early");
  CHECK(searched >= 8);
  // Heuristics find a placement for nearly every instance before the first node.
  CHECK(with_placement >= limited_runs * 9 / 10);
  CHECK(stopped_early > 10);
}

TEST_CASE("node limits on paper-like systems: the bound stays below cnnplace's own optimum", "[reliability][limits]") {
  // Beyond brute force (24 to 50 units, 15 to 21 layers at L = 1), the reference is an
  // unlimited solve, which is held to the same rules: an optimum comes with a bound equal to
  // it. Systems are taken in order until four need more than 512 nodes (searches past 50000
  // nodes are left out to keep the test short); as the solver gets stronger it needs more
  // seeds (up to 40 per kind), and the last line says so if none are left. The path enumeration (--enumerate),
  // which proves most of them before any search, is off, as in the test above.
  struct System {
    int units;
    std::vector<std::string> kinds;
    const char* kinds_option;
  };
  // Three AlexNets at N = 50 (the later suite's systems) since the fitting-path pricing
  // (bounds/fitting_path.hpp) left only one of the other two's first 16 seeds needing more.
  const System systems[] = {{24, {"5layer", "gc6"}, "5layer,gc6"},
                            {30, {"alexnet", "5layer"}, "alexnet,5layer"},
                            {50, {"alexnet"}, "alexnet"}};
  int searched = 0, stopped_early = 0;
  for (const System& sys : systems)
    for (std::uint64_t seed = 1; seed <= 40 && searched < 4; ++seed) {
      GeneratorOptions g;
      g.units = sys.units;
      g.cnn_kinds = sys.kinds;
      g.cnns = 3;
      g.layer_limit = 1;
      g.seed = seed;
      const Instance inst = generate(g);
      SolverOptions o;
      o.progress_interval_s = 0;
      o.node_limit = 50000;
      o.enumerate = false;
      const SolveResult full = solve(inst, o);
      if (full.status != SolveStatus::optimal || full.stats.nodes <= kSearchedNodes) continue;
      ++searched;
      for (double limit : limits_below(full.stats.nodes)) {
        o.node_limit = limit;
        INFO("cnnplace generate --units " << sys.units << " --cnn " << sys.kinds_option << " --cnns 3 --L 1 --seed "
                                          << seed << ": " << full.stats.nodes << " nodes without a limit, node limit "
                                          << limit);
        const SolveResult r = solve(inst, o);
        CHECK(disagreement(inst, o, r, {true, full.objective_s, 0}) == "");
        if (r.status == SolveStatus::feasible) ++stopped_early;
      }
    }
  INFO(searched << " systems searched beyond " << kSearchedNodes << " nodes (if fewer than 4, the solver has outgrown "
                << "these systems: add harder ones), " << stopped_early << " stopped early");
  CHECK(searched == 4);
  CHECK(stopped_early >= 2 * searched);
}

TEST_CASE("a time limit returns within the limit with a checked placement and a bound", "[reliability][limits]") {
  GeneratorOptions g;
  g.units = 40;
  g.cnn_kinds = {"alexnet"};
  g.cnns = 3;
  g.layer_limit = 1;
  g.seed = 3;
  const Instance inst = generate(g);
  SolverOptions o;
  o.progress_interval_s = 0;
  o.time_limit_s = 0.5;
  const auto start = std::chrono::steady_clock::now();
  const SolveResult r = solve(inst, o);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO("status " << to_string(r.status) << ", " << seconds << " s, gap " << r.gap);
  // Without a limit this search takes about 5 s (37 000 nodes); the margin is a hang deadline
  // for a loaded machine, not a speed claim (the root work, bounds and heuristics, comes first).
  CHECK(seconds < o.time_limit_s + 10);
  REQUIRE((r.status == SolveStatus::feasible || r.status == SolveStatus::optimal));
  REQUIRE(r.placement);
  CHECK(check(inst, *r.placement).empty());
  CHECK(evaluate(inst, *r.placement).objective() == Approx(r.objective_s).epsilon(1e-12));
  CHECK(r.lower_bound_s > 0);
  CHECK(r.lower_bound_s <= r.objective_s * (1 + 1e-9));
}

TEST_CASE("Ctrl-C stops cnnplace solve with the best placement, exit 0", "[reliability][cli][sigint]") {
  using namespace cnnplace::reliability;
  const TempDir dir;
  const std::string sys = dir.file("sys.json"), out = dir.file("result.json");
  // Still open after 600 s (docs/reliability.md). Five AlexNets at N = 100, L = 1, HaLow, seed 3,
  // used here before, took over 60 s, and since the unit shares of the path packing 3.2 s.
  const Run gen = run_cli({"generate", "--units", "100", "--cnn", "5layer", "--cnns", "20", "--L", "1", "--tech", "wifi4",
                           "--scale-density", "--connect", "resample", "--seed", "1", "-o", sys},
                          60);
  REQUIRE(gen.exit_code == 0);
  double sent_at = 0;
  const Run run = run_cli({"solve", sys, "--json", "-o", out}, 60, "", 3.0, &sent_at);
  const double after_signal = run.seconds - sent_at;
  INFO("stderr: " << run.err << "\nexited " << after_signal << " s after SIGINT");
  CHECK(run.signal == 0);
  REQUIRE(run.exit_code == 0);
  CHECK(after_signal < 10.0);  // a hang deadline: the solve would run for well over 600 s
  CHECK_THAT(run.err, Catch::Contains("interrupted: reporting the best placement found"));
  std::ifstream written(out);
  const auto result = nlohmann::json::parse(written);
  CHECK(result["status"] == "feasible");
  CHECK(result.contains("placement"));
  CHECK(result["lower_bound_s"].get<double>() <= result["objective_s"].get<double>());
  // The placement it wrote is one `cnnplace evaluate` accepts as feasible.
  const Run ev = run_cli({"evaluate", sys, out}, 60);
  INFO(ev.out << ev.err);
  CHECK(ev.exit_code == 0);
}

