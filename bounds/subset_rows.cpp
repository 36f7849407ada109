#include "bounds/subset_rows.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace cnnplace {

SubsetRowPrices::SubsetRowPrices(int units, std::vector<SubsetRow> rows) : rows_(std::move(rows)), rows_of_(units) {
  for (std::size_t r = 0; r < rows_.size(); ++r)
    for (int i : rows_[r].units) rows_of_[i].push_back(static_cast<int>(r));
}

double SubsetRowPrices::constant() const {
  double sum = 0;
  for (const SubsetRow& r : rows_) sum += r.price;
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

std::vector<std::array<int, 3>> violated_subset_rows(const std::vector<std::pair<const std::vector<int>*, double>>& paths,
                                                     const std::vector<char>& one_layer, double min_violation,
                                                     int max_rows) {
  // Per path, its layers on one-layer units (unit -> count), and which units share a path:
  // a violated set has two of its pairs on some path each, so its third unit is a neighbour
  // of one of the other two.
  std::vector<std::map<int, int>> on(paths.size());
  std::map<int, std::set<int>> neighbours;
  for (std::size_t q = 0; q < paths.size(); ++q) {
    for (int i : *paths[q].first)
      if (i >= 0 && one_layer[i]) on[q][i] += 1;
    for (const auto& [a, na] : on[q])
      for (const auto& [b, nb] : on[q])
        if (a != b) neighbours[a].insert(b);
  }
  auto lhs = [&](const std::array<int, 3>& s) {
    double sum = 0;
    for (std::size_t q = 0; q < paths.size(); ++q) {
      int h = 0;
      for (int i : s) {
        const auto it = on[q].find(i);
        if (it != on[q].end()) h += it->second;
      }
      sum += (h / 2) * paths[q].second;
    }
    return sum;
  };
  std::set<std::array<int, 3>> seen;
  std::vector<std::pair<double, std::array<int, 3>>> found;
  for (const auto& [a, na] : neighbours)
    for (int b : na) {
      if (b < a) continue;
      for (int hub : {a, b})
        for (int c : neighbours[hub]) {
          if (c == a || c == b) continue;
          std::array<int, 3> s{a, b, c};
          std::sort(s.begin(), s.end());
          if (!seen.insert(s).second) continue;
          const double v = lhs(s);
          if (v > 1 + min_violation) found.push_back({v, s});
        }
    }
  // Most violated first; ties by the units, so the same solution gives the same cuts.
  std::sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
    return std::tie(y.first, x.second) < std::tie(x.first, y.second);
  });
  std::vector<std::array<int, 3>> out;
  for (const auto& [v, s] : found) {
    if (static_cast<int>(out.size()) >= max_rows) break;
    out.push_back(s);
  }
  return out;
}

}  // namespace cnnplace
