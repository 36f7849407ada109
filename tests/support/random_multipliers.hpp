#pragma once
// Lagrange multipliers >= 0 drawn at random, for tests that must hold at any multipliers, not
// only at good ones: per unit and row, a chance that the row is priced, and then a price
// uniform in [0, scale).
#include "bounds/multipliers.hpp"
#include "bounds/problem.hpp"
#include "support/random_instances.hpp"

namespace cnnplace::testing {

struct PricedRowChances {
  double count, memory, compute;
};

inline Multipliers random_multipliers(const Problem& p, Rng& rng, double scale, PricedRowChances chances) {
  Multipliers m = Multipliers::zero(p.units);
  for (int i = 0; i < p.units; ++i) {
    if (rng.chance(chances.count)) m.count[i] = scale * rng.uniform();
    if (rng.chance(chances.memory)) m.memory[i] = scale * rng.uniform();
    if (rng.chance(chances.compute)) m.compute[i] = scale * rng.uniform();
  }
  return m;
}

}  // namespace cnnplace::testing
