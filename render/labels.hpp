#pragma once
// Where to put a label so that it covers as little as possible: each candidate box is scored
// by what it would hide (paths, links, nodes, labels already placed, each with a weight), and
// the cheapest wins; ties go to the earlier candidate, so the result is deterministic.
// Internal to render/ (not installed).
#include <vector>

#include "model/network.hpp"

namespace cnnplace::svg {

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

class LabelPlacer {
 public:
  void add_segment(Point a, Point b, double weight);
  void add_box(Box box, double weight);
  // The index of the best candidate; that box then becomes an obstacle for later labels.
  std::size_t place(const std::vector<Box>& candidates);

 private:
  double cost(const Box& box) const;
  struct Segment {
    Point a, b;
    double weight;
  };
  struct Weighted {
    Box box;
    double weight;
  };
  std::vector<Segment> segments_;
  std::vector<Weighted> boxes_;
};

}  // namespace cnnplace::svg
