// Reading "cnnplace-instance/1" files (docs/instance-format.md). The reader walks the JSON
// once, builds the Instance in a canonical order (declared network nodes first, then one
// node per unit, in file order) and then calls validate(), whose JSON pointers speak of the
// Instance; PointerMap turns them back into pointers into the file (a unit made by a
// "count" entry, a link made by an edge, a group made by the "first" shortcut).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "model/errors.hpp"
#include "model/instance_io.hpp"
#include "model/json_fields.hpp"
#include "model/json_text.hpp"
#include "model/layer_json.hpp"
#include "model/validate.hpp"
#include "model/zoo.hpp"

namespace cnnplace {
namespace {

namespace jf = json_fields;
using nlohmann::json;

// Each node costs two n x n matrices; beyond this the network no longer fits in memory
// comfortably (10000 nodes = 1.2 GB) and the exact search would not end anyway.
constexpr int kMaxNodes = 10000;
constexpr const char* kFormat = "cnnplace-instance/1";

// Maps pointers into the Instance onto pointers into the file, by longest matching prefix.
class PointerMap {
 public:
  void add(std::string instance_prefix, std::string file_prefix) {
    if (instance_prefix != file_prefix) rules_.emplace_back(std::move(instance_prefix), std::move(file_prefix));
  }
  std::string to_file(const std::string& pointer) const {
    const std::pair<std::string, std::string>* best = nullptr;
    for (const auto& rule : rules_) {
      const std::string& p = rule.first;
      const bool prefix = pointer.compare(0, p.size(), p) == 0 &&
                          (pointer.size() == p.size() || pointer[p.size()] == '/');
      if (prefix && (!best || p.size() > best->first.size())) best = &rule;
    }
    return best ? best->second + pointer.substr(best->first.size()) : pointer;
  }

 private:
  std::vector<std::pair<std::string, std::string>> rules_;
};

std::vector<std::string> zoo_cnn_names() {
  std::vector<std::string> names;
  for (const auto& [name, spec] : zoo().cnns) names.push_back(name);
  return names;
}

std::string at(const std::string& base, std::size_t k) { return fmt::format("{}/{}", base, k); }

void require_rate(double v, const std::string& where, const char* what) {
  if (!(v >= kMinRate) || v > kMaxQuantity)
    throw InputError(where, fmt::format("{} is {:g}; it must be between {:g} and {:g}", what, v, kMinRate, kMaxQuantity),
                     "give a rate in that range, such as \"72.2 Mbps\" (plain numbers are bit/s)");
}

class Reader {
 public:
  explicit Reader(const json& doc) : doc_(doc) {}
  // Everything but the network, which stays as its nodes and links until validated.
  Instance read(const std::string& fallback_name);
  const PointerMap& pointers() const { return map_; }
  const std::vector<NetworkNode>& nodes() const { return nodes_; }
  const std::vector<Link>& links() const { return links_; }
  Network take_network() { return Network(std::move(nodes_), std::move(links_)); }

 private:
  void read_header(const std::string& fallback_name);
  void read_network();
  void read_units();
  void read_unit_entry(const json& e, const std::string& w);
  Unit unit_fields(const json& e, const std::string& w) const;
  void read_links();
  void read_edges(const json& edges, const std::string& w);
  void read_cnns();
  Cnn read_cnn(const json& e, const std::string& w, std::size_t k) const;
  void read_shared();
  LayerRef layer_ref(const json& ref, const std::string& w) const;
  CnnId cnn_named(const json& name, const std::string& w) const;

  NodeId add_node(const std::string& name, std::optional<Point> position, const std::string& where);
  NodeId node_named(const std::string& name, const std::string& where) const;
  static Point position(const json& v, const std::string& w);

