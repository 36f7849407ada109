// Writing "cnnplace-instance/1" files. The written file must read back to an Instance that
// evaluates identically (plain numbers in base units round-trip exactly through JSON), and
// should read like one a person wrote: family units list only what differs from their
// family, zoo CNNs are named, a unit-disk network is positions plus a range, one L and one
// sink are written once when they are common to all.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "model/instance_io.hpp"
#include "model/json_text.hpp"
#include "model/layer_json.hpp"
#include "model/zoo.hpp"

namespace cnnplace {
namespace {

using nlohmann::json;

json layers_json(int layers) {
  return layers == kUnlimitedLayers ? json("unlimited") : json(layers);
}
json amount_json(double v) { return std::isinf(v) ? json("unlimited") : json(v); }
json position_json(const Point& p) { return json::array({p.x, p.y}); }

// The L that most units have (ties: the smallest), written once at the top.
int common_layer_limit(const Instance& inst) {
  std::map<int, int> count;
  for (const Unit& u : inst.units) ++count[u.layer_limit];
  int best = kUnlimitedLayers, best_count = 0;
  for (const auto& [limit, n] : count)
    if (n > best_count) best = limit, best_count = n;
  return best;
}

// Node k is unit i's own node when the unit sits on it and it bears the unit's name: the
// file then gives the unit a "position" instead of a "node".
std::vector<bool> own_nodes(const Instance& inst) {
  std::vector<bool> own(inst.network.node_count(), false);
  for (const Unit& u : inst.units)
    if (u.node.valid() && inst.network.node(u.node).name == u.name) own[u.node.index()] = true;
  return own;
}

json unit_json(const Unit& u, const Network& net, int common_limit) {
  json j = {{"name", u.name}};
  const UnitFamily* family = nullptr;
  if (auto it = zoo().families.find(u.family); it != zoo().families.end()) family = &it->second;
  if (!u.family.empty()) j["family"] = u.family;
  if (!family || family->memory_bytes != u.memory_bytes) j["memory"] = amount_json(u.memory_bytes);
  if (!family || family->speed_mults_per_s != u.speed_mults_per_s) j["speed"] = u.speed_mults_per_s;
  if (u.compute_mults != (family ? family->compute_mults : kUnlimited)) j["compute"] = amount_json(u.compute_mults);
  if (u.layer_limit != common_limit) j["L"] = layers_json(u.layer_limit);
  const NetworkNode& node = net.node(u.node);
  if (node.name != u.name) {
    j["node"] = node.name;
  } else if (node.position) {
    j["position"] = position_json(*node.position);
  }
  return j;
}

using Arc = std::pair<int, int>;
std::vector<Arc> sorted_arcs(const std::vector<Link>& links) {
  std::vector<Arc> arcs;
  for (const Link& l : links) arcs.emplace_back(l.from.value, l.to.value);
  std::sort(arcs.begin(), arcs.end());
  return arcs;
}

// A range whose unit-disk graph gives exactly the network's links, if there is one among
// the hint, the zoo technologies' ranges and the longest link.
std::optional<double> unit_disk_range(const Network& net, const WriteHints& hints) {
  if (net.links().empty() || !net.uniform_rate()) return std::nullopt;
  for (const NetworkNode& n : net.nodes())
    if (!n.position) return std::nullopt;
  std::vector<double> candidates;
  if (hints.range_m) candidates.push_back(*hints.range_m);
  for (const auto& [name, tech] : zoo().technologies) candidates.push_back(tech.range_m);
  double longest = 0;
  for (const Link& l : net.links()) {
    const Point p = *net.node(l.from).position, q = *net.node(l.to).position;
    longest = std::max(longest, std::hypot(p.x - q.x, p.y - q.y));
  }
  candidates.push_back(longest);
  const auto wanted = sorted_arcs(net.links());
  for (double r : candidates)
    if (sorted_arcs(unit_disk_links(net.nodes(), r, 1.0)) == wanted) return r;
  return std::nullopt;
}

// Explicit edges: a pair of opposite links with one rate is one undirected edge.
json edges_json(const Network& net) {
  auto edges = json::array();
  std::vector<bool> used(net.links().size(), false);
  std::multimap<std::tuple<int, int, double>, std::size_t> unused;
  for (std::size_t k = 0; k < net.links().size(); ++k) {
    const Link& l = net.links()[k];
    unused.emplace(std::tuple{l.from.value, l.to.value, l.rate_bps}, k);
  }
  for (std::size_t k = 0; k < net.links().size(); ++k) {
    if (used[k]) continue;
    const Link& l = net.links()[k];
    used[k] = true;
    unused.erase(unused.find(std::tuple{l.from.value, l.to.value, l.rate_bps}));
    json e = {{"from", net.node(l.from).name}, {"to", net.node(l.to).name}};
    if (!net.uniform_rate()) e["rate"] = l.rate_bps;
    if (auto back = unused.find(std::tuple{l.to.value, l.from.value, l.rate_bps}); back != unused.end()) {
      used[back->second] = true;
      unused.erase(back);
    } else {
      e["directed"] = true;
    }
    edges.push_back(std::move(e));
  }
  return edges;
}

json network_json(const Instance& inst, const WriteHints& hints) {
  const Network& net = inst.network;
  json j = json::object();
  const auto own = own_nodes(inst);
  auto nodes = json::array();
  for (int k = 0; k < net.node_count(); ++k) {
    if (own[k]) continue;
    json n = {{"name", net.nodes()[k].name}};
    if (net.nodes()[k].position) n["position"] = position_json(*net.nodes()[k].position);
    nodes.push_back(std::move(n));
  }
  if (!nodes.empty()) j["nodes"] = std::move(nodes);
  const double rate = net.links().empty() ? 0.0 : net.links().front().rate_bps;
  if (auto range = unit_disk_range(net, hints)) {
    const Technology* tech = nullptr;
    for (const auto& [name, t] : zoo().technologies)
      if (t.rate_bps == rate && (!tech || t.range_m == *range)) tech = &t;
    if (tech) j["technology"] = tech->name; else j["rate"] = rate;
    if (!tech || tech->range_m != *range) j["range"] = *range;
    return j;
  }
  if (!net.links().empty() && net.uniform_rate()) j["rate"] = rate;
  j["edges"] = edges_json(net);
  return j;
}

bool same_layers(const std::vector<Layer>& a, const std::vector<Layer>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Layer& x, const Layer& y) {
    return x.name == y.name && x.memory_bytes == y.memory_bytes && x.compute_mults == y.compute_mults &&
           x.output_bytes == y.output_bytes && x.probability == y.probability;
  });
}

