#include "bounds/subset_rows.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace cnnplace {

int subset_row_divisor(const std::vector<int>& layer_limits) {
  int K = 0;
  for (int l : layer_limits) K += l;
  return K / 2 + 1;
}

int subset_row_count(const SubsetRow& row, const std::vector<int>& path) {
  int on = 0;
  for (int i : path) on += static_cast<int>(std::count(row.units.begin(), row.units.end(), i));
  return on / row.divisor;
}

SubsetRowPrices::SubsetRowPrices(int units, std::vector<SubsetRow> rows) : rows_(std::move(rows)), rows_of_(units) {
  for (std::size_t r = 0; r < rows_.size(); ++r)
    for (int i : rows_[r].units) rows_of_[i].push_back(static_cast<int>(r));
}

double SubsetRowPrices::constant() const {
  double sum = 0;
  for (const SubsetRow& r : rows_) sum += r.price * r.rhs;
  return sum;
}

double SubsetRowPrices::penalty(const std::vector<int>& path) const {
  SubsetRowHits hits(this);
  double sum = 0;
  for (int i : path) sum += hits.enter(i);
  return sum;
}

SubsetRowHits::SubsetRowHits(const SubsetRowPrices* prices) : prices_(prices && !prices->empty() ? prices : nullptr) {
  if (prices_) hits_.assign(prices_->rows().size(), 0);
}

std::vector<SubsetRow> violated_subset_rows(const std::vector<std::pair<const std::vector<int>*, double>>& paths,
                                            const std::vector<int>& layer_limit, double min_violation, int max_rows) {
  auto eligible = [&](int i) { return i >= 0 && layer_limit[i] >= 1 && layer_limit[i] <= kSubsetRowMaxLayers; };
  // Per path, its layers per eligible unit, and which units share a path: a set whose cut a
  // path counts holds two of its units, or one holding at least two layers.
  std::vector<std::map<int, int>> on(paths.size());
  std::map<int, std::set<int>> neighbours;
  std::map<int, std::vector<int>> paths_of;  // unit -> the paths on it
  std::set<int> stacked;  // units some path puts two layers or more on
  for (std::size_t q = 0; q < paths.size(); ++q) {
    for (int i : *paths[q].first)
      if (eligible(i)) on[q][i] += 1;
    for (const auto& [a, na] : on[q]) {
      paths_of[a].push_back(static_cast<int>(q));
      if (na >= 2) stacked.insert(a);
      for (const auto& [b, nb] : on[q])
        if (a != b) neighbours[a].insert(b);
    }
  }
  std::set<std::vector<int>> seen;
  std::vector<std::pair<double, SubsetRow>> found;
  auto consider = [&](std::vector<int> units) {
    std::sort(units.begin(), units.end());
    if (!seen.insert(units).second) return;
    std::vector<int> limits;
    for (int i : units) limits.push_back(layer_limit[i]);
    const int d = subset_row_divisor(limits);
    double lhs = 0;
    for (std::size_t q = 0; q < paths.size(); ++q) {
      int h = 0;
      for (int i : units) {
        const auto it = on[q].find(i);
        if (it != on[q].end()) h += it->second;
      }
      lhs += (h / d) * paths[q].second;
    }
    if (lhs > 1 + min_violation) found.push_back({lhs, SubsetRow{std::move(units), d, 0.0}});
  };
  // Four units of two layers or more: every divisor, the most violated one. Only the paths
  // on the set's units count, each once.
  auto consider_any_divisor = [&](std::vector<int> units) {
    std::sort(units.begin(), units.end());
    if (!seen.insert(units).second) return;
    int slots = 0;
    std::vector<int> touching;
    for (int i : units) {
      slots += layer_limit[i];
      touching.insert(touching.end(), paths_of[i].begin(), paths_of[i].end());
    }
    std::sort(touching.begin(), touching.end());
    touching.erase(std::unique(touching.begin(), touching.end()), touching.end());
    std::vector<int> layers_on;
    for (int q : touching) {
      int h = 0;
      for (int i : units)
        if (const auto it = on[q].find(i); it != on[q].end()) h += it->second;
      layers_on.push_back(h);
    }
    double best = min_violation;
    int best_d = 0;
    for (int d = 2; d <= slots; ++d) {
      double lhs = 0;
      for (std::size_t t = 0; t < touching.size(); ++t) lhs += (layers_on[t] / d) * paths[touching[t]].second;
      if (lhs - slots / d > best) best = lhs - slots / d, best_d = d;
    }
    // Ranked with the others by 1 + violation: a right-hand side of 1 ranks by its left side.
    if (best_d > 0) found.push_back({1 + best, SubsetRow{std::move(units), best_d, 0.0, slots / best_d}});
  };
  for (int a : stacked) consider({a});
  for (const auto& [a, na] : neighbours)
    for (int b : na) {
      if (b < a) continue;
      consider({a, b});
      for (int hub : {a, b})
        for (int c : neighbours[hub])
          if (c != a && c != b) consider({a, b, c});
    }
  // Sets of four units that hold two layers or more each: three of one path's units and one
  // more that shares a path with one of them (the path's own other units among them). Every
  // set of one to three units of one path has had its cut above. A path over more than
  // kMaxPathUnits such units (a long CNN spread out) is left out: its subsets would be many,
  // and a path that spread shares few pairs of slots.
  constexpr int kMaxPathUnits = 12;
  for (std::size_t q = 0; q < paths.size(); ++q) {
    std::vector<int> multi;
    for (const auto& [i, n] : on[q])
      if (layer_limit[i] >= 2) multi.push_back(i);
    const int n = static_cast<int>(multi.size());
    if (n > kMaxPathUnits) continue;
    for (int a = 0; a < n; ++a)
      for (int b = a + 1; b < n; ++b)
        for (int c = b + 1; c < n; ++c) {
          const std::vector<int> three{multi[a], multi[b], multi[c]};
          std::set<int> fourth;
          for (int i : three)
            for (int d : neighbours[i])
              if (layer_limit[d] >= 2 && std::find(three.begin(), three.end(), d) == three.end()) fourth.insert(d);
          for (int d : fourth) consider_any_divisor({three[0], three[1], three[2], d});
        }
  }
  // Most violated first; ties by the units, so the same solution gives the same cuts.
  std::sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
    return std::tie(y.first, x.second.units) < std::tie(x.first, y.second.units);
  });
  std::vector<SubsetRow> out;
  for (auto& [v, row] : found) {
    if (static_cast<int>(out.size()) >= max_rows) break;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace cnnplace
