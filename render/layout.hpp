#pragma once
// Where to draw each network node. Nodes keep the positions the instance gives; a network
// given without positions (explicit edges only) is laid out by stress majorization on hop
// distances, started from a fixed circle, so the same instance always gives the same picture.
#include <vector>

#include "model/network.hpp"

namespace cnnplace {

struct Layout {
  std::vector<Point> position;  // per node, in metres (or layout units when computed)
  bool computed = false;        // true when the instance gave no positions
};

Layout layout_network(const Network& network);

}  // namespace cnnplace
