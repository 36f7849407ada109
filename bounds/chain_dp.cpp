#include "bounds/chain_dp.hpp"

#include <algorithm>
#include <optional>

#include "bounds/nearest_sources.hpp"

#include "model/capacity.hpp"

namespace cnnplace {
namespace {

// The best and second-best moves among those offered, to distinct units (the first offered
// wins a tie).
struct MoveChoice {
  double best = kInf, second = kInf;
  int best_to = -1, second_to = -1;
  void offer(int k, double v) {
    if (k == best_to || k == second_to) return;
    if (v < best) {
      second = best, second_to = best_to;
      best = v, best_to = k;
    } else if (v < second) {
      second = v, second_to = k;
    }
  }
};

}  // namespace

Residual Residual::empty(const Problem& p) {
  return {std::vector<int>(p.units, 0), std::vector<double>(p.units, 0.0), std::vector<double>(p.units, 0.0),
          std::vector<int>(p.item_count(), -1)};
}

bool Residual::has_room(const Problem& p, int k, int i) const {
  return count[i] + 1 <= p.layer_limit[i] && fits(memory[i] + p.item_memory[k], p.memory_cap[i]) &&
         fits(compute[i] + p.item_compute[k], p.compute_cap[i]);
}

void Residual::place(const Problem& p, int k, int i) {
  unit_of_item[k] = i;
  count[i] += 1;
  memory[i] += p.item_memory[k];
  compute[i] += p.item_compute[k];
}

bool Residual::places_all(const Chain& c) const {
  return std::all_of(c.item.begin(), c.item.end(), [&](int k) { return unit_of_item[k] >= 0; });
}

void Residual::remove(const Problem& p, int k) {
  const int i = unit_of_item[k];
  unit_of_item[k] = -1;
  count[i] -= 1;
  memory[i] -= p.item_memory[k];
  compute[i] -= p.item_compute[k];
}

bool use_nearest_sources(const Problem& p) {
  return p.nearest_sources_from_units >= 0 && p.units >= p.nearest_sources_from_units;
}

ChainTables::ChainTables(const Problem& p, int chain, const Multipliers& lambda, const Residual* residual)
    : M_(p.chains[chain].size()), N_(p.units) {
  const Chain& c = p.chains[chain];
  const int M = M_, N = N_;
  node_.assign(static_cast<std::size_t>(M) * N, kInf);
  max_run_.assign(static_cast<std::size_t>(M) * N, 0);
  candidates_.resize(M);
  // A layer "consumes" capacity unless its item is assigned already (then it is counted).
  auto fixed_unit = [&](int j) { return residual ? residual->unit_of_item[c.item[j]] : -1; };
  std::vector<char> allowed(static_cast<std::size_t>(M) * N, 0);
  for (int j = 0; j < M; ++j) {
    const int k = c.item[j], fixed = fixed_unit(j);
    for (int i : p.candidates[k]) {
      const bool ok = fixed >= 0 ? i == fixed : !residual || residual->has_room(p, k, i);
      if (!ok) continue;
      allowed[idx(j, i)] = 1;
      candidates_[j].push_back(i);
    }
  }
  int longest = 1;
  for (int i = 0; i < N; ++i) {
    const int used = residual ? residual->count[i] : 0;
    const double used_memory = residual ? residual->memory[i] : 0, used_compute = residual ? residual->compute[i] : 0;
    for (int j = 0; j < M; ++j) {
      if (!allowed[idx(j, i)]) continue;
      node_[idx(j, i)] = c.node_cost[idx(j, i)] + c.share[j] * lambda.penalty(p, c.item[j], i);
      double memory = used_memory, compute = used_compute;
      int r = 0, count = used;
      for (int t = j; t >= 0 && allowed[idx(t, i)]; --t) {
        if (fixed_unit(t) < 0) {
          count += 1;
          memory += p.item_memory[c.item[t]];
          compute += p.item_compute[c.item[t]];
        }
        if (count > p.layer_limit[i] || !fits(memory, p.memory_cap[i]) || !fits(compute, p.compute_cap[i])) break;
        ++r;
      }
      max_run_[idx(j, i)] = r;
      longest = std::max(longest, r);
    }
  }
  run_cap_ = longest;
  best_.assign(static_cast<std::size_t>(M) * N * run_cap_, kInf);
  move_.assign(static_cast<std::size_t>(M) * N, kInf);
  move_to_.assign(static_cast<std::size_t>(M) * N, -1);
  const bool at_scale = use_nearest_sources(p);
  no_return_ = p.forbid_returns && run_cap_ == 1 && M >= 3 && (!at_scale || p.table_cells() <= p.forbid_returns_at_scale_cells);
  if (no_return_) {
    move2_.assign(static_cast<std::size_t>(M) * N, kInf);
    move2_to_.assign(static_cast<std::size_t>(M) * N, -1);
    no_double_.assign(static_cast<std::size_t>(M) * N, 0);
    for (int j = 0; j + 2 < M; ++j)
      for (int i : candidates_[j]) {
        if (!allowed[idx(j + 2, i)]) continue;
        int count = residual ? residual->count[i] : 0;
        double memory = residual ? residual->memory[i] : 0, compute = residual ? residual->compute[i] : 0;
        for (int t : {j, j + 2})
          if (fixed_unit(t) < 0) {
            count += 1;
            memory += p.item_memory[c.item[t]];
            compute += p.item_compute[c.item[t]];
          }
        no_double_[idx(j, i)] =
            count > p.layer_limit[i] || !fits(memory, p.memory_cap[i]) || !fits(compute, p.compute_cap[i]);
      }
  }

  const auto& next_candidates = [&](int j) -> const std::vector<int>& { return candidates_[j]; };
  // Layer j + 1's units from the cheapest cost-to-go up (sorted when first needed).
  std::vector<int> by_cost;
  int sorted_layer = -1;
  auto sort_by_cost = [&](int next) {
    if (sorted_layer == next) return;
    sorted_layer = next;
    by_cost = next_candidates(next);
    // Candidates are ascending, so (cost, unit) is the stable order, without a buffer.
    std::sort(by_cost.begin(), by_cost.end(), [&](int a, int b) {
      const double x = best(next, a, 1), y = best(next, b, 1);
      return x < y || (x == y && a < b);
    });
  };
  // The moves from unit i at layer j by scanning layer j + 1's units in that order, stopped
  // once even the shortest transfer from i cannot make the rest beat the move it would
  // replace: the same minimum as a full scan, usually after a handful of units.
  auto scan = [&](int j, int i, double w) {
    sort_by_cost(j + 1);
    MoveChoice m;
    const double floor = w * p.min_transfer[i];
    for (int k : by_cost) {
      const double rest = best(j + 1, k, 1);  // at most from_value(j + 1, k, i)
      if (!(rest + floor < (no_return_ ? m.second : m.best))) break;
      if (k != i) m.offer(k, w * p.T(i, k) + (no_return_ ? from_value(j + 1, k, i) : rest));
    }
    return m;
  };
  auto set_moves = [&](int j, int i, const MoveChoice& m) {
    move_[idx(j, i)] = m.best, move_to_[idx(j, i)] = m.best_to;
    if (no_return_) move2_[idx(j, i)] = m.second, move2_to_[idx(j, i)] = m.second_to;
  };
  std::optional<NearestSources> nearest;
  std::vector<double> next_best;
  std::vector<int> argmin;
  // Returns forbidden at scale: per unit the kNearest nearest sources by the unconditioned
  // value, and the sources whose value from it is dearer because their best move returns to
  // it (`returning`, grouped by unit).
  constexpr int kNearest = 3;
  const int answers = no_return_ ? kNearest : 1;
  std::vector<int> returning_begin, returning;
  if (at_scale) nearest.emplace(p), next_best.assign(N, kInf), argmin.assign(static_cast<std::size_t>(N) * answers, -1);
  for (int j = M - 1; j >= 0; --j) {
    if (j + 1 < M && at_scale && !scans_pairs(p, candidates_[j].size(), candidates_[j + 1].size())) {
      // Multi-source shortest paths (bounds/nearest_sources.hpp), then the pairwise value.
      const double w = c.arc_weight[j];
      for (int k : next_candidates(j + 1)) next_best[k] = best(j + 1, k, 1);
      nearest->run(w, next_candidates(j + 1), next_best, next_candidates(j), argmin, answers);
      for (int k : next_candidates(j + 1)) next_best[k] = kInf;
      if (!no_return_) {
        for (int i : next_candidates(j)) {
          const int k = argmin[i];
          if (k < 0) continue;
          move_[idx(j, i)] = w * p.T(i, k) + best(j + 1, k, 1);
          move_to_[idx(j, i)] = k;
        }
      } else {
        group_returning(j, returning_begin, returning);
        for (int i : next_candidates(j)) {
          const int* near = &argmin[static_cast<std::size_t>(i) * kNearest];
          MoveChoice m;
          for (int a = 0; a < kNearest && near[a] >= 0; ++a)
            m.offer(near[a], w * p.T(i, near[a]) + from_value(j + 1, near[a], i));
          for (int e = returning_begin[i]; e < returning_begin[i + 1]; ++e)
            if (returning[e] != i) m.offer(returning[e], w * p.T(i, returning[e]) + from_value(j + 1, returning[e], i));
          // Every other unit costs its unconditioned value, at least that of the last of the
          // nearest: where that could still come second, scan.
          const int last = near[kNearest - 1];
          if (last >= 0 && !(m.second <= w * p.T(i, last) + best(j + 1, last, 1))) m = scan(j, i, w);
          set_moves(j, i, m);
        }
      }
    } else if (j + 1 < M) {
      for (int i : next_candidates(j)) set_moves(j, i, scan(j, i, c.arc_weight[j]));
    }
    for (int i : next_candidates(j)) {
      for (int r = 1; r <= max_run(j, i); ++r) {
        double rest = 0;
        if (j + 1 < M) rest = tail(j, i, r);
        best(j, i, r) = node(j, i) + rest;
      }
    }
  }
  for (int i : candidates_[0]) root_ = std::min(root_, best(0, i, 1));
}

void ChainTables::group_returning(int j, std::vector<int>& begin, std::vector<int>& sources) const {
  begin.assign(N_ + 2, 0);
  sources.clear();
  if (j + 2 >= M_) {  // the last layer has no move to return by
    return;
  }
  auto returns_to = [&](int k) {
    const int t = move_to_[idx(j + 1, k)];
    return t >= 0 && no_double_[idx(j, t)] ? t : -1;
  };
  for (int k : candidates_[j + 1])
    if (const int t = returns_to(k); t >= 0) ++begin[t + 2];
  for (int i = 0; i < N_; ++i) begin[i + 2] += begin[i + 1];
  sources.resize(begin[N_ + 1]);
  for (int k : candidates_[j + 1])
    if (const int t = returns_to(k); t >= 0) sources[begin[t + 1]++] = k;
  begin.pop_back();
}

std::vector<int> ChainTables::completion(int placed, int last, int run, int prev) const {
  if (placed == 0) return argmin_path();
  return follow(placed - 1, last, run, prev);
}

std::vector<int> ChainTables::follow(int j, int i, int r, int prev) const {
  std::vector<int> path;
  for (; j + 1 < M_; ++j) {
    if (no_return_) {
      const int k = next_unit(j, i, prev);
      if (k < 0) return {};
      prev = i, i = k, r = 1;
    } else {
      const double stay = r < run_cap_ && r + 1 <= max_run(j + 1, i) ? best(j + 1, i, r + 1) : kInf;
      const double mv = move_[idx(j, i)];
      if (!(stay < kInf) && !(mv < kInf)) return {};
      if (stay <= mv) {
        ++r;
      } else {
        i = move_to_[idx(j, i)];
        r = 1;
      }
    }
    path.push_back(i);
  }
  return path;
}

std::size_t ChainTables::bytes() const {
  std::size_t b = sizeof(*this) + node_.size() * sizeof(double) + best_.size() * sizeof(double) +
                  move_.size() * sizeof(double) + move_to_.size() * sizeof(int) + max_run_.size() * sizeof(int) +
                  move2_.size() * sizeof(double) + move2_to_.size() * sizeof(int) + no_double_.size();
  for (const auto& c : candidates_) b += c.size() * sizeof(int) + sizeof(c);
  return b;
}

std::vector<int> ChainTables::argmin_path() const {
  if (!(root_ < kInf)) return {};
  int i = -1;
  for (int k : candidates_[0])
    if (best(0, k, 1) == root_) {
      i = k;
      break;
    }
  std::vector<int> path{i};
  for (int unit : follow(0, i, 1, -1)) path.push_back(unit);
  return path;
}

double assigned_chain_root(const Problem& p, int u, const Multipliers& lambda, const std::vector<int>& path) {
  const Chain& c = p.chains[u];
  double rest = 0;
  for (int j = c.size() - 1; j >= 0; --j) {
    const int i = path[j];
    const double node = c.node_cost[static_cast<std::size_t>(j) * p.units + i] + c.share[j] * lambda.penalty(p, c.item[j], i);
    if (j + 1 == c.size()) {
      rest = node + 0.0;
    } else if (path[j + 1] == i) {
      rest = node + rest;
    } else {
      rest = node + (c.arc_weight[j] * p.T(i, path[j + 1]) + rest);
    }
  }
  return rest;
}

}  // namespace cnnplace
