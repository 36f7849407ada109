#include "bounds/lagrangian.hpp"

#include <algorithm>
#include <cmath>

#include "model/capacity.hpp"

namespace cnnplace {

LagrangianEvaluation evaluate_lagrangian(const Problem& p, const Multipliers& lambda) {
  LagrangianEvaluation ev;
  double sum = 0;
  for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) {
    ChainTables t(p, u, lambda);
    sum += t.root();
    ev.paths.push_back(t.argmin_path());
  }
  ev.bound = sum - lambda.constant();
  return ev;
}

std::optional<std::vector<int>> feasible_item_units(const Problem& p,
                                                    const std::vector<std::vector<int>>& paths) {
  std::vector<int> unit(p.item_count(), -1);
  for (std::size_t u = 0; u < paths.size(); ++u) {
    if (paths[u].size() != p.chains[u].item.size()) return std::nullopt;
    for (std::size_t j = 0; j < paths[u].size(); ++j) {
      int& slot = unit[p.chains[u].item[j]];
      if (slot >= 0 && slot != paths[u][j]) return std::nullopt;
      slot = paths[u][j];
    }
  }
  std::vector<int> count(p.units, 0);
  std::vector<double> memory(p.units, 0.0), compute(p.units, 0.0);
  for (int k = 0; k < p.item_count(); ++k) {
    const int i = unit[k];
    if (++count[i] > p.layer_limit[i]) return std::nullopt;
    memory[i] += p.item_memory[k];
    compute[i] += p.item_compute[k];
    if (!fits(memory[i], p.memory_cap[i]) || !fits(compute[i], p.compute_cap[i])) return std::nullopt;
  }
  return unit;
}

namespace {

// Normalised subgradient of L at lambda: load / capacity - 1 per active row.
Multipliers subgradient(const Problem& p, const ActiveRows& rows,
                        const std::vector<std::vector<int>>& paths) {
  Multipliers g = Multipliers::zero(p.units);
  for (std::size_t u = 0; u < paths.size(); ++u) {
    const Chain& c = p.chains[u];
    for (std::size_t j = 0; j < paths[u].size(); ++j) {
      const int i = paths[u][j], k = c.item[j];
      g.count[i] += c.share[j];
      g.memory[i] += c.share[j] * p.item_memory[k];
      g.compute[i] += c.share[j] * p.item_compute[k];
    }
  }
  for (int i = 0; i < p.units; ++i) {
    g.count[i] = rows.count[i] ? g.count[i] / p.layer_limit[i] - 1 : 0;
    g.memory[i] = rows.memory[i] ? g.memory[i] / p.memory_cap[i] - 1 : 0;
    g.compute[i] = rows.compute[i] ? g.compute[i] / p.compute_cap[i] - 1 : 0;
  }
  return g;
}

// Components that may move: a negative gradient on a row whose lambda is 0 cannot.
double projected_norm2(const Multipliers& lambda, const Multipliers& g) {
  double s = 0;
  auto add = [&](const std::vector<double>& l, const std::vector<double>& d) {
    for (std::size_t i = 0; i < l.size(); ++i)
      if (l[i] > 0 || d[i] > 0) s += d[i] * d[i];
  };
  add(lambda.count, g.count);
  add(lambda.memory, g.memory);
  add(lambda.compute, g.compute);
  return s;
}

void step(Multipliers& lambda, const Multipliers& g, double t) {
  for (std::size_t i = 0; i < lambda.count.size(); ++i) {
    lambda.count[i] = std::max(0.0, lambda.count[i] + t * g.count[i]);
    lambda.memory[i] = std::max(0.0, lambda.memory[i] + t * g.memory[i]);
    lambda.compute[i] = std::max(0.0, lambda.compute[i] + t * g.compute[i]);
  }
}

}  // namespace

AscentResult lagrangian_ascent(const Problem& p, double upper_bound, double tolerance,
                               const AscentOptions& options, const Multipliers* start) {
  const ActiveRows rows = active_rows(p);
  AscentResult result;
  result.lambda = start ? *start : Multipliers::zero(p.units);
  Multipliers lambda = result.lambda;
  double theta = 1.0;
  int since_improvement = 0;
  for (int it = 0; it < options.max_iterations; ++it) {
    if (it > 0 && options.stop && options.stop()) break;
    const LagrangianEvaluation ev = evaluate_lagrangian(p, lambda);
    result.iterations = it + 1;
    if (ev.bound > result.bound || it == 0) {
      if (ev.bound > result.bound + 1e-12 * std::fabs(ev.bound) || it == 0) since_improvement = 0;
      result.bound = ev.bound;
      result.lambda = lambda;
    } else if (++since_improvement >= options.patience) {
      // Keep walking from where we are: at a tie-ridden kink the bound is flat along one
      // subgradient, and only moving on (with shorter steps) finds the rise.
      theta /= 2;
      since_improvement = 0;
    }
    if (!(ev.bound < kInf)) break;  // some chain has no path at all: infeasible
    if (auto f = feasible_item_units(p, ev.paths)) result.feasible_item_units.push_back(*f);
    if (options.on_bound) options.on_bound(result.bound);
    if (options.primal) upper_bound = std::min(upper_bound, options.primal(lambda));
    if (upper_bound - result.bound <= tolerance || theta < options.min_step_scale) break;
    const Multipliers g = subgradient(p, rows, ev.paths);
    const double norm2 = projected_norm2(lambda, g);
    if (norm2 == 0) break;  // the relaxed optimum respects every priced row
    const double target = upper_bound < kInf ? upper_bound : ev.bound + std::max(1e-3, 0.1 * std::fabs(ev.bound));
    step(lambda, g, theta * (target - ev.bound) / norm2);
  }
  return result;
}

}  // namespace cnnplace