json cnn_json(const Cnn& c, const Network& net, bool common_sink) {
  json j = {{"name", c.name}};
  auto it = zoo().cnns.find(c.kind);
  if (it != zoo().cnns.end() && same_layers(it->second.layers, c.layers)) {
    j["zoo"] = c.kind;
    if (c.input_bytes != it->second.input_bytes) j["input"] = c.input_bytes;
  } else {
    j["input"] = c.input_bytes;
    j["layers"] = layers_to_json(c.layers);
  }
  j["source"] = net.node(c.source).name;
  if (!common_sink) j["sink"] = net.node(c.sink).name;
  return j;
}

}  // namespace

json instance_to_json(const Instance& inst, const WriteHints& hints) {
  json j = {{"format", "cnnplace-instance/1"},
            {"name", inst.name},
            {"processing_weight", to_string(inst.processing_weight)}};
  const int common_limit = common_layer_limit(inst);
  j["L"] = layers_json(common_limit);
  const bool common_sink = !inst.cnns.empty() && std::all_of(inst.cnns.begin(), inst.cnns.end(), [&](const Cnn& c) {
    return c.sink == inst.cnns.front().sink;
  });
  if (common_sink) j["sink"] = inst.network.node(inst.cnns.front().sink).name;
  j["network"] = network_json(inst, hints);
  j["units"] = json::array();
  for (const Unit& u : inst.units) j["units"].push_back(unit_json(u, inst.network, common_limit));
  j["cnns"] = json::array();
  for (const Cnn& c : inst.cnns) j["cnns"].push_back(cnn_json(c, inst.network, common_sink));
  if (!inst.shared_groups.empty()) {
    j["shared"] = json::array();
    for (const SharedGroup& g : inst.shared_groups) {
      json members = json::array();
      for (LayerRef r : g.members) members.push_back(json::array({inst.cnns[r.cnn.index()].name, r.layer + 1}));
      j["shared"].push_back({{"layers", std::move(members)}});
    }
  }
  return j;
}

void write_instance(const Instance& inst, const std::string& path, const WriteHints& hints) {
  json_text::write_file(path, json_text::dump(instance_to_json(inst, hints)));
}

}  // namespace cnnplace
