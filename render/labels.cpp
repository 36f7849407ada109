#include "render/labels.hpp"

#include <algorithm>

namespace cnnplace::svg {
namespace {

// Liang-Barsky: does the segment a-b cross the box?
bool crosses(Point a, Point b, const Box& box) {
  double t0 = 0, t1 = 1;
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {a.x - box.x0, box.x1 - a.x, a.y - box.y0, box.y1 - a.y};
  for (int k = 0; k < 4; ++k) {
    if (p[k] == 0) {
      if (q[k] < 0) return false;
    } else {
      const double t = q[k] / p[k];
      if (p[k] < 0) t0 = std::max(t0, t);
      else t1 = std::min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

double overlap(const Box& a, const Box& b) {
  const double w = std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
  const double h = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

}  // namespace

void LabelPlacer::add_segment(Point a, Point b, double weight) { segments_.push_back({a, b, weight}); }

void LabelPlacer::add_box(Box box, double weight) { boxes_.push_back({box, weight}); }

double LabelPlacer::cost(const Box& box) const {
  double c = 0;
  for (const Segment& s : segments_)
    if (crosses(s.a, s.b, box)) c += s.weight;
  const double area = std::max((box.x1 - box.x0) * (box.y1 - box.y0), 1.0);
  for (const Weighted& w : boxes_) c += w.weight * overlap(box, w.box) / area;
  return c;
}

std::size_t LabelPlacer::place(const std::vector<Box>& candidates) {
  std::size_t best = 0;
  double best_cost = 0;
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    const double c = cost(candidates[k]) + 0.05 * static_cast<double>(k);
    if (k == 0 || c < best_cost) best = k, best_cost = c;
  }
  if (!candidates.empty()) add_box(candidates[best], 10);
  return best;
}

}  // namespace cnnplace::svg
