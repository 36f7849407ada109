// The picture is drawn in layers, back to front: links, the CNNs' paths, the nodes, the
// labels, then the legend. Each CNN's path is the chain of its transfers (source -> layer 1,
// layer j -> layer j+1, exits -> sink), each drawn along the route the data takes through
// the network (Network::route), so a transfer that needs a relay bends through it as in the
// paper's Figure 2b. Paths of different CNNs over the same link are drawn side by side.
#include "render/svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <set>

#include "model/errors.hpp"
#include "model/evaluate.hpp"
#include "model/quantity.hpp"
#include "model/zoo.hpp"
#include "render/labels.hpp"
#include "render/layout.hpp"
#include "render/svg_text.hpp"

namespace cnnplace {
namespace {

using svg::escape;
using svg::num;

constexpr double kPi = std::numbers::pi;
constexpr const char* kFont = "DejaVu Sans, Verdana, Arial, sans-serif";
constexpr std::size_t kNamedUnits = 60;
constexpr double kMargin = 36, kTitleHeight = 50, kLegendWidth = 330, kLineHeight = 17;
const std::vector<const char*> kCnnColours{"#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e",
                                          "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"};

enum class Shape { circle, square, diamond, hexagon, triangle, pentagon };

struct FamilyStyle {
  Shape shape;
  std::string fill, stroke, label;
};

// The paper's Figure 1b: STM32H7 round, Odroid-C2 square; the rest get their own shapes.
std::map<std::string, FamilyStyle> family_styles(const Instance& inst) {
  std::map<std::string, FamilyStyle> styles{
      {"stm32h7", {Shape::circle, "#ffe8a3", "#a07000", "STM32H7"}},
      {"odroid-c2", {Shape::square, "#bcd7f0", "#2f5f8a", "Odroid-C2"}},
      {"rpi3b+", {Shape::diamond, "#f6c9c9", "#a33b3b", "Raspberry Pi 3B+"}},
  };
  const std::vector<Shape> shapes{Shape::hexagon, Shape::triangle, Shape::pentagon};
  const std::vector<const char*> fills{"#d5ecc2", "#e3d0f0", "#f0dcc8", "#e6e6e6"};
  std::set<std::string> others;
  for (const Unit& u : inst.units)
    if (!styles.contains(u.family)) others.insert(u.family);
  std::size_t k = 0;
  for (const std::string& f : others) {
    styles[f] = {shapes[k % shapes.size()], fills[k % fills.size()], "#555555", f.empty() ? "custom unit" : f};
    ++k;
  }
  return styles;
}

std::string shape_svg(Shape shape, Point c, double r, const std::string& attrs) {
  auto polygon = [&](int sides, double rotation, double scale) {
    std::string pts;
    for (int k = 0; k < sides; ++k) {
      const double a = rotation + 2 * kPi * k / sides;
      pts += fmt::format("{}{},{}", k ? " " : "", num(c.x + scale * r * std::cos(a)), num(c.y + scale * r * std::sin(a)));
    }
    return fmt::format("<polygon points=\"{}\" {}/>", pts, attrs);
  };
  switch (shape) {
    case Shape::circle: return fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {}/>", num(c.x), num(c.y), num(r), attrs);
    case Shape::square:
      return fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {}/>", num(c.x - 0.9 * r), num(c.y - 0.9 * r),
                         num(1.8 * r), num(1.8 * r), attrs);
    case Shape::diamond: return polygon(4, -kPi / 2, 1.25);
    case Shape::hexagon: return polygon(6, 0, 1.1);
    case Shape::triangle: return polygon(3, -kPi / 2, 1.3);
    case Shape::pentagon: return polygon(5, -kPi / 2, 1.15);
  }
  return {};
}

// Text with a white halo, readable over links and paths.
std::string label(Point at, const std::string& text, const std::string& attrs) {
  return fmt::format("<text x=\"{}\" y=\"{}\" stroke=\"#ffffff\" stroke-width=\"3.5\" stroke-linejoin=\"round\" "
                     "paint-order=\"stroke\" {}>{}</text>",
                     num(at.x), num(at.y), attrs, escape(text));
}

std::string probability(double p) {
  std::string s = fmt::format("{:.4g}", p);
  return s;
}

// "L1", "L1 L2", "L1-L4" for runs of three or more.
std::string layer_list(const std::vector<int>& layers) {
  std::string out;
  for (std::size_t k = 0; k < layers.size();) {
    std::size_t run = k;
    while (run + 1 < layers.size() && layers[run + 1] == layers[run] + 1) ++run;
    if (!out.empty()) out += " ";
    if (run >= k + 2) {
      out += fmt::format("L{}-L{}", layers[k] + 1, layers[run] + 1);
      k = run + 1;
    } else {
      out += fmt::format("L{}", layers[k] + 1);
      ++k;
    }
  }
  return out;
}

struct Transfer {
  std::vector<Point> points;  // in pixels, along the route
  bool exit = false;          // an early exit to the sink (dashed)
  double probability;         // of the data crossing
  bool labelled = false;      // show the probability: where it drops (after a gate) and on exits
  std::string title;
};

class Picture {
 public:
  Picture(const Instance& inst, const std::optional<Placement>& placement, const RenderOptions& options)
      : inst_(inst), placement_(placement), options_(options), styles_(family_styles(inst)) {
    if (placement_) {
      check_shape();
      for (const SharedGroup& g : inst_.shared_groups)
        for (const LayerRef& r : g.members) shared_units_.insert(placement_->unit_of[r.cnn.index()][r.layer].index());
    }
    place_nodes();
    if (placement_)
      for (std::size_t u = 0; u < inst_.cnns.size(); ++u) paths_.push_back(transfers(u));
    collect_obstacles();
  }

