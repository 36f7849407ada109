#include "heuristics/local_search.hpp"

#include <algorithm>

#include "model/capacity.hpp"

namespace cnnplace {
namespace {

struct Loads {
  std::vector<int> count;
  std::vector<double> memory, compute;

  Loads(const Problem& p, const std::vector<int>& units)
      : count(p.units, 0), memory(p.units, 0.0), compute(p.units, 0.0) {
    for (int k = 0; k < p.item_count(); ++k) add(p, k, units[k], +1);
  }
  void add(const Problem& p, int k, int i, int sign) {
    count[i] += sign;
    memory[i] += sign * p.item_memory[k];
    compute[i] += sign * p.item_compute[k];
  }
  bool ok(const Problem& p, int i) const {
    return count[i] <= p.layer_limit[i] && fits(memory[i], p.memory_cap[i]) &&
           fits(compute[i], p.compute_cap[i]);
  }
};

// Chains touched by an item (its members' chains).
std::vector<int> chains_of(const Problem& p, int k) {
  std::vector<int> out;
  for (const LayerRef& r : p.items.items[k].members) out.push_back(r.cnn.value);
  return out;
}

double cost_of(const Problem& p, const std::vector<int>& chains, const std::vector<int>& units) {
  double c = 0;
  for (int u : chains) c += chain_cost(p, u, units);
  return c;
}

}  // namespace

bool respects_capacities(const Problem& p, const std::vector<int>& units) {
  Loads loads(p, units);
  for (int i = 0; i < p.units; ++i)
    if (!loads.ok(p, i)) return false;
  return true;
}

LocalSearchResult local_search(const Problem& p, std::vector<int> units, int max_rounds,
                               std::chrono::steady_clock::time_point deadline) {
  LocalSearchResult result;
  Loads loads(p, units);
  const double eps = 1e-12;
  for (int round = 0; round < max_rounds; ++round) {
    bool improved = false;
    for (int k = 0; k < p.item_count(); ++k) {
      if (deadline != std::chrono::steady_clock::time_point::max() && std::chrono::steady_clock::now() >= deadline) {
        improved = false;
        break;
      }
      const std::vector<int> touched = chains_of(p, k);
      double before = cost_of(p, touched, units);
      for (int to : p.candidates[k]) {  // move k
        if (to == units[k]) continue;
        loads.add(p, k, units[k], -1);
        loads.add(p, k, to, +1);
        const int old = units[k];
        units[k] = to;
        const double after = cost_of(p, touched, units);
        if (loads.ok(p, to) && after < before - eps * (1 + before)) {
          before = after;
          ++result.improving_moves;
          improved = true;
        } else {
          loads.add(p, k, to, -1);
          loads.add(p, k, old, +1);
          units[k] = old;
        }
      }
      for (int k2 = k + 1; k2 < p.item_count(); ++k2) {  // swap k and k2
        const int a = units[k], b = units[k2];
        if (a == b || !p.fits_alone(k, b) || !p.fits_alone(k2, a)) continue;
        std::vector<int> both = touched;
        for (int u : chains_of(p, k2)) both.push_back(u);
        std::sort(both.begin(), both.end());
        both.erase(std::unique(both.begin(), both.end()), both.end());
        const double old_cost = cost_of(p, both, units);
        loads.add(p, k, a, -1); loads.add(p, k2, b, -1);
        loads.add(p, k, b, +1); loads.add(p, k2, a, +1);
        units[k] = b; units[k2] = a;
        if (loads.ok(p, a) && loads.ok(p, b) && cost_of(p, both, units) < old_cost - eps * (1 + old_cost)) {
          ++result.improving_moves;
          improved = true;
          before = cost_of(p, touched, units);
        } else {
          loads.add(p, k, b, -1); loads.add(p, k2, a, -1);
          loads.add(p, k, a, +1); loads.add(p, k2, b, +1);
          units[k] = a; units[k2] = b;
        }
      }
    }
    if (!improved) break;
  }
  result.cost = placement_cost(p, units);
  result.unit_of_item = std::move(units);
  return result;
}

}  // namespace cnnplace
