// The builder collects names; build() resolves them into ids in the order the file reader
// uses (declared nodes first, then one node per unit), makes the links and validates. Errors
// from validate() name JSON pointers ("/units/3/memory"); they are translated back into the
// builder's terms ("unit n04: memory") so that a library user sees the call to fix.
#include "model/builder.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <regex>

#include "model/errors.hpp"
#include "model/validate.hpp"
#include "model/zoo.hpp"

namespace cnnplace {
namespace {

struct Translation {
  std::vector<std::string> node_names, unit_names, cnn_names;
  const std::vector<Link>* links = nullptr;  // the network's, to name a link by its ends

  std::string where(const std::string& pointer) const {
    static const std::regex part(R"(^/(units|cnns|network/nodes|network/links|shared)/(\d+)(?:/(.*))?$)");
    std::smatch m;
    if (!std::regex_match(pointer, m, part)) return pointer.empty() ? "build" : pointer.substr(1);
    const std::size_t k = std::stoul(m[2].str());
    std::string rest = m[3].str();
    std::string head;
    const std::string kind = m[1].str();
    if (kind == "units" && k < unit_names.size()) {
      head = "unit " + unit_names[k];
    } else if (kind == "network/nodes" && k < node_names.size()) {
      head = "node " + node_names[k];
    } else if (kind == "cnns" && k < cnn_names.size()) {
      head = "cnn " + cnn_names[k];
      static const std::regex layer(R"(^layers/(\d+)(?:/(.*))?$)");
      std::smatch lm;
      if (std::regex_match(rest, lm, layer))
        rest = fmt::format("layer {}{}", std::stoul(lm[1].str()) + 1, lm[2].matched ? ": " + lm[2].str() : "");
    } else if (kind == "network/links" && links && k < links->size() &&
               (*links)[k].from.index() < node_names.size() && (*links)[k].to.index() < node_names.size()) {
      head = fmt::format("link {} -> {}", node_names[(*links)[k].from.index()], node_names[(*links)[k].to.index()]);
    } else if (kind == "shared") {
      head = fmt::format("shared group {}", k + 1);
    } else {
      head = fmt::format("{} {}", kind, k);
    }
    return rest.empty() ? head : head + ": " + rest;
  }
};

NodeId require_node(const std::map<std::string, NodeId>& ids, const std::string& name, const std::string& where) {
  if (auto it = ids.find(name); it != ids.end()) return it->second;
  throw InputError(where, fmt::format("unknown node \"{}\"", name), "add it with node() or unit() first");
}

}  // namespace

InstanceBuilder::InstanceBuilder(std::string name) : name_(std::move(name)) {}

InstanceBuilder& InstanceBuilder::technology(const std::string& name) {
  technology_ = name;
  return *this;
}
InstanceBuilder& InstanceBuilder::rate(double bits_per_second) {
  rate_ = bits_per_second;
  return *this;
}
InstanceBuilder& InstanceBuilder::range(double metres) {
  range_ = metres;
  return *this;
}
InstanceBuilder& InstanceBuilder::link(const std::string& from, const std::string& to,
                                       std::optional<double> bits_per_second, bool directed) {
  links_.push_back({from, to, bits_per_second, directed});
  return *this;
}
InstanceBuilder& InstanceBuilder::layer_limit(int layers) {
  layer_limit_ = layers;
  return *this;
}
InstanceBuilder& InstanceBuilder::processing_weight(ProcessingWeight weight) {
  weight_ = weight;
  return *this;
}
InstanceBuilder& InstanceBuilder::node(const std::string& name, std::optional<Point> position) {
  nodes_.push_back({name, position});
  return *this;
}
InstanceBuilder& InstanceBuilder::unit(UnitSpec spec) {
  units_.push_back(std::move(spec));
  return *this;
}
InstanceBuilder& InstanceBuilder::unit(const std::string& name, const std::string& family, Point position) {
  UnitSpec spec;
  spec.name = name;
  spec.family = family;
  spec.position = position;
  return unit(std::move(spec));
}
InstanceBuilder& InstanceBuilder::units(const std::string& family, const std::string& prefix,
                                        const std::vector<Point>& positions) {
  for (std::size_t k = 0; k < positions.size(); ++k) unit(fmt::format("{}{}", prefix, k + 1), family, positions[k]);
  return *this;
}
InstanceBuilder& InstanceBuilder::default_sink(const std::string& node) {
  default_sink_ = node;
  return *this;
}
InstanceBuilder& InstanceBuilder::zoo_cnn(const std::string& name, const std::string& kind, const std::string& source,
                                          const std::string& sink, std::optional<double> input_bytes) {
  cnns_.push_back({name, kind, source, sink, input_bytes, {}});
  return *this;
}
InstanceBuilder& InstanceBuilder::cnn(const std::string& name, double input_bytes, std::vector<Layer> layers,
                                      const std::string& source, const std::string& sink) {
  cnns_.push_back({name, "", source, sink, input_bytes, std::move(layers)});
  return *this;
}
InstanceBuilder& InstanceBuilder::share(const std::vector<std::pair<std::string, int>>& layers) {
  shared_.push_back(layers);
  return *this;
}
InstanceBuilder& InstanceBuilder::share_first(const std::vector<std::string>& cnns, int count) {
  // A negative count shares nothing, silently: keep it as a group that build() refuses by
  // its layer number ("shared group 1: cnn0 layer -1: cnn0 has 5 layers").
  if (count < 0) {
    std::vector<std::pair<std::string, int>> group;
    for (const std::string& c : cnns) group.emplace_back(c, count);
    shared_.push_back(group);
  }
  for (int j = 1; j <= count; ++j) {
    std::vector<std::pair<std::string, int>> group;
    for (const std::string& c : cnns) group.emplace_back(c, j);
    shared_.push_back(group);
  }
  return *this;
}

Instance InstanceBuilder::build() const {
  Instance inst;
  inst.name = name_;
  inst.processing_weight = weight_;
  Translation names;

  // Nodes: the declared ones, then one per unit that does not sit on a declared node.
  std::vector<NetworkNode> nodes;
  std::map<std::string, NodeId> ids;
  auto add_node = [&](const std::string& name, std::optional<Point> p, const std::string& where) {
    if (name.empty()) throw InputError(where, "the name is empty", "give it a name");
    if (!ids.emplace(name, NodeId(nodes.size())).second)
      throw InputError(where, fmt::format("the name \"{}\" is used twice", name),
                       "give every unit and node a different name");
    // A NaN coordinate is within no range of anything: it would read as a disconnected network.
    if (p && !(std::isfinite(p->x) && std::isfinite(p->y)))
      throw InputError(where + ": position", fmt::format("the position ({}, {}) is not finite", p->x, p->y),
                       "give finite coordinates in metres");
    nodes.push_back({name, p});
    names.node_names.push_back(name);
    return NodeId(nodes.size() - 1);
  };
  for (const NodeSpec& n : nodes_) add_node(n.name, n.position, "node " + n.name);
  for (const UnitSpec& spec : units_) {
    const std::string where = "unit " + spec.name;
    Unit u;
    u.name = spec.name;
    u.family = spec.family;
    const UnitFamily* family = spec.family.empty() ? nullptr : &zoo().family(spec.family, where + ": family");
    if (!family && (!spec.memory_bytes || !spec.speed_mults_per_s))
      throw InputError(where, "a unit without a family needs its memory and speed",
                       "give memory_bytes and speed_mults_per_s, or a family such as \"rpi3b+\"");
    u.memory_bytes = spec.memory_bytes.value_or(family ? family->memory_bytes : 0);
    u.speed_mults_per_s = spec.speed_mults_per_s.value_or(family ? family->speed_mults_per_s : 0);
    u.compute_mults = spec.compute_mults.value_or(family ? family->compute_mults : kUnlimited);
    u.layer_limit = spec.layer_limit.value_or(layer_limit_);
    if (spec.node) {
      if (spec.position)
        throw InputError(where, "a unit has either a position (its own node) or a node, not both", "drop one");
      u.node = require_node(ids, *spec.node, where + ": node");
    } else {
      u.node = add_node(spec.name, spec.position, where);
    }
    inst.units.push_back(u);
    names.unit_names.push_back(spec.name);
  }

  // Links: explicit, or the unit-disk graph.
  std::optional<double> rate = rate_, range = range_;
  if (range && !(*range >= 0 && std::isfinite(*range)))
    throw InputError("range", fmt::format("the range is {} m", *range), "give a finite range of 0 m or more");
  if (!technology_.empty()) {
    const Technology& t = zoo().technology(technology_, "technology");
    if (!rate) rate = t.rate_bps;
    if (!range && links_.empty()) range = t.range_m;
  }
  std::vector<Link> links;
  if (!links_.empty()) {
    if (range_) throw InputError("range", "both a range and explicit links", "give a range or links, not both");
    for (const LinkSpec& l : links_) {
      const std::string where = fmt::format("link {} -> {}", l.from, l.to);
      const NodeId a = require_node(ids, l.from, where), b = require_node(ids, l.to, where);
      if (a == b) throw InputError(where, "the link joins a node to itself", "remove it");
      const std::optional<double> r = l.rate ? l.rate : rate;
      if (!r) throw InputError(where, "the link has no rate", "give a rate here, or rate() or technology()");
      links.push_back({a, b, *r});
      if (!l.directed) links.push_back({b, a, *r});
    }
  } else {
    if (!range || !rate)
      throw InputError("network", "no links: neither explicit links nor a range and a rate",
                       "call technology(\"wifi4\"), or range() and rate(), or link()");
    for (const NetworkNode& n : nodes)
      if (!n.position)
        throw InputError("node " + n.name, "no position, and the network is a unit-disk graph",
                         "give a position in metres, or list the links with link()");
    links = unit_disk_links(nodes, *range, *rate);
  }

  // CNNs.
  std::map<std::string, int> cnn_index;
  for (const CnnEntry& e : cnns_) {
    const std::string where = "cnn " + e.name;
    Cnn c;
    c.name = e.name;
    c.kind = e.kind;
    if (!e.kind.empty()) {
      const CnnSpec& spec = zoo().cnn(e.kind, where + ": kind");
      c.layers = spec.layers;
      c.input_bytes = e.input_bytes.value_or(spec.input_bytes);
    } else {
      c.layers = e.layers;
      c.input_bytes = e.input_bytes.value_or(0);
    }
    for (std::size_t j = 0; j < c.layers.size(); ++j)
      if (c.layers[j].name.empty()) c.layers[j].name = fmt::format("layer{}", j + 1);
    c.source = require_node(ids, e.source, where + ": source");
    const std::string sink = e.sink.empty() ? default_sink_ : e.sink;
    if (sink.empty()) throw InputError(where + ": sink", "no sink", "name the CNN's sink, or call default_sink()");
    c.sink = require_node(ids, sink, where + ": sink");
    if (!cnn_index.emplace(e.name, static_cast<int>(inst.cnns.size())).second)
      throw InputError(where, fmt::format("the name \"{}\" is used twice", e.name), "give every CNN a different name");
    inst.cnns.push_back(std::move(c));
    names.cnn_names.push_back(e.name);
  }

  // Shared groups.
  for (std::size_t g = 0; g < shared_.size(); ++g) {
    SharedGroup group;
    for (const auto& [cnn, layer] : shared_[g]) {
      const std::string where = fmt::format("shared group {}: {} layer {}", g + 1, cnn, layer);
      auto it = cnn_index.find(cnn);
      if (it == cnn_index.end()) throw InputError(where, fmt::format("unknown CNN \"{}\"", cnn), "add the CNN first");
      const Cnn& c = inst.cnns[it->second];
      if (layer < 1 || layer > c.size())
        throw InputError(where, fmt::format("{} has {} layers", cnn, c.size()),
                         fmt::format("number its layers from 1 to {}", c.size()));
      group.members.push_back({CnnId(it->second), layer - 1});
    }
    inst.shared_groups.push_back(std::move(group));
  }

  names.links = &links;
  try {
    validate(inst, nodes, links);
  } catch (const InputError& e) {
    throw InputError(names.where(e.where()), e.problem(), e.fix());
  }
  inst.network = Network(std::move(nodes), std::move(links));
  return inst;
}

}  // namespace cnnplace
