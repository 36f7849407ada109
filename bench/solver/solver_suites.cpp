// cnnplace-bench-solver: solve times of the exact solver on the suites, per cell
// (median, maximum, nodes, root gap), every answer checked by check()/evaluate().
//
//   cnnplace-bench-solver --suite paper  [--seeds 100] [--threads 1]
//   cnnplace-bench-solver --suite later  [--seeds 20]
//
// paper: N = 30; one CNN of each kind, and two 5-layer CNNs with 0 and 2 shared layers;
//        L = 1..5 and unlimited; mixes 10-90, 50-50, 90-10; Wi-Fi 4 and HaLow.
// later: N = 50, three AlexNets, L = 1 and 2, mix 50-50, Wi-Fi 4 and HaLow (the authors'
//        later setting).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

#include "model/evaluate.hpp"
#include "model/generator.hpp"
#include "solver/solve.hpp"

using namespace cnnplace;

namespace {

struct Cell {
  std::string label;
  GeneratorOptions gen;
};

std::vector<std::pair<std::string, double>> mix(double stm) { return {{"stm32h7", stm}, {"rpi3b+", 1 - stm}}; }

std::vector<Cell> paper_cells() {
  struct Config {
    std::string kind;
    int cnns, shared;
  };
  const std::vector<Config> configs{{"5layer", 1, 0}, {"gc6", 1, 0}, {"alexnet", 1, 0}, {"gc-alexnet", 1, 0},
                                    {"5layer", 2, 0}, {"5layer", 2, 2}};
  std::vector<Cell> cells;
  for (const Config& c : configs)
    for (const std::string tech : {"wifi4", "halow"})
      for (double stm : {0.1, 0.5, 0.9})
        for (int L : {1, 2, 3, 4, 5, kUnlimitedLayers}) {
          Cell cell;
          cell.gen.units = 30;
          cell.gen.mix = mix(stm);
          cell.gen.technology = tech;
          cell.gen.cnn_kinds = {c.kind};
          cell.gen.cnns = c.cnns;
          cell.gen.shared_first = c.shared;
          cell.gen.layer_limit = L;
          cell.label = fmt::format("{}x{} sh{} {} {:.0f}-{:.0f} L={}", c.cnns, c.kind, c.shared, tech, stm * 100,
                                   100 - stm * 100, L == kUnlimitedLayers ? std::string("inf") : std::to_string(L));
          cells.push_back(cell);
        }
  return cells;
}

std::vector<Cell> later_cells() {
  std::vector<Cell> cells;
  for (const std::string tech : {"wifi4", "halow"})
    for (int L : {1, 2}) {
      Cell cell;
      cell.gen.units = 50;
      cell.gen.mix = mix(0.5);
      cell.gen.technology = tech;
      cell.gen.cnn_kinds = {"alexnet"};
      cell.gen.cnns = 3;
      cell.gen.layer_limit = L;
      cell.label = fmt::format("3xalexnet N=50 {} 50-50 L={}", tech, L);
      cells.push_back(cell);
    }
  return cells;
}

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(std::floor(q * static_cast<double>(v.size() - 1) + 0.5))];
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Solve-time benchmark of cnnplace on the issue's suites"};
  std::string suite = "paper";
  int seeds = 100, threads = 1;
  double time_limit = 60;
  app.add_option("--suite", suite, "paper or later")->check(CLI::IsMember({"paper", "later"}));
  app.add_option("--seeds", seeds, "random systems per cell")->check(CLI::PositiveNumber);
  app.add_option("--threads", threads, "solver threads")->check(CLI::NonNegativeNumber);
  app.add_option("--time-limit", time_limit, "per solve, seconds");
  CLI11_PARSE(app, argc, argv);

  const std::vector<Cell> cells = suite == "paper" ? paper_cells() : later_cells();
  std::vector<double> all_times;
  int not_optimal = 0, infeasible = 0, wrong = 0;
  fmt::print("{:<36} {:>5} {:>10} {:>10} {:>10} {:>9} {:>9} {:>6}\n", "cell", "n", "median_ms", "p90_ms", "max_ms",
             "med_nodes", "max_nodes", "infeas");
  for (const Cell& cell : cells) {
    std::vector<double> times, nodes;
    int cell_infeasible = 0;
    for (int s = 1; s <= seeds; ++s) {
      GeneratorOptions g = cell.gen;
      g.seed = static_cast<std::uint64_t>(s);
      const Instance inst = generate(g);
      SolverOptions o;
      o.threads = threads;
      o.time_limit_s = time_limit;
      const SolveResult r = solve(inst, o);
      times.push_back(r.stats.seconds * 1e3);
      nodes.push_back(r.stats.nodes);
      if (r.status == SolveStatus::infeasible) {
        ++cell_infeasible;
        continue;
      }
      if (r.status != SolveStatus::optimal) ++not_optimal;
      if (!r.placement || !check(inst, *r.placement).empty() ||
          std::fabs(evaluate(inst, *r.placement).objective() - r.objective_s) > 1e-9 * r.objective_s)
        ++wrong;
    }
    infeasible += cell_infeasible;
    all_times.insert(all_times.end(), times.begin(), times.end());
    fmt::print("{:<36} {:>5} {:>10.3f} {:>10.3f} {:>10.3f} {:>9.0f} {:>9.0f} {:>6}\n", cell.label, times.size(),
               quantile(times, 0.5), quantile(times, 0.9), *std::max_element(times.begin(), times.end()),
               quantile(nodes, 0.5), *std::max_element(nodes.begin(), nodes.end()), cell_infeasible);
    std::fflush(stdout);
  }
  fmt::print("\nall {} solves: median {:.3f} ms, p99 {:.3f} ms, max {:.3f} ms; not proven optimal {}, infeasible {}, "
             "failed check {}\n",
             all_times.size(), quantile(all_times, 0.5), quantile(all_times, 0.99),
             *std::max_element(all_times.begin(), all_times.end()), not_optimal, infeasible, wrong);
  return wrong == 0 ? 0 : 1;
}
