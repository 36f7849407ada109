// Stress majorization (SMACOF, Gansner, Koren and North, "Graph drawing by stress
// majorization", 2004): place nodes so that their Euclidean distances match their hop
// distances, weighting each pair by 1/d^2 so that neighbours matter most. Each iteration is
// the closed-form minimiser of a majorizing function, so the stress never rises; no random
// numbers are used (the start is a circle in node order), so the layout is deterministic.
// Nodes that cannot reach each other are kept apart at the largest finite distance + 1.
#include "render/layout.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cnnplace {
namespace {

constexpr int kIterations = 300;
constexpr int kMaxNodesForStress = 1500;  // O(n^2) per iteration; beyond this keep the circle

std::vector<double> symmetric_hops(const Network& net) {
  const std::size_t n = static_cast<std::size_t>(net.node_count());
  std::vector<double> d(n * n, 0.0);
  int largest = 1;
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b) {
      const int ab = net.hops(NodeId(a), NodeId(b)), ba = net.hops(NodeId(b), NodeId(a));
      const int h = ab < 0 ? ba : (ba < 0 ? ab : std::min(ab, ba));
      d[a * n + b] = h;
      largest = std::max(largest, h);
    }
  for (double& v : d)
    if (v < 0) v = largest + 1;
  return d;
}

}  // namespace

Layout layout_network(const Network& net) {
  Layout layout;
  const std::size_t n = static_cast<std::size_t>(net.node_count());
  const bool all_given = std::all_of(net.nodes().begin(), net.nodes().end(),
                                     [](const NetworkNode& node) { return node.position.has_value(); });
  if (all_given) {
    for (const NetworkNode& node : net.nodes()) layout.position.push_back(*node.position);
    return layout;
  }
  layout.computed = true;
  // Start on a circle whose circumference gives each node about one unit of length.
  const double radius = std::max(1.0, static_cast<double>(n) / (2 * std::numbers::pi));
  for (std::size_t k = 0; k < n; ++k) {
    const double angle = 2 * std::numbers::pi * static_cast<double>(k) / static_cast<double>(std::max<std::size_t>(n, 1));
    layout.position.push_back({radius * std::cos(angle), radius * std::sin(angle)});
  }
  if (n < 2 || n > kMaxNodesForStress) return layout;
  const std::vector<double> d = symmetric_hops(net);
  std::vector<Point>& x = layout.position;
  for (int it = 0; it < kIterations; ++it) {
    // Localized SMACOF, one node at a time (each move minimises the majorizer in x_i):
    // x_i = sum_j w_ij (x_j + d_ij (x_i - x_j) / |x_i - x_j|) / sum_j w_ij.
    for (std::size_t i = 0; i < n; ++i) {
      double sx = 0, sy = 0, sw = 0;
      for (std::size_t j = 0; j < n; ++j) {
        if (i == j) continue;
        const double dij = d[i * n + j];
        if (dij <= 0) continue;
        const double w = 1.0 / (dij * dij);
        const double dx = x[i].x - x[j].x, dy = x[i].y - x[j].y;
        const double dist = std::max(std::hypot(dx, dy), 1e-9);
        sx += w * (x[j].x + dij * dx / dist);
        sy += w * (x[j].y + dij * dy / dist);
        sw += w;
      }
      if (sw > 0) x[i] = Point{sx / sw, sy / sw};
    }
  }
  return layout;
}

}  // namespace cnnplace
