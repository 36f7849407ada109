#pragma once
// Lagrange multipliers for the per-unit capacity rows (layer count, memory, compute).
// Each row is normalised by its capacity (load / capacity <= 1), so that one step size
// suits rows measured in layers and rows measured in bytes alike.
#include <vector>

#include "bounds/problem.hpp"

namespace cnnplace {

struct Multipliers {
  std::vector<double> count, memory, compute;  // per unit, >= 0; 0 where the row is absent

  static Multipliers zero(int units) {
    return {std::vector<double>(units, 0.0), std::vector<double>(units, 0.0),
            std::vector<double>(units, 0.0)};
  }
  // lambda . (resource of `item` on `unit`), in seconds.
  double penalty(const Problem& p, int item, int unit) const;
  // sum over rows of lambda (the "- lambda . capacity" term, after normalisation).
  double constant() const;
};

// Rows that can bind: finite capacity and some candidate demand beyond it. Others keep
// lambda = 0 forever (relaxing a row that never binds cannot tighten the bound).
struct ActiveRows {
  std::vector<bool> count, memory, compute;
};
ActiveRows active_rows(const Problem& p);

}  // namespace cnnplace
