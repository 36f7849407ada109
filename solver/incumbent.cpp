#include "solver/incumbent.hpp"

#include <algorithm>

namespace cnnplace {

bool Incumbent::path_less(const SearchPath& a, bool a_outside, const SearchPath& b, bool b_outside) {
  if (a_outside || b_outside) return !a_outside && b_outside;
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
}

bool Incumbent::offer(double v, const std::vector<int>& units, const SearchPath* path, double now_s) {
  std::lock_guard lock(mutex_);
  const double best = value_.load(std::memory_order_relaxed);
  const bool outside = path == nullptr;
  const bool empty = !(best < std::numeric_limits<double>::infinity());
  bool better = empty || v < best - tolerance(best);
  if (!better && v <= best + tolerance(best))
    better = path_less(outside ? SearchPath{} : *path, outside, path_, outside_);
  if (!better) return false;
  units_ = units;
  path_ = outside ? SearchPath{} : *path;
  outside_ = outside;
  if (first_found_at_s_ < 0) first_found_at_s_ = now_s;
  found_at_s_ = now_s;
  value_.store(v, std::memory_order_relaxed);
  return true;
}

bool Incumbent::worth_exploring(double bound, const SearchPath& prefix) const {
  const double best = value();
  if (!(best < std::numeric_limits<double>::infinity())) return true;
  const double tol = tolerance(best);
  if (bound < best - tol) return true;
  if (bound > best + tol) return false;
  // In the tie band: only a subtree that comes before the incumbent in search order.
  std::lock_guard lock(mutex_);
  if (outside_) return true;
  const std::size_t n = std::min(prefix.size(), path_.size());
  for (std::size_t d = 0; d < n; ++d)
    if (prefix[d] != path_[d]) return prefix[d] < path_[d];
  return prefix.size() < path_.size();  // an ancestor of the incumbent: earlier leaves may exist
}

std::vector<int> Incumbent::units() const {
  std::lock_guard lock(mutex_);
  return units_;
}
double Incumbent::found_at_s() const {
  std::lock_guard lock(mutex_);
  return found_at_s_;
}
double Incumbent::first_found_at_s() const {
  std::lock_guard lock(mutex_);
  return first_found_at_s_;
}

}  // namespace cnnplace
