#include "bounds/assignment_prices.hpp"

#include <algorithm>
#include <queue>

namespace cnnplace {
namespace {

struct Arc {
  int to, rev;
  int cap;
  double cost;
};

class MinCostFlow {
 public:
  explicit MinCostFlow(int n) : g_(n), potential_(n, 0.0), dist_(n) {}
  void add(int from, int to, int cap, double cost) {
    g_[from].push_back({to, static_cast<int>(g_[to].size()), cap, cost});
    g_[to].push_back({from, static_cast<int>(g_[from].size()) - 1, 0, -cost});
  }
  // Sends up to `want` units from s to t; returns the flow sent. Costs are >= 0 initially,
  // so zero potentials are valid to start.
  int run(int s, int t, int want) {
    int flow = 0;
    std::vector<std::pair<int, int>> parent(g_.size());
    while (flow < want && shortest_paths(s, parent)) {
      if (!(dist_[t] < kInf)) break;
      reached_.assign(g_.size(), false);
      for (std::size_t v = 0; v < g_.size(); ++v)
        if (dist_[v] < kInf) potential_[v] += dist_[v], reached_[v] = true;
      for (int v = t; v != s; v = parent[v].first) {
        Arc& a = g_[parent[v].first][parent[v].second];
        a.cap -= 1;
        g_[v][a.rev].cap += 1;
      }
      ++flow;
    }
    return flow;
  }
  double potential(int v) const { return potential_[v]; }
  // Potentials stay valid (reduced costs >= 0) after each augmentation, but only for the
  // nodes the last shortest-path search reached.
  bool reached(int v) const { return v < static_cast<int>(reached_.size()) && reached_[v]; }

 private:
  bool shortest_paths(int s, std::vector<std::pair<int, int>>& parent) {
    std::fill(dist_.begin(), dist_.end(), kInf);
    using Entry = std::pair<double, int>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    dist_[s] = 0;
    queue.push({0, s});
    while (!queue.empty()) {
      auto [d, v] = queue.top();
      queue.pop();
      if (d > dist_[v]) continue;
      for (std::size_t e = 0; e < g_[v].size(); ++e) {
        const Arc& a = g_[v][e];
        if (a.cap <= 0) continue;
        const double nd = d + a.cost + potential_[v] - potential_[a.to];
        if (nd < dist_[a.to] - 1e-15) {
          dist_[a.to] = nd;
          parent[a.to] = {v, static_cast<int>(e)};
          queue.push({nd, a.to});
        }
      }
    }
    return true;
  }

  std::vector<std::vector<Arc>> g_;
  std::vector<double> potential_, dist_;
  std::vector<bool> reached_;
};

}  // namespace

Multipliers assignment_prices(const Problem& p) {
  Multipliers lambda = Multipliers::zero(p.units);
  const ActiveRows rows = active_rows(p);
  if (std::none_of(rows.count.begin(), rows.count.end(), [](bool b) { return b; })) return lambda;
  const int K = p.item_count(), N = p.units;
  const int source = K + N, sink = K + N + 1;
  MinCostFlow flow(K + N + 2);
  for (int k = 0; k < K; ++k) {
    flow.add(source, k, 1, 0.0);
    for (int i : p.candidates[k]) {
      double cost = 0;
      for (const LayerRef& r : p.items.items[k].members) cost += p.node_cost(r.cnn.value, r.layer, i);
      flow.add(k, K + i, 1, cost);
    }
  }
  for (int i = 0; i < N; ++i) flow.add(K + i, sink, std::min(p.layer_limit[i], K), 0.0);
  if (flow.run(source, sink, K) < K) return lambda;  // no assignment at all: nothing to price
  // Unit i's slot price: how far the sink's potential lies above the unit's (saturated
  // units only; a unit with room left has price 0).
  for (int i = 0; i < N; ++i)
    if (rows.count[i] && flow.reached(K + i))
      lambda.count[i] = std::max(0.0, flow.potential(sink) - flow.potential(K + i)) * p.layer_limit[i];
  return lambda;
}

}  // namespace cnnplace
