#pragma once
// The naive oracle (style.md #11): every placement of every item on every unit, kept when
// check() finds nothing, scored by evaluate(). Shares no code with the solver.
#include <cstdint>

#include "model/evaluate.hpp"
#include "model/instance.hpp"
#include "model/placement.hpp"

namespace cnnplace::testing {

struct BruteForceResult {
  bool feasible = false;
  double objective = 0;
  Placement placement;
  std::uint64_t placements_tried = 0;
};

// Enumerates N^(layers) placements with shared layers tied together; keep it tiny.
BruteForceResult brute_force(const Instance& instance);

}  // namespace cnnplace::testing
