#pragma once
// Lagrangian relaxation of the per-unit capacity rows (design.md "Bounds" 4).
//
// Pricing each row with lambda >= 0 and dropping it leaves one independent chain problem per
// CNN (a shared layer's price is split evenly among the chains that use it, and its
// "same unit" coupling is relaxed): L(lambda) = sum_u min_path_u(lambda) - sum lambda.
// For any feasible placement, the priced cost is at most its true cost (loads <= capacity),
// so L(lambda) <= optimum for every lambda >= 0. Subgradient ascent (Polyak steps towards
// the incumbent) searches for a good lambda at the root; the search reuses it.
#include <functional>
#include <optional>
#include <vector>

#include "bounds/chain_dp.hpp"
#include "bounds/multipliers.hpp"
#include "bounds/problem.hpp"

namespace cnnplace {

struct LagrangianEvaluation {
  double bound = kInf;                   // L(lambda)
  std::vector<std::vector<int>> paths;   // argmin unit per layer, per chain
};

LagrangianEvaluation evaluate_lagrangian(const Problem& p, const Multipliers& lambda);

struct AscentOptions {
  int max_iterations = 200;
  double min_step_scale = 0.02;  // stop when the Polyak scale theta falls below this
  int patience = 15;  // halve theta after this many steps without improvement
  // Called with the multipliers of every step and the current upper bound; returns a
  // (possibly) better upper bound: the hook for Lagrangian heuristics.
  std::function<double(const Multipliers&)> primal;
  // Checked before every step: true stops the ascent (time limit), keeping the best so far.
  std::function<bool()> stop;
  // Called after every step with the best bound so far (progress lines).
  std::function<void(double)> on_bound;
};

struct AscentResult {
  Multipliers lambda;            // the multipliers of the best bound found
  double bound = kInf;
  int iterations = 0;
  // Placements met along the way whose paths happened to be feasible (incumbent material).
  std::vector<std::vector<int>> feasible_item_units;
};

// `upper_bound`: the incumbent's value (+inf if none); ascent stops once the bound reaches
// it within `tolerance`.
AscentResult lagrangian_ascent(const Problem& p, double upper_bound, double tolerance,
                               const AscentOptions& options = {}, const Multipliers* start = nullptr);

// The item view of chain paths when they agree on every shared item and respect every
// capacity; nullopt otherwise.
std::optional<std::vector<int>> feasible_item_units(const Problem& p,
                                                    const std::vector<std::vector<int>>& paths);

}  // namespace cnnplace
