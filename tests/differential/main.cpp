// cnnplace-differential: the solver against independent answers at volume (docs/reliability.md).
//
//   cnnplace-differential --brute 100000 --seed 1   tiny random instances vs brute force
//   cnnplace-differential --cbc 1000 --seed 1       small instances vs CBC on the exported MIP
//
// Instance k of a run is drawn from seed S + k, so every disagreement prints the one seed
// that replays it (--brute 1 --seed <that seed>). Exit 0 when all agree, 1 on any
// disagreement, 2 on a bad command line.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdint>

#include "differential/agreement.hpp"
#include "solver/solve.hpp"
#include "support/brute_force.hpp"
#include "support/random_instances.hpp"
#ifdef CNNPLACE_DIFFERENTIAL_CBC
#include "bench/mip/mip_runner.hpp"
#endif

using namespace cnnplace;
using namespace cnnplace::testing;

namespace {

struct Tally {
  long runs = 0, feasible = 0, infeasible = 0, limited = 0, disagreements = 0, skipped = 0;
  double seconds = 0;
};

// Options vary with the seed so that every solver path meets the oracle: with and without
// the Lagrangian bound and local search, 1 or 2 threads, and now and then a node limit
// (then only the bound sandwich and check() apply).
SolverOptions options_for(std::uint64_t seed, bool allow_limits) {
  SolverOptions o;
  o.progress_interval_s = 0;
  o.threads = seed % 7 == 3 ? 2 : 1;
  if (seed % 5 == 1) o.lagrangian_iterations = 0;
  if (seed % 3 == 2) o.local_search = false;
  if (allow_limits && seed % 11 == 4) o.node_limit = static_cast<double>(1 + seed % 20);
  // Subset-row cuts only run above 2 000 table cells by default, far above these systems:
  // every other one runs them whatever its size.
  if (seed % 2 == 0) o.subset_row_cells = 0;
  return o;
}

// Tiny instances: the default shape, and every fourth one wider (more units, fewer layers).
TinyShape shape_for(std::uint64_t seed) {
  TinyShape s;
  if (seed % 4 == 0) {
    s.max_units = 6;
    s.max_cnns = 3;
    s.max_layers = 4;
    s.max_total_layers = 6;
  }
  return s;
}

void report(const char* what, std::uint64_t seed, const std::string& problem, const char* replay) {
  fmt::print("DISAGREEMENT {} seed {}: {}\n  replay: cnnplace-differential {} 1 --seed {}\n", what, seed, problem,
             replay, seed);
}

void run_brute(long count, std::uint64_t first, Tally& t) {
  const auto start = std::chrono::steady_clock::now();
  for (long k = 0; k < count; ++k) {
    const std::uint64_t seed = first + static_cast<std::uint64_t>(k);
    const Instance inst = random_tiny_instance(seed, shape_for(seed));
    const BruteForceResult oracle = brute_force(inst);
    const SolverOptions o = options_for(seed, true);
    const SolveResult r = solve(inst, o);
    ++t.runs;
    oracle.feasible ? ++t.feasible : ++t.infeasible;
    if (std::isfinite(o.node_limit)) ++t.limited;
    const std::string bad = disagreement(inst, o, r, {oracle.feasible, oracle.objective, 0});
    if (!bad.empty()) {
      ++t.disagreements;
      report("brute", seed, bad, "--brute");
    }
  }
  t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

#ifdef CNNPLACE_DIFFERENTIAL_CBC
// Small instances, beyond brute force: up to 8 units, 3 CNNs, 12 layers.
TinyShape cbc_shape() {
  TinyShape s;
  s.max_units = 8;
  s.max_cnns = 3;
  s.max_layers = 5;
  s.max_total_layers = 12;
  return s;
}

void run_cbc(long count, std::uint64_t first, Tally& t) {
  const auto start = std::chrono::steady_clock::now();
  for (long k = 0; k < count; ++k) {
    const std::uint64_t seed = first + static_cast<std::uint64_t>(k);
    const Instance inst = random_tiny_instance(seed, cbc_shape());
    const mip::MipRun run = mip::run_mip(inst, "cbc", 60);
    ++t.runs;
    if (run.status == mip::MipStatus::infeasible) {
      ++t.infeasible;
    } else if (run.status == mip::MipStatus::optimal && run.verified()) {
      ++t.feasible;
    } else {
      // A CBC failure or time-out is not a verdict on our solver: count it, say it.
      ++t.skipped;
      fmt::print("skipped cbc seed {}: CBC status {} {}\n", seed, mip::to_string(run.status), run.message);
      continue;
    }
    const SolverOptions o = options_for(seed, false);
    const SolveResult r = solve(inst, o);
    // CBC proves optimality to its own tolerances (relative gap 1e-6 or so in run_mip).
    const Reference ref{run.status == mip::MipStatus::optimal, run.objective,
                        run.status == mip::MipStatus::optimal ? 1e-6 * std::fabs(run.objective) + 1e-9 : 0};
    const std::string bad = disagreement(inst, o, r, ref);
    if (!bad.empty()) {
      ++t.disagreements;
      report("cbc", seed, bad, "--cbc");
    }
  }
  t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
#endif

void print(const char* what, const Tally& t) {
  fmt::print("{}: {} instances ({} feasible, {} infeasible, {} with a node limit, {} skipped), {} disagreements, "
             "{:.1f} s\n",
             what, t.runs, t.feasible, t.infeasible, t.limited, t.skipped, t.disagreements, t.seconds);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"cnnplace-differential: the solver against brute force and CBC on seeded random instances"};
  long brute = 0, cbc = 0;
  std::uint64_t seed = 1;
  app.add_option("--brute", brute, "tiny instances compared with the brute-force oracle")->check(CLI::NonNegativeNumber);
  app.add_option("--cbc", cbc, "small instances compared with CBC on the exported MIP")->check(CLI::NonNegativeNumber);
  app.add_option("--seed", seed, "seed of the first instance; instance k uses seed + k")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
#ifndef CNNPLACE_DIFFERENTIAL_CBC
  if (cbc > 0) {
    fmt::print(stderr, "error: --cbc needs a build with CNNPLACE_BUILD_BENCH=ON (bench/mip runners)\n");
    return 2;
  }
#endif
  Tally bt, ct;
  if (brute > 0) {
    run_brute(brute, seed, bt);
    print("brute force", bt);
  }
#ifdef CNNPLACE_DIFFERENTIAL_CBC
  if (cbc > 0) {
    run_cbc(cbc, seed, ct);
    print("cbc", ct);
  }
#endif
  return bt.disagreements + ct.disagreements == 0 ? 0 : 1;
}
