// The paper's Section 6 systems. Everything random comes from one Prng stream in a fixed
// order (per attempt: each unit's family, x, y; then each source's x, y; then the sink's),
// and positions are rounded to the millimetre so that written files stay short and read
// back to the very same doubles.
#include "model/generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "model/errors.hpp"
#include "model/prng.hpp"
#include "model/validate.hpp"
#include "model/zoo.hpp"

namespace cnnplace {
namespace {

constexpr int kMaxUnits = 10000;

void check_options(const GeneratorOptions& o) {
  if (o.units < 1 || o.units > kMaxUnits)
    throw InputError("--units", fmt::format("{} units", o.units), fmt::format("give 1 to {} units", kMaxUnits));
  if (o.cnns < 1 || o.cnns > 1000) throw InputError("--cnns", fmt::format("{} CNNs", o.cnns), "give 1 to 1000 CNNs");
  // A source per CNN and the sink are network nodes too: keep the file within what the
  // reader accepts (its limit is also kMaxUnits nodes), or the file we write is refused.
  if (o.units + o.cnns + 1 > kMaxUnits)
    throw InputError("--units", fmt::format("{} units, {} sources and a sink make {} network nodes", o.units, o.cnns,
                                            o.units + o.cnns + 1),
                     fmt::format("the reader takes at most {} nodes: give at most {} units with {} CNNs", kMaxUnits,
                                 kMaxUnits - o.cnns - 1, o.cnns));
  if (o.mix.empty()) throw InputError("--mix", "the mix names no family", "give e.g. 50-50 or stm32h7=0.5,rpi3b+=0.5");
  double total = 0;
  for (const auto& [family, share] : o.mix) {
    zoo().family(family, "--mix");
    if (!(share >= 0) || !std::isfinite(share))
      throw InputError("--mix", fmt::format("the share of {} is {}", family, share), "give shares of 0 or more");
    total += share;
  }
  if (!(total > 0)) throw InputError("--mix", "the shares sum to 0", "give at least one positive share");
  if (o.cnn_kinds.empty()) throw InputError("--cnn", "no CNN kind given", "give a zoo CNN such as 5layer");
  for (const std::string& kind : o.cnn_kinds) zoo().cnn(kind, "--cnn");
  if (o.shared_first < 0) throw InputError("--shared", "a negative number of shared layers", "give 0 or more");
  if (o.shared_first > 0 && o.cnns < 2)
    throw InputError("--shared", "sharing layers needs at least two CNNs", "add --cnns 2, or drop --shared");
  if (o.layer_limit < 0) throw InputError("--L", fmt::format("L is {}", o.layer_limit), "give 0 or more, or unlimited");
  if (!(o.side_m > 0) || !std::isfinite(o.side_m)) throw InputError("--side", fmt::format("side {} m", o.side_m), "give a positive side");
  if (o.range_m && (!(*o.range_m >= 0) || !std::isfinite(*o.range_m)))
    throw InputError("--range", fmt::format("range {} m", *o.range_m), "give a range of 0 m or more");
  if (o.input_bytes && (!(*o.input_bytes >= 0) || *o.input_bytes > kMaxQuantity))
    throw InputError("--input", fmt::format("input size {}", *o.input_bytes), "give a size of 0 bytes or more");
  if (o.max_attempts < 1) throw InputError("max_attempts", "no attempt allowed", "allow at least one draw");
}

// Component label of every node (labels numbered in order of each component's first node).
std::vector<int> components(std::size_t n, const std::vector<Link>& links, int& count) {
  std::vector<std::vector<std::size_t>> next(n);
  for (const Link& l : links) next[l.from.index()].push_back(l.to.index());
  std::vector<int> label(n, -1);
  count = 0;
  for (std::size_t s = 0; s < n; ++s) {
    if (label[s] >= 0) continue;
    std::vector<std::size_t> stack{s};
    label[s] = count;
    while (!stack.empty()) {
      const std::size_t v = stack.back();
      stack.pop_back();
      for (std::size_t w : next[v])
        if (label[w] < 0) label[w] = count, stack.push_back(w);
    }
    ++count;
  }
  return label;
}

bool connected(std::size_t n, const std::vector<Link>& links) {
  int count = 0;
  components(n, links, count);
  return count <= 1;
}

struct Draw {
  std::vector<std::size_t> family;  // index into the mix, per unit
  std::vector<Point> units, sources;
  Point sink;
};

Draw draw_system(Prng& rng, const GeneratorOptions& o, const std::vector<double>& cumulative, double side) {
  auto coordinate = [&] { return std::round(rng.uniform() * side * 1000.0) / 1000.0; };
  Draw d;
  for (int i = 0; i < o.units; ++i) {
    const double r = rng.uniform() * cumulative.back();
    std::size_t f = 0;
    while (f + 1 < cumulative.size() && r >= cumulative[f]) ++f;
    d.family.push_back(f);
    const double x = coordinate();
    d.units.push_back({x, coordinate()});
  }
  for (int u = 0; u < o.cnns; ++u) {
    const double x = coordinate();
    d.sources.push_back({x, coordinate()});
  }
  const double x = coordinate();
  d.sink = {x, coordinate()};
  return d;
}

// Nodes in the order the instance reader makes them: sources, sink, then one per unit.
std::vector<NetworkNode> nodes_of(const Draw& d, const std::vector<std::string>& unit_names) {
  std::vector<NetworkNode> nodes;
  for (std::size_t u = 0; u < d.sources.size(); ++u) nodes.push_back({fmt::format("s{}", u), d.sources[u]});
  nodes.push_back({"f", d.sink});
  for (std::size_t i = 0; i < d.units.size(); ++i) nodes.push_back({unit_names[i], d.units[i]});
  return nodes;
}

Instance build(const GeneratorOptions& o, const Draw& d, std::vector<NetworkNode> nodes, std::vector<Link> links) {
  Instance inst;
  inst.name = fmt::format("random-{}u-{}-seed{}", o.units, o.technology, o.seed);
  inst.processing_weight = o.processing_weight;
  const int first_unit_node = o.cnns + 1;
  for (int i = 0; i < o.units; ++i) {
    const UnitFamily& f = zoo().family(o.mix[d.family[i]].first, "--mix");
    inst.units.push_back(Unit{nodes[first_unit_node + i].name, f.name, NodeId(first_unit_node + i), f.memory_bytes,
                              f.compute_mults, f.speed_mults_per_s, o.layer_limit});
  }
  for (int u = 0; u < o.cnns; ++u) {
    const CnnSpec& spec = zoo().cnn(o.cnn_kinds[u % o.cnn_kinds.size()], "--cnn");
    inst.cnns.push_back(Cnn{fmt::format("cnn{}", u), spec.name, o.input_bytes.value_or(spec.input_bytes), spec.layers,
                            NodeId(u), NodeId(o.cnns)});
  }
  for (int j = 0; j < o.shared_first; ++j) {
    SharedGroup g;
    for (int u = 0; u < o.cnns; ++u) {
      if (j >= inst.cnns[u].size())
        throw InputError("--shared", fmt::format("{} has only {} layers", inst.cnns[u].name, inst.cnns[u].size()),
                         "share at most as many layers as the shortest CNN has");
      g.members.push_back(LayerRef{CnnId(u), j});
    }
    inst.shared_groups.push_back(std::move(g));
  }
  inst.network = Network(std::move(nodes), std::move(links));
  return inst;
}

// Redraws, in node order (sources, sink, units), the position of every node outside the
// largest component (ties: the component met first). Returns how many moved (0: connected).
int resample_outside_largest(Prng& rng, Draw& d, std::size_t n, const std::vector<Link>& links, double side) {
  int count = 0;
  const std::vector<int> label = components(n, links, count);
  if (count <= 1) return 0;
  std::vector<int> size(count, 0);
  for (int l : label) ++size[l];
  const int keep = static_cast<int>(std::max_element(size.begin(), size.end()) - size.begin());
  auto coordinate = [&] { return std::round(rng.uniform() * side * 1000.0) / 1000.0; };
  int moved = 0;
  for (std::size_t v = 0; v < n; ++v) {
    if (label[v] == keep) continue;
    Point& p = v < d.sources.size() ? d.sources[v] : v == d.sources.size() ? d.sink : d.units[v - d.sources.size() - 1];
    const double x = coordinate();
    p = {x, coordinate()};
    ++moved;
  }
  return moved;
}

}  // namespace

double generator_side(const GeneratorOptions& o) {
  return o.scale_density ? 30.0 * std::sqrt(o.units / 30.0) : o.side_m;
}

Instance generate(const GeneratorOptions& o, GenerationReport* report) {
  check_options(o);
  const Technology& tech = zoo().technology(o.technology, "--tech");
  const double range = o.range_m.value_or(tech.range_m);
  const double side = generator_side(o);
  std::vector<double> cumulative;
  for (const auto& [family, share] : o.mix) cumulative.push_back((cumulative.empty() ? 0 : cumulative.back()) + share);
  const int digits = std::max(2, static_cast<int>(std::to_string(o.units).size()));
  std::vector<std::string> unit_names;
  for (int i = 1; i <= o.units; ++i) unit_names.push_back(fmt::format("n{:0{}}", i, digits));

  Prng rng(o.seed);
  auto finish = [&](const Draw& d, std::vector<NetworkNode> nodes, std::vector<Link> links, GenerationReport rep) {
    Instance inst = build(o, d, std::move(nodes), std::move(links));
    try {
      validate(inst);
    } catch (const InputError& e) {
      throw InputError("--shared", e.problem(), e.fix());  // the only option validate can object to
    }
    if (report) *report = rep;
    return inst;
  };
  if (o.connect == Connect::resample) {
    Draw d = draw_system(rng, o, cumulative, side);
    GenerationReport rep;
    for (int round = 0; round < o.max_attempts; ++round) {
      auto nodes = nodes_of(d, unit_names);
      auto links = unit_disk_links(nodes, range, tech.rate_bps);
      if (const int moved = resample_outside_largest(rng, d, nodes.size(), links, side)) {
        rep.draws += 1;
        rep.resampled_nodes += moved;
        continue;
      }
      return finish(d, std::move(nodes), std::move(links), rep);
    }
  } else {
    for (int attempt = 0; attempt < o.max_attempts; ++attempt) {
      const Draw d = draw_system(rng, o, cumulative, side);
      auto nodes = nodes_of(d, unit_names);
      auto links = unit_disk_links(nodes, range, tech.rate_bps);
      if (!connected(nodes.size(), links)) continue;
      return finish(d, std::move(nodes), std::move(links), GenerationReport{attempt + 1, 0});
    }
  }
  throw InputError("--units",
                   fmt::format("no connected system in {} {} of {} units in a {:.4g} m square with a {:.4g} m range",
                               o.max_attempts, o.connect == Connect::redraw ? "draws" : "rounds of resampling", o.units, side, range),
                   o.connect == Connect::redraw
                       ? "add units (--units), widen the range (--range), shrink the square (--side), use "
                         "--scale-density, or --connect resample (redraws only the disconnected nodes)"
                       : "widen the range (--range) or allow more rounds (--max-attempts)");
}

}  // namespace cnnplace
