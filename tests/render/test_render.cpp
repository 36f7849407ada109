// The pieces of render/: polyline geometry, label placement, the computed layout, and the
// picture's promises (every unit and layer drawn, escaping, the same bytes every time).
#include <catch2/catch.hpp>

#include <cmath>

#include "model/builder.hpp"
#include "model/errors.hpp"
#include "model/instance_io.hpp"
#include "render/labels.hpp"
#include "render/layout.hpp"
#include "render/svg.hpp"
#include "render/svg_text.hpp"

using namespace cnnplace;

namespace {

double distance(Point a, Point b) { return std::hypot(a.x - b.x, a.y - b.y); }

// The distance from p to the line through a and b.
double off_line(Point p, Point a, Point b) {
  return std::fabs((b.x - a.x) * (a.y - p.y) - (a.x - p.x) * (b.y - a.y)) / distance(a, b);
}

}  // namespace

TEST_CASE("offset keeps every segment parallel at the given distance", "[render]") {
  const std::vector<Point> path{{0, 0}, {100, 0}, {100, 80}, {30, 150}};
  for (double d : {-7.0, 3.0, 10.0}) {
    const auto moved = svg::offset(path, d);
    REQUIRE(moved.size() == path.size());
    for (std::size_t k = 1; k < path.size(); ++k) {
      CHECK(off_line(moved[k - 1], path[k - 1], path[k]) == Approx(std::fabs(d)).margin(1e-9));
      CHECK(off_line(moved[k], path[k - 1], path[k]) == Approx(std::fabs(d)).margin(1e-9));
    }
  }
}

TEST_CASE("trim shortens the ends by the given lengths and along finds points on the path", "[render]") {
  const std::vector<Point> path{{0, 0}, {100, 0}, {100, 100}};
  const auto cut = svg::trim(path, 10, 20);
  CHECK(cut.front().x == Approx(10));
  CHECK(cut.back().y == Approx(80));
  Point dir;
  const Point mid = svg::along(path, 0.5, &dir);
  CHECK(mid.x == Approx(100));
  CHECK(mid.y == Approx(0).margin(1e-9));
  const Point three_quarters = svg::along(path, 0.75, &dir);
  CHECK(three_quarters.y == Approx(50));
  CHECK(dir.y == Approx(1));
  // Too short to cut: left whole.
  CHECK(svg::trim({{0, 0}, {5, 0}}, 10, 10).back().x == Approx(5));
}

TEST_CASE("escape and num make valid, stable SVG text", "[render]") {
  CHECK(svg::escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
  CHECK(svg::num(-0.01) == "0");
  CHECK(svg::num(12.25) == "12.2");
  CHECK(svg::num(3.0) == "3");
}

TEST_CASE("the label placer avoids what is drawn", "[render]") {
  svg::LabelPlacer placer;
  placer.add_segment({0, 10}, {100, 10}, 8);  // a path through the first candidate
  const std::vector<svg::Box> candidates{{20, 0, 40, 20}, {20, 30, 40, 50}};
  CHECK(placer.place(candidates) == 1);
  // The placed label is an obstacle now: the same spot is not chosen twice.
  CHECK(placer.place({{20, 30, 40, 50}, {60, 30, 80, 50}}) == 1);
}

TEST_CASE("a network without positions gets a deterministic layout that keeps neighbours close", "[render]") {
  const Instance inst = read_instance(CNNPLACE_SOURCE_DIR "/instances/samples/edges-asymmetric.json");
  const Layout a = layout_network(inst.network), b = layout_network(inst.network);
  REQUIRE(a.computed);
  REQUIRE(a.position.size() == static_cast<std::size_t>(inst.network.node_count()));
  for (std::size_t k = 0; k < a.position.size(); ++k) {
    CHECK(a.position[k].x == b.position[k].x);
    CHECK(a.position[k].y == b.position[k].y);
    CHECK(std::isfinite(a.position[k].x));
  }
  // Linked nodes are drawn closer together than the farthest pair.
  double farthest = 0, longest_link = 0;
  for (std::size_t i = 0; i < a.position.size(); ++i)
    for (std::size_t j = 0; j < a.position.size(); ++j) farthest = std::max(farthest, distance(a.position[i], a.position[j]));
  for (const Link& l : inst.network.links())
    longest_link = std::max(longest_link, distance(a.position[l.from.index()], a.position[l.to.index()]));
  CHECK(longest_link < farthest);
  // Given positions are kept as they are.
  const Instance fig = read_instance(CNNPLACE_SOURCE_DIR "/instances/samples/figure1.json");
  const Layout given = layout_network(fig.network);
  CHECK_FALSE(given.computed);
  CHECK(given.position[0].x == 10);
}

TEST_CASE("render_svg draws names safely and rejects a placement of the wrong shape", "[render]") {
  InstanceBuilder b("a <tricky> & \"name\"");
  b.technology("wifi4").node("s&f", Point{0, 0}).default_sink("s&f");
  b.unit("u<1>", "stm32h7", {3, 0}).unit("u2", "odroid-c2", {6, 0});
  b.zoo_cnn("c'0", "5layer", "s&f");
  const Instance inst = b.build();
  const std::string svg = render_svg(inst, std::nullopt);
  CHECK(svg.find("u&lt;1&gt;") != std::string::npos);
  CHECK(svg.find("s&amp;f") != std::string::npos);
  CHECK(svg.find("u<1>") == std::string::npos);
  Placement wrong;
  wrong.unit_of = {{UnitId(0)}};
  CHECK_THROWS_AS(render_svg(inst, wrong), InputError);
  Placement right;
  right.unit_of = {{UnitId(1), UnitId(1), UnitId(1), UnitId(0), UnitId(0)}};
  const std::string drawn = render_svg(inst, right);
  CHECK(drawn == render_svg(inst, right));
  CHECK(drawn.find(">L1-L3<") != std::string::npos);
  CHECK(drawn.find(">L4 L5<") != std::string::npos);
}
