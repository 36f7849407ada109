#pragma once
// When a load fits a capacity. Loads are sums of doubles and the order of summation differs
// between the evaluator and the search, so a load that equals its capacity must not flip
// between "fits" and "exceeds" with rounding: both sides use this one test, which forgives
// a relative 1e-9 (far below any real quantity's precision).
namespace cnnplace {

inline constexpr double kCapacityRelTolerance = 1e-9;

inline bool fits(double load, double capacity) {
  return load <= capacity + kCapacityRelTolerance * (capacity < 0 ? -capacity : capacity);
}

}  // namespace cnnplace
