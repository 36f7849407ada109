#pragma once
// The one shared mutable object of the search (style.md #9). The value is an atomic that
// workers read without locking to prune; the placement and its search path change only
// under the mutex, through offer().
//
// Deterministic answers at any thread count: placements are ordered by value (within the
// tolerance) and then by their search path (the rank of each child among its siblings, in
// the order the sequential search visits them). The search keeps the least placement in
// that order, and never prunes a node that could hold a smaller one, so the answer is the
// one a sequential search would return, whatever the schedule.
#include <atomic>
#include <cstdint>
#include <limits>
#include <mutex>
#include <vector>

namespace cnnplace {

using SearchPath = std::vector<std::uint16_t>;

class Incumbent {
 public:
  Incumbent(double abs_tol, double rel_tol) : abs_tol_(abs_tol), rel_tol_(rel_tol) {}

  double value() const { return value_.load(std::memory_order_relaxed); }
  double tolerance(double v) const {
    const double rel = rel_tol_ * (v < 0 ? -v : v);
    return rel > abs_tol_ ? rel : abs_tol_;
  }

  // Offers a placement; `path` empty means "found outside the search" (ranks after every
  // search path). Returns true when it became the incumbent.
  bool offer(double v, const std::vector<int>& units, const SearchPath* path, double now_s);

  // May the subtree at `prefix` (a node's path) hold a placement of value `bound` or more
  // that beats the incumbent? False means prune.
  bool worth_exploring(double bound, const SearchPath& prefix) const;

  bool has_value() const { return value() < std::numeric_limits<double>::infinity(); }
  std::vector<int> units() const;
  double found_at_s() const;
  double first_found_at_s() const;

 private:
  static bool path_less(const SearchPath& a, bool a_outside, const SearchPath& b, bool b_outside);

  std::atomic<double> value_{std::numeric_limits<double>::infinity()};
  const double abs_tol_, rel_tol_;
  mutable std::mutex mutex_;  // guards everything below
  std::vector<int> units_;
  SearchPath path_;
  bool outside_ = true;
  double found_at_s_ = -1, first_found_at_s_ = -1;
};

}  // namespace cnnplace
