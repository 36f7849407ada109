#pragma once
// A placement: pi(u, j), the unit that runs layer j of CNN u (the paper's alpha_{u,i,j}).
#include <vector>

#include "model/ids.hpp"

namespace cnnplace {

struct Placement {
  std::vector<std::vector<UnitId>> unit_of;  // [cnn][layer]

  UnitId at(CnnId u, int j) const { return unit_of[u.index()][j]; }
  bool operator==(const Placement&) const = default;
};

}  // namespace cnnplace