  std::string draw() {
    std::string body;
    draw_links(body);
    for (std::size_t u = 0; u < paths_.size(); ++u) draw_cnn(u, body);
    draw_nodes(body);
    if (placement_) draw_layer_labels(body);
    for (std::size_t u = 0; u < paths_.size(); ++u) draw_probabilities(u, body);
    draw_scale_bar(body);
    double height = plot_bottom_ + kMargin;
    std::string legend;
    if (options_.legend) height = std::max(height, draw_legend(legend) + kMargin);
    const double width = legend_x() + (options_.legend ? kLegendWidth : 0) + kMargin;
    std::string out = fmt::format(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{0}\" height=\"{1}\" "
        "viewBox=\"0 0 {0} {1}\" font-family=\"{2}\" font-size=\"12\">\n",
        num(width), num(height), kFont);
    out += fmt::format("<title>{}</title>\n", escape(title()));
    out += defs();
    out += fmt::format("<rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n", num(width), num(height));
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"17\" font-weight=\"bold\">{}</text>\n", num(kMargin),
                       num(kMargin - 6), escape(title()));
    if (!options_.caption.empty())
      out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#444444\">{}</text>\n", num(kMargin),
                         num(kMargin + 12), escape(options_.caption));
    out += body + legend + "</svg>\n";
    return out;
  }

 private:
  std::string title() const { return options_.title.empty() ? inst_.name : options_.title; }
  double legend_x() const { return plot_right_ + 40; }
  std::string colour(std::size_t u) const { return kCnnColours[u % kCnnColours.size()]; }

  void check_shape() const {
    const auto& rows = placement_->unit_of;
    bool ok = rows.size() == inst_.cnns.size();
    for (std::size_t u = 0; ok && u < rows.size(); ++u) {
      ok = static_cast<int>(rows[u].size()) == inst_.cnns[u].size();
      for (UnitId i : rows[u]) ok = ok && i.valid() && i.value < inst_.unit_count();
    }
    if (!ok)
      throw InputError("placement", "the placement does not fit the instance",
                       "give one existing unit for every layer of every CNN");
  }

  // Pixel positions: the layout scaled into the plot area (y up, as on a map); units that
  // sit on a declared node (for example at the source) are drawn in a ring around it.
  void place_nodes() {
    const Layout layout = layout_network(inst_.network);
    computed_layout_ = layout.computed;
    double min_x = INFINITY, max_x = -INFINITY, min_y = INFINITY, max_y = -INFINITY;
    for (const Point& p : layout.position) {
      min_x = std::min(min_x, p.x), max_x = std::max(max_x, p.x);
      min_y = std::min(min_y, p.y), max_y = std::max(max_y, p.y);
    }
    const double span = std::max({max_x - min_x, max_y - min_y, 1e-9});
    scale_ = options_.plot_px / span;
    const double top = kMargin + kTitleHeight, left = kMargin + 10;
    for (const Point& p : layout.position) node_px_.push_back({left + (p.x - min_x) * scale_, top + (max_y - p.y) * scale_});
    plot_right_ = left + (max_x - min_x) * scale_ + 60;
    plot_bottom_ = top + (max_y - min_y) * scale_ + 40;
    // Node size: a third of the closest distance between two nodes, within [7, 13] px.
    double closest = INFINITY;
    for (std::size_t a = 0; a < node_px_.size(); ++a)
      for (std::size_t b = a + 1; b < node_px_.size() && node_px_.size() <= 3000; ++b)
        closest = std::min(closest, std::hypot(node_px_[a].x - node_px_[b].x, node_px_[a].y - node_px_[b].y));
    radius_ = std::clamp(std::isfinite(closest) ? closest / 3 : 12.0, 7.0, 13.0);
    std::map<NodeId, std::vector<std::size_t>> on_node;
    for (std::size_t i = 0; i < inst_.units.size(); ++i) on_node[inst_.units[i].node].push_back(i);
    unit_px_.resize(inst_.units.size());
    for (const auto& [node, units] : on_node) {
      const bool own = units.size() == 1 && inst_.network.node(node).name == inst_.units[units[0]].name;
      for (std::size_t k = 0; k < units.size(); ++k) {
        const double a = -kPi / 4 + 2 * kPi * static_cast<double>(k) / static_cast<double>(units.size());
        const Point c = node_px_[node.index()];
        unit_px_[units[k]] = own ? c : Point{c.x + 2.6 * radius_ * std::cos(a), c.y + 2.6 * radius_ * std::sin(a)};
      }
    }
  }

  std::string defs() const {
    std::string out = "<defs>\n";
    for (std::size_t u = 0; u < std::min(inst_.cnns.size(), kCnnColours.size()); ++u)
      out += fmt::format("  <marker id=\"arrow{}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"4.5\" "
                         "markerHeight=\"4.5\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{}\"/></marker>\n",
                         u, colour(u));
    out += "  <marker id=\"arrow-link\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" "
           "orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#b0b0b0\"/></marker>\n";
    return out + "</defs>\n";
  }

  void draw_links(std::string& out) const {
    std::set<std::pair<int, int>> both, drawn;
    for (const Link& l : inst_.network.links()) both.insert({l.from.value, l.to.value});
    out += "<g id=\"links\" stroke=\"#c4c4c4\" stroke-width=\"1.3\">\n";
    for (const Link& l : inst_.network.links()) {
      const auto key = std::minmax(l.from.value, l.to.value);
      if (!drawn.insert(key).second) continue;
      const bool one_way = !both.contains({l.to.value, l.from.value});
      std::vector<Point> pts{node_px_[l.from.index()], node_px_[l.to.index()]};
      if (one_way) pts = svg::trim(pts, 0, radius_ + 2);
      out += fmt::format("  <path d=\"{}\"{}><title>{} - {}</title></path>\n", svg::path_data(pts),
                         one_way ? " marker-end=\"url(#arrow-link)\"" : "", escape(inst_.network.node(l.from).name),
                         escape(inst_.network.node(l.to).name));
    }
    out += "</g>\n";
  }

  std::vector<Point> route_points(NodeId from, Point from_px, NodeId to, Point to_px) const {
    std::vector<Point> pts{from_px};
    const std::vector<NodeId> route = inst_.network.route(from, to);
    for (std::size_t k = 1; k + 1 < route.size(); ++k) pts.push_back(node_px_[route[k].index()]);
    pts.push_back(to_px);
    return pts;
  }

  std::vector<Transfer> transfers(std::size_t u) const {
    const Cnn& c = inst_.cnns[u];
    const auto& row = placement_->unit_of[u];
    auto unit_node = [&](int j) { return inst_.units[row[j].index()].node; };
    auto unit_px = [&](int j) { return unit_px_[row[j].index()]; };
    auto name = [&](int j) { return inst_.units[row[j].index()].name; };
    std::vector<Transfer> out;
    // Lanes: every transfer keeps to the right of its direction of travel, so a route walked
    // both ways shows as two lines; CNN u drives in lane u.
    // Exits take a lane of their own beside it.
    const double lane = -(3.0 + 7.0 * static_cast<double>(u)), exit_lane = lane - 3.5;
    double shown = 1;  // the probability the drawn path last showed (or implied: 1 at the source)
    auto add = [&](std::vector<Point> pts, bool exit, double p, std::string title) {
      if (pts.size() == 2 && std::hypot(pts[0].x - pts[1].x, pts[0].y - pts[1].y) < 1e-6) return;  // same unit
      const bool labelled = exit || std::fabs(p - shown) > 1e-12;
      if (!exit) shown = p;
      pts = svg::trim(svg::offset(pts, exit ? exit_lane : lane), radius_ * 0.6, radius_ + 3);
      out.push_back({std::move(pts), exit, p, labelled, std::move(title)});
    };
    add(route_points(c.source, node_px_[c.source.index()], unit_node(0), unit_px(0)), false, 1,
        fmt::format("{}: input {} from {} to L1 on {}", c.name, format_bytes(c.input_bytes),
                    inst_.network.node(c.source).name, name(0)));
    for (int j = 0; j < c.size(); ++j) {
      const bool last = j + 1 == c.size();
      const double g = c.exit_probability(j);
      if (!last)
        add(route_points(unit_node(j), unit_px(j), unit_node(j + 1), unit_px(j + 1)), false, c.layers[j + 1].probability,
            fmt::format("{}: {} from L{} on {} to L{} on {} (probability {})", c.name,
                        format_bytes(c.layers[j].output_bytes), j + 1, name(j), j + 2, name(j + 1),
                        probability(c.layers[j + 1].probability)));
      if (g > 0 || last)
        add(route_points(unit_node(j), unit_px(j), c.sink, node_px_[c.sink.index()]), !last, g,
            fmt::format("{}: decision {} from L{} on {} to the sink {} (probability {})", c.name,
                        format_bytes(c.decision_bytes()), j + 1, name(j), inst_.network.node(c.sink).name,
                        probability(g)));
    }
    return out;
  }

  void draw_cnn(std::size_t u, std::string& out) const {
    out += fmt::format("<g id=\"cnn-{}\" class=\"cnn-path\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.6\" "
                       "stroke-linejoin=\"round\">\n",
                       escape(inst_.cnns[u].name), colour(u));
    for (const Transfer& t : paths_[u])
      out += fmt::format("  <path d=\"{}\" marker-end=\"url(#arrow{})\"{}><title>{}</title></path>\n",
                         svg::path_data(t.points), u % kCnnColours.size(), t.exit ? " stroke-dasharray=\"7 4\"" : "",
                         escape(t.title));
    out += "</g>\n";
  }

  // Probabilities where they change: on each exit, and on the transfer after a gate.
  void draw_probabilities(std::size_t u, std::string& out) {
    std::string labels;
    for (const Transfer& t : paths_[u]) {
      if (!t.labelled) continue;
      const std::string text = probability(t.probability);
      const double w = svg::text_width(text, 11) + 4, h = 13;
      std::vector<svg::Box> boxes;
      std::vector<Point> centres;
      for (double f : {0.5, 0.35, 0.65, 0.2, 0.8})
        for (double side : {1.0, -1.0}) {
          Point dir;
          const Point p = svg::along(t.points, f, &dir);
          const Point c{p.x - dir.y * side * 11, p.y + dir.x * side * 11};
          centres.push_back(c);
          boxes.push_back({c.x - w / 2, c.y - h / 2, c.x + w / 2, c.y + h / 2});
        }
      const Point c = centres[placer_.place(boxes)];
      labels += "  " + label({c.x, c.y + 4}, text, fmt::format("fill=\"{}\" text-anchor=\"middle\"", colour(u))) + "\n";
    }
    if (!labels.empty())
      out += "<g class=\"probabilities\" font-size=\"11\" font-style=\"italic\" font-weight=\"bold\">\n" + labels + "</g>\n";
  }

  // What labels should not cover: paths most, then nodes and their names, then links.
  void collect_obstacles() {
    for (const Link& l : inst_.network.links()) placer_.add_segment(node_px_[l.from.index()], node_px_[l.to.index()], 1);
    for (const auto& transfers : paths_)
      for (const Transfer& t : transfers)
        for (std::size_t k = 1; k < t.points.size(); ++k) placer_.add_segment(t.points[k - 1], t.points[k], 8);
    auto node_box = [&](Point c, const std::string& name) {
      placer_.add_box({c.x - radius_ - 2, c.y - radius_ - 2, c.x + radius_ + 2, c.y + radius_ + 2}, 12);
      const double w = svg::text_width(name, 10) / 2 + 3;
      placer_.add_box({c.x - w, c.y + radius_ + 1, c.x + w, c.y + radius_ + 15}, 12);
    };
    for (std::size_t i = 0; i < inst_.units.size(); ++i) node_box(unit_px_[i], inst_.units[i].name);
    for (std::size_t n = 0; n < node_px_.size(); ++n) node_box(node_px_[n], inst_.network.nodes()[n].name);
  }

  std::string node_roles(NodeId n) const {
    bool source = false, sink = false;
    for (const Cnn& c : inst_.cnns) source |= c.source == n, sink |= c.sink == n;
    return source && sink ? "s f" : source ? "s" : sink ? "f" : "";
  }

  // In large networks only the units that run a layer are named (the others keep a tooltip).
  bool name_shown(std::size_t, bool used) const { return used || inst_.units.size() <= kNamedUnits; }

  void draw_nodes(std::string& out) const {
    std::vector<bool> used(inst_.units.size(), !placement_);
    if (placement_)
      for (const auto& row : placement_->unit_of)
        for (UnitId i : row) used[i.index()] = true;
    std::vector<bool> unit_node(inst_.network.nodes().size(), false);
    for (const Unit& unit : inst_.units) unit_node[unit.node.index()] = unit.name == inst_.network.node(unit.node).name;
    out += "<g id=\"nodes\">\n";
    // Declared nodes: sources and sinks as labelled boxes, relays as small dots.
    for (std::size_t n = 0; n < node_px_.size(); ++n) {
      if (unit_node[n]) continue;
      const NodeId id(n);
      const Point c = node_px_[n];
      const std::string roles = node_roles(id), name = inst_.network.node(id).name;
      if (roles.empty()) {
        out += fmt::format("  <g id=\"node-{}\"><circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#9a9a9a\"/>{}</g>\n",
                           escape(name), num(c.x), num(c.y), num(radius_ * 0.4),
                           label({c.x, c.y + radius_ * 0.4 + 11}, name, "font-size=\"10\" fill=\"#555555\" text-anchor=\"middle\""));
        continue;
      }
      const double h = std::max(1.7 * radius_, 16.0), w = roles.size() > 1 ? 1.45 * h : h;
      out += fmt::format("  <g id=\"node-{}\"><title>{}: {}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" "
                         "fill=\"#333333\"/><text x=\"{}\" y=\"{}\" fill=\"#ffffff\" font-weight=\"bold\" "
                         "text-anchor=\"middle\">{}</text>{}</g>\n",
                         escape(name), escape(name), roles == "s f" ? "source and sink" : roles == "s" ? "source" : "sink",
                         num(c.x - w / 2), num(c.y - h / 2), num(w), num(h), num(c.x), num(c.y + 4), roles,
                         label({c.x, c.y + h / 2 + 12}, name, "font-size=\"10\" fill=\"#333333\" text-anchor=\"middle\""));
    }
    for (std::size_t i = 0; i < inst_.units.size(); ++i) {
      const Unit& unit = inst_.units[i];
      const FamilyStyle& st = styles_.at(unit.family);
      const Point c = unit_px_[i];
      std::string extra;
      if (shared_units_.contains(i))
        extra = shape_svg(st.shape, c, radius_ + 4, "fill=\"none\" stroke=\"#333333\" stroke-width=\"1.4\"");
      const std::string roles = unit_node[unit.node.index()] ? node_roles(unit.node) : "";
      std::string badge;
      if (!roles.empty())
        badge = label({c.x, c.y + 4}, roles, "font-weight=\"bold\" text-anchor=\"middle\" fill=\"#000000\"");
      out += fmt::format("  <g id=\"unit-{}\" class=\"unit\"{}><title>{} ({}): memory {}, speed {}/s, L = {}</title>{}{}{}{}</g>\n",
                         escape(unit.name), used[i] ? "" : " opacity=\"0.5\"", escape(unit.name), escape(st.label),
                         unit.memory_bytes == kUnlimited ? "unlimited" : format_bytes(unit.memory_bytes),
                         format_count(unit.speed_mults_per_s),
                         unit.layer_limit == kUnlimitedLayers ? "unlimited" : std::to_string(unit.layer_limit), extra,
                         shape_svg(st.shape, c, radius_, fmt::format("fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"", st.fill, st.stroke)),
                         badge, name_shown(i, used[i]) ? label({c.x, c.y + radius_ + 12}, unit.name,
                                                              "font-size=\"10\" fill=\"#333333\" text-anchor=\"middle\"")
                                                        : "");
    }
    out += "</g>\n";
  }

  // On each unit, its layers: "L2 L3" in the colour of their CNN; a shared group once, in
  // black, with "shared" (the unit also gets a ring, drawn with the node).
  void draw_layer_labels(std::string& out) {
    std::map<std::pair<int, int>, std::size_t> group_of;
    for (std::size_t g = 0; g < inst_.shared_groups.size(); ++g)
      for (const LayerRef& r : inst_.shared_groups[g].members) group_of[{r.cnn.value, r.layer}] = g;
    out += "<g id=\"layer-labels\" font-size=\"12\" font-weight=\"bold\">\n";
    for (std::size_t i = 0; i < inst_.units.size(); ++i) {
      std::vector<std::pair<std::string, std::string>> lines;  // text, colour
      std::vector<int> shared;
      std::set<std::size_t> groups_seen;
      for (std::size_t u = 0; u < inst_.cnns.size(); ++u) {
        std::vector<int> own;
        for (int j = 0; j < inst_.cnns[u].size(); ++j) {
          if (placement_->unit_of[u][j].index() != i) continue;
          auto g = group_of.find({static_cast<int>(u), j});
          if (g == group_of.end()) own.push_back(j);
          else if (groups_seen.insert(g->second).second) shared.push_back(j);
        }
        if (!own.empty()) lines.emplace_back(layer_list(own), colour(u));
      }
      if (!shared.empty()) lines.insert(lines.begin(), {layer_list(shared) + " shared", "#222222"});
      if (lines.empty()) continue;
      const Point c = unit_px_[i];
      double w = 0;
      for (const auto& line : lines) w = std::max(w, svg::text_width(line.first, 12, true));
      const double h = 14 * static_cast<double>(lines.size()), gap = radius_ + 4;
      // East, west, then the four diagonals and north (the name is below the node).
      const std::vector<svg::Box> boxes{
          {c.x + gap, c.y - h / 2, c.x + gap + w, c.y + h / 2},
          {c.x - gap - w, c.y - h / 2, c.x - gap, c.y + h / 2},
          {c.x + 0.6 * radius_, c.y - gap - h, c.x + 0.6 * radius_ + w, c.y - gap},
          {c.x - 0.6 * radius_ - w, c.y - gap - h, c.x - 0.6 * radius_, c.y - gap},
          {c.x + 0.7 * radius_, c.y + gap, c.x + 0.7 * radius_ + w, c.y + gap + h},
          {c.x - 0.7 * radius_ - w, c.y + gap, c.x - 0.7 * radius_, c.y + gap + h},
          {c.x - w / 2, c.y - gap - h, c.x + w / 2, c.y - gap},
      };
      const svg::Box& b = boxes[placer_.place(boxes)];
      out += fmt::format("  <g id=\"labels-{}\">", escape(inst_.units[i].name));
      for (std::size_t k = 0; k < lines.size(); ++k)
        out += label({b.x0, b.y0 + 11 + 14 * static_cast<double>(k)}, lines[k].first,
                     fmt::format("fill=\"{}\"", lines[k].second));
      out += "</g>\n";
    }
    out += "</g>\n";
  }

  void draw_scale_bar(std::string& out) const {
    if (computed_layout_) {
      out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#666666\">layout computed from hop distances "
                         "(the instance gives no positions)</text>\n",
                         num(kMargin), num(plot_bottom_));
      return;
    }
    double metres = 1;
    for (double step : {1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0})
      if (step * scale_ <= options_.plot_px / 4) metres = step;
    const double x = kMargin, y = plot_bottom_, len = metres * scale_;
    out += fmt::format("<g id=\"scale\" stroke=\"#666666\" stroke-width=\"1.2\"><path d=\"M{0},{1} L{0},{2} L{3},{2} L{3},{1}\" "
                       "fill=\"none\"/><text x=\"{4}\" y=\"{5}\" stroke=\"none\" fill=\"#666666\" font-size=\"11\" "
                       "text-anchor=\"middle\">{6} m</text></g>\n",
                       num(x), num(y - 4), num(y), num(x + len), num(x + len / 2), num(y - 6), metres);
  }

  // The legend; returns its bottom edge.
  double draw_legend(std::string& out) const {
    const double x = legend_x();
    double y = kMargin + kTitleHeight;
    out += "<g id=\"legend\">\n";
    auto heading = [&](const std::string& text) {
      out += fmt::format("  <text x=\"{}\" y=\"{}\" font-weight=\"bold\">{}</text>\n", num(x), num(y), escape(text));
      y += kLineHeight;
    };
    auto entry = [&](const std::string& symbol, const std::string& text, const std::string& attrs = "") {
      out += "  " + symbol + fmt::format("<text x=\"{}\" y=\"{}\" {}>{}</text>\n", num(x + 30), num(y + 4), attrs, escape(text));
      y += kLineHeight + 2;
    };
    heading("Units");
    std::set<std::string> families;
    for (const Unit& u : inst_.units) families.insert(u.family);
    for (const std::string& f : families) {
      const FamilyStyle& st = styles_.at(f);
      std::string text = st.label;
      if (auto it = zoo().families.find(f); it != zoo().families.end())
        text += fmt::format(" ({}, {} mult/s)", format_bytes(it->second.memory_bytes), format_count(it->second.speed_mults_per_s));
      entry(shape_svg(st.shape, {x + 10, y}, 7, fmt::format("fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"", st.fill, st.stroke)), text);
    }
    if (placement_)
      entry(fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"7\" fill=\"#dddddd\" stroke=\"#888888\" stroke-width=\"1.5\" opacity=\"0.5\"/>",
                        num(x + 10), num(y)),
            "faded: runs no layer (may relay)");
    entry(fmt::format("<rect x=\"{}\" y=\"{}\" width=\"20\" height=\"14\" rx=\"3\" fill=\"#333333\"/><text x=\"{}\" y=\"{}\" "
                      "fill=\"#ffffff\" font-weight=\"bold\" font-size=\"10\" text-anchor=\"middle\">s f</text>",
                      num(x), num(y - 7), num(x + 10), num(y + 3.5)),
          "source s, sink f");
    std::string link_text = "link";
    if (inst_.network.uniform_rate() && !inst_.network.links().empty()) link_text += " (" + format_rate(inst_.network.rate_if_uniform()) + ")";
    entry(fmt::format("<path d=\"M{},{} L{},{}\" stroke=\"#c4c4c4\" stroke-width=\"1.3\"/>", num(x), num(y), num(x + 20), num(y)),
          link_text);
    if (placement_) draw_cnn_legend(out, x, y);
    out += "</g>\n";
    return y;
  }

  void draw_cnn_legend(std::string& out, double x, double& y) const {
    y += 8;
    out += fmt::format("  <text x=\"{}\" y=\"{}\" font-weight=\"bold\">CNNs (expected latency t = t_t + t_p)</text>\n", num(x), num(y));
    y += kLineHeight;
    const Evaluation ev = evaluate(inst_, *placement_);
    const bool list_layers = inst_.layer_count() <= 40;
    for (std::size_t u = 0; u < inst_.cnns.size(); ++u) {
      const Cnn& c = inst_.cnns[u];
      const LatencyBreakdown& b = ev.per_cnn[u];
      out += fmt::format("  <path d=\"M{},{} L{},{}\" stroke=\"{}\" stroke-width=\"2.6\" marker-end=\"url(#arrow{})\"/>", num(x),
                         num(y - 4), num(x + 22), num(y - 4), colour(u), u % kCnnColours.size());
      out += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"{}\" font-weight=\"bold\">{}{}</text>", num(x + 30), num(y), colour(u),
                         escape(c.name), c.kind.empty() ? "" : " (" + escape(c.kind) + ")");
      out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{} ms</text>\n", num(x + kLegendWidth - 10), num(y),
                         fmt::format("{:.2f}", b.total() * 1e3));
      y += kLineHeight - 2;
      out += fmt::format("  <text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#444444\">t_t {:.2f} ms + t_p {:.2f} ms ({:.0f} % transfer)</text>\n",
                         num(x + 30), num(y), b.transmission() * 1e3, b.t_processing * 1e3,
                         b.total() > 0 ? 100 * b.transmission() / b.total() : 0.0);
      y += kLineHeight - 2;
      if (!list_layers) continue;
      for (int j = 0; j < c.size(); ++j) {
        out += fmt::format("  <text x=\"{}\" y=\"{}\" font-size=\"11\"><tspan fill=\"{}\" font-weight=\"bold\">L{}</tspan> {} "
                           "<tspan fill=\"#666666\">on {}{}</tspan></text>\n",
                           num(x + 30), num(y), colour(u), j + 1, escape(c.layers[j].name),
                           escape(inst_.units[placement_->unit_of[u][j].index()].name),
                           c.layers[j].probability < 1 ? ", p = " + probability(c.layers[j].probability) : "");
        y += kLineHeight - 3;
      }
      y += 4;
    }
    const std::string ink = "#555555";
    auto sample = [&](const std::string& dash, const std::string& text) {
      out += fmt::format("  <path d=\"M{},{} L{},{}\" stroke=\"{}\" stroke-width=\"2.6\"{}/><text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>\n",
                         num(x), num(y - 4), num(x + 22), num(y - 4), ink, dash, num(x + 30), num(y), escape(text));
      y += kLineHeight;
    };
    sample("", "transfer along its route; 0.01 = probability, where it drops");
    bool exits = false;
    for (const Cnn& c : inst_.cnns)
      for (int j = 0; j + 1 < c.size(); ++j) exits |= c.exit_probability(j) > 0;
    if (exits) sample(" stroke-dasharray=\"7 4\"", "early exit to the sink, with its probability");
    if (!inst_.shared_groups.empty()) {
      out += fmt::format("  <circle cx=\"{}\" cy=\"{}\" r=\"6\" fill=\"#eeeeee\" stroke=\"#555555\"/><circle cx=\"{}\" cy=\"{}\" "
                         "r=\"10\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1.4\"/><text x=\"{}\" y=\"{}\" font-size=\"11\">"
                         "runs shared layers (counted once)</text>\n",
                         num(x + 11), num(y - 4), num(x + 11), num(y - 4), num(x + 30), num(y));
      y += kLineHeight + 4;
    }
  }

  const Instance& inst_;
  const std::optional<Placement>& placement_;
  RenderOptions options_;
  std::map<std::string, FamilyStyle> styles_;
  std::vector<Point> node_px_, unit_px_;
  std::set<std::size_t> shared_units_;
  std::vector<std::vector<Transfer>> paths_;  // per CNN
  svg::LabelPlacer placer_;
  double scale_ = 1, radius_ = 12, plot_right_ = 0, plot_bottom_ = 0;
  bool computed_layout_ = false;

};

}  // namespace

std::string render_svg(const Instance& instance, const std::optional<Placement>& placement, const RenderOptions& options) {
  return Picture(instance, placement, options).draw();
}

}  // namespace cnnplace
