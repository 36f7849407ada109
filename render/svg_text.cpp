#include "render/svg_text.hpp"

#include <fmt/format.h>

#include <cmath>

namespace cnnplace::svg {
namespace {

Point unit_normal(Point a, Point b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double len = std::hypot(dx, dy);
  if (len < 1e-9) return {0, 0};
  return {dy / len, -dx / len};
}

Point toward(Point from, Point to, double distance) {
  const double dx = to.x - from.x, dy = to.y - from.y;
  const double len = std::hypot(dx, dy);
  if (len < 1e-9) return from;
  return {from.x + dx / len * distance, from.y + dy / len * distance};
}

}  // namespace

std::string escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string num(double v) {
  std::string s = fmt::format("{:.1f}", v);
  if (s == "-0.0") s = "0.0";
  if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
  return s;
}

std::string path_data(const std::vector<Point>& points) {
  std::string d;
  for (std::size_t k = 0; k < points.size(); ++k)
    d += fmt::format("{}{},{}", k == 0 ? "M" : " L", num(points[k].x), num(points[k].y));
  return d;
}

std::vector<Point> offset(const std::vector<Point>& points, double distance) {
  if (points.size() < 2 || distance == 0) return points;
  std::vector<Point> out(points.size());
  for (std::size_t k = 0; k < points.size(); ++k) {
    const Point before = k > 0 ? unit_normal(points[k - 1], points[k]) : Point{0, 0};
    const Point after = k + 1 < points.size() ? unit_normal(points[k], points[k + 1]) : Point{0, 0};
    Point n{before.x + after.x, before.y + after.y};
    const double len = std::hypot(n.x, n.y);
    double scale = distance;
    if (len > 1e-9) {
      n = {n.x / len, n.y / len};
      // Mitre: keep the offset lines parallel at the joint; cap very sharp turns.
      const Point ref = k > 0 ? before : after;
      const double cosine = n.x * ref.x + n.y * ref.y;
      scale = distance / std::max(cosine, 0.5);
    }
    out[k] = {points[k].x + n.x * scale, points[k].y + n.y * scale};
  }
  return out;
}

std::vector<Point> trim(std::vector<Point> points, double start, double end) {
  if (points.size() < 2) return points;
  auto length = [](Point a, Point b) { return std::hypot(b.x - a.x, b.y - a.y); };
  if (length(points[0], points[1]) > 1.5 * start) points[0] = toward(points[0], points[1], start);
  const std::size_t n = points.size();
  if (length(points[n - 1], points[n - 2]) > 1.5 * end) points[n - 1] = toward(points[n - 1], points[n - 2], end);
  return points;
}

double text_width(const std::string& text, double font_size, bool bold) {
  return static_cast<double>(text.size()) * font_size * (bold ? 0.66 : 0.6);
}

Point along(const std::vector<Point>& points, double fraction, Point* direction) {
  if (points.empty()) return {0, 0};
  double total = 0;
  for (std::size_t k = 1; k < points.size(); ++k) total += std::hypot(points[k].x - points[k - 1].x, points[k].y - points[k - 1].y);
  double left = total * fraction;
  for (std::size_t k = 1; k < points.size(); ++k) {
    const double seg = std::hypot(points[k].x - points[k - 1].x, points[k].y - points[k - 1].y);
    if (seg >= left && seg > 0) {
      if (direction) *direction = {(points[k].x - points[k - 1].x) / seg, (points[k].y - points[k - 1].y) / seg};
      return toward(points[k - 1], points[k], left);
    }
    left -= seg;
  }
  if (direction) *direction = {1, 0};
  return points.front();
}

}  // namespace cnnplace::svg