  const json& doc_;
  Instance inst_;
  PointerMap map_;
  std::vector<NetworkNode> nodes_;
  std::map<std::string, NodeId> node_ids_;
  std::vector<std::string> node_where_;  // where each node is defined in the file
  std::vector<Link> links_;
  // Units that sit on a named node: resolved once every node is known.
  std::vector<std::tuple<std::size_t, std::string, std::string>> unit_on_node_;
  int default_layers_ = kUnlimitedLayers;
  std::optional<double> rate_, range_;
  bool range_given_ = false;
};

Instance Reader::read(const std::string& fallback_name) {
  read_header(fallback_name);
  read_network();
  read_units();
  read_links();
  read_cnns();
  read_shared();
  return std::move(inst_);
}

void Reader::read_header(const std::string& fallback_name) {
  jf::allow_only(doc_, "", {"$schema", "format", "name", "processing_weight", "L", "sink", "network",
                            "units", "cnns", "shared"});
  if (!jf::has(doc_, "format"))
    throw InputError("/format", "missing field \"format\"",
                     fmt::format("add \"format\": \"{}\" at the top", kFormat));
  const std::string format = jf::string(doc_, "format", "");
  if (format != kFormat)
    throw InputError("/format", fmt::format("unsupported format \"{}\"", format),
                     fmt::format("this version reads \"{}\"", kFormat));
  inst_.name = jf::string(doc_, "name", "", fallback_name);
  const std::string weight = jf::string(doc_, "processing_weight", "", "as-written");
  if (weight == "next-layer") {
    inst_.processing_weight = ProcessingWeight::next_layer;
  } else if (weight != "as-written") {
    throw InputError("/processing_weight", fmt::format("unknown processing weight \"{}\"", weight),
                     "use \"as-written\" (p_j, the default) or \"next-layer\" (p_j+1, model.md erratum 2)");
  }
  default_layers_ = jf::integer_or_unlimited(doc_, "L", "", kUnlimitedLayers);
}

// Network settings and the declared nodes (sources, sinks, relays). Links come later,
// once the units have added their nodes.
void Reader::read_network() {
  const std::string w = "/network";
  const json& net = jf::require(doc_, "network", "");
  jf::allow_only(net, w, {"technology", "rate", "range", "nodes", "edges"});
  if (jf::has(net, "technology")) {
    const Technology& t = zoo().technology(jf::string(net, "technology", w), w + "/technology");
    rate_ = t.rate_bps;
    range_ = t.range_m;
  }
  if (jf::has(net, "rate")) rate_ = jf::quantity(net, "rate", QuantityKind::bit_rate, w);
  if (rate_) require_rate(*rate_, w + (jf::has(net, "rate") ? "/rate" : "/technology"), "the data rate");
  range_given_ = jf::has(net, "range");
  if (range_given_) {
    range_ = jf::quantity(net, "range", QuantityKind::length, w);
    if (*range_ < 0) throw InputError(w + "/range", fmt::format("the range is {} m", *range_), "give a range of 0 m or more");
  }
  if (!jf::has(net, "nodes")) return;
  const json& nodes = net["nodes"];
  jf::require_array(nodes, w + "/nodes");
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    const std::string nw = at(w + "/nodes", k);
    jf::allow_only(nodes[k], nw, {"name", "position"});
    std::optional<Point> p;
    if (jf::has(nodes[k], "position")) p = position(nodes[k]["position"], nw + "/position");
    add_node(jf::string(nodes[k], "name", nw), p, nw);
  }
}

void Reader::read_units() {
  const json& units = jf::require(doc_, "units", "");
  jf::require_array(units, "/units");
  for (std::size_t k = 0; k < units.size(); ++k) read_unit_entry(units[k], at("/units", k));
  for (const auto& [unit, node, where] : unit_on_node_) inst_.units[unit].node = node_named(node, where);
}

// Memory, speed, compute and L of a unit: from its family, then its own fields.
Unit Reader::unit_fields(const json& e, const std::string& w) const {
  Unit u;
  u.family = jf::string(e, "family", w, "");
  const UnitFamily* family = u.family.empty() ? nullptr : &zoo().family(u.family, w + "/family");
  auto capacity = [&](const char* key, QuantityKind kind, std::optional<double> fallback) {
    if (jf::has(e, key) && e[key] == "unlimited") return kUnlimited;
    if (!jf::has(e, key) && !fallback)
      throw InputError(jf::path(w, key), fmt::format("missing field \"{}\" ({})", key, to_string(kind)),
                       fmt::format("add \"{}\", or a \"family\" such as \"rpi3b+\" that gives it", key));
    return jf::quantity(e, key, kind, w, fallback);
  };
  u.memory_bytes = capacity("memory", QuantityKind::bytes, family ? std::optional(family->memory_bytes) : std::nullopt);
  u.speed_mults_per_s = capacity("speed", QuantityKind::speed,
                                 family ? std::optional(family->speed_mults_per_s) : std::nullopt);
  u.compute_mults = capacity("compute", QuantityKind::multiplications, family ? family->compute_mults : kUnlimited);
  u.layer_limit = jf::integer_or_unlimited(e, "L", w, default_layers_);
  return u;
}

void Reader::read_unit_entry(const json& e, const std::string& w) {
  jf::require_object(e, w);
  if (!jf::has(e, "count")) {
    jf::allow_only(e, w, {"name", "family", "memory", "speed", "compute", "L", "position", "node"});
    Unit u = unit_fields(e, w);
    u.name = jf::string(e, "name", w);
    map_.add(at("/units", inst_.units.size()), w);
    if (jf::has(e, "node")) {
      if (jf::has(e, "position"))
        throw InputError(w + "/node", "a unit has either a \"position\" (its own node) or a \"node\", not both",
                         "remove one of them");
      unit_on_node_.emplace_back(inst_.units.size(), jf::string(e, "node", w), w + "/node");
    } else {
      std::optional<Point> p;
      if (jf::has(e, "position")) p = position(e["position"], w + "/position");
      u.node = add_node(u.name, p, w);
    }
    inst_.units.push_back(u);
    return;
  }
  // {"family": "rpi3b+", "count": 6, "positions": [...], "prefix": "r"}: units r1..r6.
  jf::allow_only(e, w, {"family", "count", "prefix", "positions", "memory", "speed", "compute", "L"});
  const json& count = e["count"];
  if (!count.is_number_integer() || count.get<long long>() < 1 || count.get<long long>() > kMaxNodes)
    throw InputError(w + "/count", fmt::format("the count is {}", count.dump()),
                     fmt::format("give a whole number of units from 1 to {}", kMaxNodes));
  const auto n = static_cast<std::size_t>(count.get<long long>());
  const Unit base = unit_fields(e, w);
  const std::string prefix = jf::string(e, "prefix", w, base.family.empty() ? "unit-" : base.family + "-");
  const json* positions = jf::has(e, "positions") ? &e["positions"] : nullptr;
  if (positions) {
    jf::require_array(*positions, w + "/positions");
    if (positions->size() != n)
      throw InputError(w + "/positions", fmt::format("{} positions for {} units", positions->size(), n),
                       "give one [x, y] per unit");
  }
  for (std::size_t k = 0; k < n; ++k) {
    Unit u = base;
    u.name = fmt::format("{}{}", prefix, k + 1);
    std::optional<Point> p;
    if (positions) p = position((*positions)[k], at(w + "/positions", k));
    map_.add(at("/units", inst_.units.size()), w);
    u.node = add_node(u.name, p, positions ? at(w + "/positions", k) : w);
    inst_.units.push_back(u);
  }
}

// Links: explicit edges, or the paper's unit-disk graph over the positions.
void Reader::read_links() {
  const json& net = doc_["network"];
  if (jf::has(net, "edges")) {
    if (range_given_)
      throw InputError("/network/range", "the network has both \"range\" and \"edges\"",
                       "give a range (unit-disk graph over positions) or explicit edges, not both");
    read_edges(net["edges"], "/network/edges");
    return;
  }
  if (!range_ || !rate_)
    throw InputError("/network", !range_ ? "the network has no links: no \"range\" and no \"edges\""
                                         : "the network has a range but no data rate",
                     "give \"technology\" (wifi4, halow), or \"range\" and \"rate\", or explicit \"edges\"");
  for (std::size_t k = 0; k < nodes_.size(); ++k)
    if (!nodes_[k].position)
      throw InputError(node_where_[k], fmt::format("node {} has no position, and the network is a unit-disk graph",
                                                   nodes_[k].name),
                       "give \"position\": [x, y] in metres, or list the links as \"edges\"");
  links_ = unit_disk_links(nodes_, *range_, *rate_);
}

void Reader::read_edges(const json& edges, const std::string& w) {
  jf::require_array(edges, w);
  for (std::size_t k = 0; k < edges.size(); ++k) {
    const std::string ew = at(w, k);
    jf::allow_only(edges[k], ew, {"from", "to", "rate", "directed"});
    const NodeId from = node_named(jf::string(edges[k], "from", ew), ew + "/from");
    const NodeId to = node_named(jf::string(edges[k], "to", ew), ew + "/to");
    if (from == to)
      throw InputError(ew, fmt::format("the edge links node {} to itself", nodes_[from.index()].name),
                       "remove it: a layer needs no link to its own node");
    if (!jf::has(edges[k], "rate") && !rate_)
      throw InputError(ew + "/rate", "the edge has no rate and the network no default rate",
                       "give \"rate\" here, or \"rate\" or \"technology\" in \"network\"");
    const double rate = jf::quantity(edges[k], "rate", QuantityKind::bit_rate, ew, rate_);
    bool directed = false;
    if (jf::has(edges[k], "directed")) {
      if (!edges[k]["directed"].is_boolean())
        throw InputError(ew + "/directed", fmt::format("expected true or false, found {}", edges[k]["directed"].dump()),
                         "write \"directed\": true for a one-way link");
      directed = edges[k]["directed"].get<bool>();
    }
    map_.add(at("/network/links", links_.size()), ew);
    links_.push_back({from, to, rate});
    if (directed) continue;
    map_.add(at("/network/links", links_.size()), ew);
    links_.push_back({to, from, rate});
  }
}

void Reader::read_cnns() {
  const json& cnns = jf::require(doc_, "cnns", "");
  jf::require_array(cnns, "/cnns");
  for (std::size_t k = 0; k < cnns.size(); ++k) {
    inst_.cnns.push_back(read_cnn(cnns[k], at("/cnns", k), k));
    // validate() checks a zoo CNN's layers as /cnns/k/layers/j; the file says "zoo".
    if (!inst_.cnns.back().kind.empty()) map_.add(at("/cnns", k) + "/layers", at("/cnns", k) + "/zoo");
  }
}

Cnn Reader::read_cnn(const json& e, const std::string& w, std::size_t k) const {
  jf::allow_only(e, w, {"name", "zoo", "input", "layers", "source", "sink"});
  Cnn c;
  c.name = jf::string(e, "name", w, fmt::format("cnn{}", k));
  if (jf::has(e, "zoo")) {
    if (jf::has(e, "layers"))
      throw InputError(w + "/layers", "a CNN has either \"zoo\" or \"layers\", not both", "remove one of them");
    const CnnSpec& spec = zoo().cnn(jf::string(e, "zoo", w), w + "/zoo");
    c.kind = spec.name;
    c.layers = spec.layers;
    c.input_bytes = jf::quantity(e, "input", QuantityKind::bytes, w, spec.input_bytes);
  } else {
    if (!jf::has(e, "layers"))
      throw InputError(w + "/layers", "missing field \"layers\"",
                       fmt::format("give \"layers\": [...], or \"zoo\": a CNN of the zoo ({})",
                                   fmt::join(zoo_cnn_names(), ", ")));
    const json& layers = e["layers"];
    jf::require_array(layers, w + "/layers");
    for (std::size_t j = 0; j < layers.size(); ++j)
      jf::allow_only(layers[j], at(w + "/layers", j), {"name", "memory", "compute", "output", "p"});
    c.layers = layers_from_json(layers, w + "/layers");
    c.input_bytes = jf::quantity(e, "input", QuantityKind::bytes, w);
  }
  c.source = node_named(jf::string(e, "source", w), w + "/source");
  if (jf::has(e, "sink")) {
    c.sink = node_named(jf::string(e, "sink", w), w + "/sink");
  } else if (jf::has(doc_, "sink")) {
    c.sink = node_named(jf::string(doc_, "sink", ""), "/sink");
  } else {
    throw InputError(w + "/sink", "missing field \"sink\"",
                     "give \"sink\" here, or one \"sink\" at the top for every CNN");
  }
  return c;
}

void Reader::read_shared() {
  if (!jf::has(doc_, "shared")) return;
  const json& shared = doc_["shared"];
  jf::require_array(shared, "/shared");
  for (std::size_t g = 0; g < shared.size(); ++g) {
    const std::string w = at("/shared", g);
    const json& e = shared[g];
    jf::allow_only(e, w, {"layers", "cnns", "first"});
    if (jf::has(e, "layers")) {
      jf::require_array(e["layers"], w + "/layers");
      SharedGroup group;
      for (std::size_t k = 0; k < e["layers"].size(); ++k) {
        const LayerRef r = layer_ref(e["layers"][k], at(w + "/layers", k));
        if (std::find(group.members.begin(), group.members.end(), r) != group.members.end())
          throw InputError(at(w + "/layers", k), fmt::format("layer {} of {} is listed twice", r.layer + 1,
                                                             inst_.cnns[r.cnn.index()].name),
                           "list each layer once");
        group.members.push_back(r);
      }
      map_.add(at("/shared", inst_.shared_groups.size()), w);
      inst_.shared_groups.push_back(std::move(group));
      continue;
    }
    // {"cnns": ["cnn0", "cnn1"], "first": 2}: layer j of every listed CNN, for j = 1..first.
    if (!jf::has(e, "cnns") || !jf::has(e, "first"))
      throw InputError(w, "a shared group needs \"layers\", or \"cnns\" and \"first\"",
                       "write {\"layers\": [[\"cnn0\", 1], [\"cnn1\", 1]]} or {\"cnns\": [\"cnn0\", \"cnn1\"], \"first\": 2}");
    jf::require_array(e["cnns"], w + "/cnns");
    std::vector<CnnId> cnns;
    for (std::size_t k = 0; k < e["cnns"].size(); ++k) cnns.push_back(cnn_named(e["cnns"][k], at(w + "/cnns", k)));
    const int first = jf::integer_or_unlimited(e, "first", w, 0);
    for (CnnId u : cnns)
      if (first < 1 || first > inst_.cnns[u.index()].size())
        throw InputError(w + "/first", fmt::format("cannot share the first {} layers: {} has {}",
                                                   first == kUnlimitedLayers ? "unlimited" : std::to_string(first),
                                                   inst_.cnns[u.index()].name, inst_.cnns[u.index()].size()),
                         "give a number from 1 to the length of the shortest listed CNN");
    for (int j = 0; j < first; ++j) {
      SharedGroup group;
      for (CnnId u : cnns) group.members.push_back(LayerRef{u, j});
      map_.add(at("/shared", inst_.shared_groups.size()), w);
      map_.add(at("/shared", inst_.shared_groups.size()) + "/layers", w + "/cnns");
      inst_.shared_groups.push_back(std::move(group));
    }
  }
}

CnnId Reader::cnn_named(const json& name, const std::string& w) const {
  if (!name.is_string())
    throw InputError(w, fmt::format("expected a CNN name, found {}", name.dump()), "write the CNN's name in quotes");
  std::vector<std::string> names;
  for (std::size_t u = 0; u < inst_.cnns.size(); ++u) {
    if (inst_.cnns[u].name == name.get<std::string>()) return CnnId(u);
    names.push_back(inst_.cnns[u].name);
  }
  throw InputError(w, fmt::format("unknown CNN \"{}\"", name.get<std::string>()),
                   fmt::format("use one of: {}", fmt::join(names, ", ")));
}

// ["cnn0", 2] (1-based layer number) or ["cnn0", "conv2+pool2"] (layer name).
LayerRef Reader::layer_ref(const json& ref, const std::string& w) const {
  if (!ref.is_array() || ref.size() != 2)
    throw InputError(w, fmt::format("expected [\"cnn name\", layer], found {}", ref.dump()),
                     "write a layer as [\"cnn0\", 1] (1-based number) or [\"cnn0\", \"layer name\"]");
  const CnnId u = cnn_named(ref[0], w + "/0");
  const Cnn& cnn = inst_.cnns[u.index()];
  if (ref[1].is_number_integer()) {
    const auto j = ref[1].get<long long>();
    if (j < 1 || j > cnn.size())
      throw InputError(w + "/1", fmt::format("{} has {} layers; there is no layer {}", cnn.name, cnn.size(), j),
                       fmt::format("number the layers of {} from 1 to {}, or name them", cnn.name, cnn.size()));
    return LayerRef{u, static_cast<int>(j - 1)};
  }
  if (ref[1].is_string()) {
    std::vector<std::string> names;
    for (int j = 0; j < cnn.size(); ++j) {
      if (cnn.layers[j].name == ref[1].get<std::string>()) return LayerRef{u, j};
      names.push_back(cnn.layers[j].name);
    }
    throw InputError(w + "/1", fmt::format("{} has no layer named \"{}\"", cnn.name, ref[1].get<std::string>()),
                     fmt::format("use one of: {}", fmt::join(names, ", ")));
  }
  throw InputError(w + "/1", fmt::format("expected a layer number or name, found {}", ref[1].dump()),
                   "give the 1-based layer number or the layer's name");
}

NodeId Reader::add_node(const std::string& name, std::optional<Point> position, const std::string& where) {
  if (name.empty()) throw InputError(where, "the name is empty", "give it a name");
  if (auto it = node_ids_.find(name); it != node_ids_.end())
    throw InputError(where, fmt::format("the name \"{}\" is used twice (also at {})", name, node_where_[it->second.index()]),
                     "give every unit and network node a different name");
  if (nodes_.size() >= static_cast<std::size_t>(kMaxNodes))
    throw InputError(where, fmt::format("more than {} network nodes", kMaxNodes),
                     "split the system: distance matrices grow as the square of the node count");
  const NodeId id(nodes_.size());
  map_.add(at("/network/nodes", nodes_.size()), where);
  nodes_.push_back({name, position});
  node_ids_.emplace(name, id);
  node_where_.push_back(where);
  return id;
}

NodeId Reader::node_named(const std::string& name, const std::string& where) const {
  if (auto it = node_ids_.find(name); it != node_ids_.end()) return it->second;
  std::vector<std::string> some;
  for (const auto& [n, id] : node_ids_) {
    if (some.size() == 12) {
      some.push_back("...");
      break;
    }
    some.push_back(n);
  }
  throw InputError(where, fmt::format("unknown node \"{}\"", name),
                   fmt::format("name a unit or a node of \"network\"/\"nodes\" ({})", fmt::join(some, ", ")));
}

Point Reader::position(const json& v, const std::string& w) {
  if (!v.is_array() || v.size() != 2)
    throw InputError(w, fmt::format("expected [x, y], found {}", v.dump()), "write the position as [x, y] in metres");
  return Point{jf::quantity(v[0], QuantityKind::length, w + "/0"), jf::quantity(v[1], QuantityKind::length, w + "/1")};
}

}  // namespace

Instance instance_from_json(const json& doc, const std::string& origin) {
  Reader reader(doc);
  Instance inst;
  const std::string stem = origin.empty() ? "instance" : std::filesystem::path(origin).stem().string();
  try {
    inst = reader.read(stem);
  } catch (const InputError& e) {
    throw InputError(jf::in_file(origin, e.where()), e.problem(), e.fix());
  } catch (const json::exception& e) {
    // A shape the reader did not anticipate: still an input error, not a crash.
    throw InputError(jf::in_file(origin, ""), std::string("unexpected JSON: ") + e.what(),
                     "compare the file with docs/instance-format.md");
  }
  try {
    validate(inst, reader.nodes(), reader.links());
  } catch (const InputError& e) {
    throw InputError(jf::in_file(origin, reader.pointers().to_file(e.where())), e.problem(), e.fix());
  }
  inst.network = reader.take_network();
  return inst;
}

Instance read_instance(const std::string& path) {
  return instance_from_json(json_text::read_file(path), path == "-" ? "<stdin>" : path);
}

}  // namespace cnnplace
