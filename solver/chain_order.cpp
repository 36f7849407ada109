#include "solver/chain_order.hpp"

#include <algorithm>
#include <numeric>

namespace cnnplace {

std::vector<int> chain_search_order(const std::vector<int>& paths_in_use) {
  std::vector<int> order(paths_in_use.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return paths_in_use[a] < paths_in_use[b]; });
  return order;
}

Instance with_cnn_order(const Instance& instance, const std::vector<int>& order) {
  Instance out = instance;
  std::vector<int> position(order.size());
  for (std::size_t n = 0; n < order.size(); ++n) {
    out.cnns[n] = instance.cnns[order[n]];
    position[order[n]] = static_cast<int>(n);
  }
  for (SharedGroup& g : out.shared_groups) {
    for (LayerRef& r : g.members) r.cnn = CnnId(position[r.cnn.index()]);
    std::sort(g.members.begin(), g.members.end());
  }
  return out;
}

Placement to_cnn_order(const Placement& placement, const std::vector<int>& order) {
  Placement out;
  for (int old : order) out.unit_of.push_back(placement.unit_of[old]);
  return out;
}

Placement from_cnn_order(const Placement& placement, const std::vector<int>& order) {
  Placement out;
  out.unit_of.resize(order.size());
  for (std::size_t n = 0; n < order.size(); ++n) out.unit_of[order[n]] = placement.unit_of[n];
  return out;
}

}  // namespace cnnplace
