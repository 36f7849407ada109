#include "model/validate.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <set>

#include "model/errors.hpp"
#include "model/quantity.hpp"

namespace cnnplace {
namespace {

std::string at(const std::string& base, std::size_t index, const std::string& field = "") {
  return fmt::format("{}/{}{}", base, index, field.empty() ? "" : "/" + field);
}

void check_amount(double v, const std::string& where, const char* what, bool allow_zero,
                  bool allow_infinite = false) {
  if (std::isnan(v)) throw InputError(where, fmt::format("{} is NaN", what), "give a number");
  if (std::isinf(v) && !(allow_infinite && v > 0))
    throw InputError(where, fmt::format("{} is infinite", what),
                     allow_infinite ? "give a positive number or \"unlimited\"" : "give a finite number");
  if (v < 0 || (!allow_zero && v == 0))
    throw InputError(where, fmt::format("{} is {:g}; it must be {}", what, v,
                                        allow_zero ? "zero or more" : "positive"),
                     allow_zero ? "give a value of zero or more" : "give a positive value");
  if (!allow_zero && v > 0 && v < kMinRate)
    throw InputError(where, fmt::format("{} is {:g}, below the smallest accepted value {:g}", what, v, kMinRate),
                     "check the units (plain numbers are bit/s or multiplications per second)");
  if (std::isfinite(v) && v > kMaxQuantity)
    throw InputError(where, fmt::format("{} is {:g}, beyond the largest accepted value {:g}", what, v,
                                        kMaxQuantity),
                     "check the units (plain numbers are bytes, bit/s or multiplications)");
}

template <class Items, class Name>
void check_unique(const Items& items, Name name_of, const std::string& base, const char* what) {
  std::map<std::string, std::size_t> seen;
  for (std::size_t k = 0; k < items.size(); ++k) {
    const std::string& name = name_of(items[k]);
    if (name.empty())
      throw InputError(at(base, k, "name"), fmt::format("{} has an empty name", what), "give it a name");
    auto [it, fresh] = seen.emplace(name, k);
    if (!fresh)
      throw InputError(at(base, k, "name"),
                       fmt::format("{} name \"{}\" is used twice (also at {})", what, name,
                                   at(base, it->second)),
                       "give every one a different name");
  }
}

// The network as its nodes and links: validate() checks them before the Network's tables exist.
struct NetworkParts {
  const std::vector<NetworkNode>& nodes;
  const std::vector<Link>& links;
  bool has(NodeId n) const { return n.valid() && n.index() < nodes.size(); }
};

void check_network(const NetworkParts& net) {
  check_unique(net.nodes, [](const NetworkNode& n) -> const std::string& { return n.name; },
               "/network/nodes", "node");
  for (std::size_t k = 0; k < net.links.size(); ++k) {
    const Link& l = net.links[k];
    if (!net.has(l.from) || !net.has(l.to))
      throw InputError(at("/network/links", k), "the link names a node that does not exist",
                       "link nodes of the network");
    check_amount(l.rate_bps, at("/network/links", k, "rate"), "the data rate", false);
  }
}

void check_units(const Instance& inst, const NetworkParts& net) {
  if (inst.units.empty()) throw InputError("/units", "the instance has no units", "add at least one unit");
  check_unique(inst.units, [](const Unit& u) -> const std::string& { return u.name; }, "/units", "unit");
  for (std::size_t i = 0; i < inst.units.size(); ++i) {
    const Unit& u = inst.units[i];
    if (!net.has(u.node))
      throw InputError(at("/units", i, "node"), fmt::format("unit {} sits on no node of the network", u.name),
                       "give the unit a position or a node name");
    check_amount(u.memory_bytes, at("/units", i, "memory"), "the memory", true, true);
    check_amount(u.compute_mults, at("/units", i, "compute"), "the compute capacity", true, true);
    check_amount(u.speed_mults_per_s, at("/units", i, "speed"), "the speed", false);
    if (u.layer_limit < 0)
      throw InputError(at("/units", i, "L"), fmt::format("the layer limit is {}", u.layer_limit),
                       "give 0 or more, or \"unlimited\"");
  }
}

void check_cnn(const Instance& inst, std::size_t u, const NetworkParts& net) {
  const Cnn& c = inst.cnns[u];
  const std::string base = at("/cnns", u);
  if (c.layers.empty()) throw InputError(base + "/layers", fmt::format("{} has no layers", c.name), "give it at least one layer");
  for (auto [node, field] : {std::pair{c.source, "source"}, std::pair{c.sink, "sink"}})
    if (!net.has(node))
      throw InputError(base + "/" + field, fmt::format("the {} of {} is not a node of the network", field, c.name),
                       "name a node of the network");
  check_amount(c.input_bytes, base + "/input", "the input size", true);
  for (std::size_t j = 0; j < c.layers.size(); ++j) {
    const Layer& l = c.layers[j];
    const std::string w = at(base + "/layers", j);
    check_amount(l.memory_bytes, w + "/memory", "the memory", true);
    check_amount(l.compute_mults, w + "/compute", "the compute", true);
    check_amount(l.output_bytes, w + "/output", "the output size", true);
    if (!(l.probability >= 0 && l.probability <= 1))
      throw InputError(w + "/p", fmt::format("the probability {} is outside [0, 1]", l.probability),
                       "give a probability between 0 and 1");
    if (j == 0 && l.probability != 1)
      throw InputError(w + "/p", fmt::format("the first layer's probability is {}", l.probability),
                       "the first layer always runs: set p = 1");
    if (j > 0 && l.probability > c.layers[j - 1].probability)
      throw InputError(w + "/p",
                       fmt::format("the probability rises from {} to {} along {}", c.layers[j - 1].probability,
                                   l.probability, c.name),
                       "a layer runs only if the one before it ran: probabilities must not increase");
  }
}

void check_shared(const Instance& inst) {
  std::map<LayerRef, std::size_t> owner;
  for (std::size_t g = 0; g < inst.shared_groups.size(); ++g) {
    const auto& members = inst.shared_groups[g].members;
    const std::string base = at("/shared", g);
    if (members.size() < 2)
      throw InputError(base, "a shared group needs at least two layers", "list two or more layers, or remove the group");
    std::set<CnnId> cnns;
    for (std::size_t k = 0; k < members.size(); ++k) {
      const LayerRef r = members[k];
      const std::string w = at(base + "/layers", k);
      if (!r.cnn.valid() || r.cnn.value >= inst.cnn_count() || r.layer < 0 || r.layer >= inst.cnns[r.cnn.index()].size())
        throw InputError(w, "the shared group names a layer that does not exist", "name an existing CNN and layer");
      if (!cnns.insert(r.cnn).second)
        throw InputError(w, fmt::format("the group names two layers of {}", inst.cnns[r.cnn.index()].name),
                         "a group shares one layer between different CNNs");
      auto [it, fresh] = owner.emplace(r, g);
      if (!fresh)
        throw InputError(w, fmt::format("layer {} of {} is in shared group {} already", r.layer + 1,
                                        inst.cnns[r.cnn.index()].name, it->second + 1),
                         "put each layer in at most one group");
      const Layer& first = inst.layer(members[0]);
      const Layer& l = inst.layer(r);
      auto differs = [](double a, double b) { return std::fabs(a - b) > 1e-9 * std::max(std::fabs(a), std::fabs(b)); };
      if (differs(first.memory_bytes, l.memory_bytes) || differs(first.compute_mults, l.compute_mults))
        throw InputError(w, fmt::format("shared layers differ: {} needs {} and {}, {} needs {} and {}",
                                        first.name, format_bytes(first.memory_bytes), format_count(first.compute_mults),
                                        l.name, format_bytes(l.memory_bytes), format_count(l.compute_mults)),
                         "a shared layer is one layer: give its copies the same memory and compute");
    }
  }
}

// The paper assumes a connected network, and a placement over an unreachable pair would have
// infinite latency. All roles reach each other exactly when the first reaches all and all
// reach it: two searches instead of a table of every pair.
void check_connected(const Instance& inst, const NetworkParts& net) {
  struct Role {
    NodeId node;
    std::string label;
  };
  std::vector<Role> roles;
  std::set<NodeId> seen;
  auto add = [&](NodeId n, std::string label) {
    if (seen.insert(n).second) roles.push_back({n, std::move(label)});
  };
  for (const Cnn& c : inst.cnns) add(c.source, fmt::format("the source of {} (node {})", c.name, net.nodes[c.source.index()].name));
  for (const Unit& u : inst.units) add(u.node, fmt::format("unit {}", u.name));
  for (const Cnn& c : inst.cnns) add(c.sink, fmt::format("the sink of {} (node {})", c.name, net.nodes[c.sink.index()].name));
  auto refuse = [](const Role& a, const Role& b) {
    throw InputError("/network", fmt::format("the network is disconnected: {} cannot reach {}", a.label, b.label),
                     "add links (or widen the transmission range) so that every unit, source and sink is connected");
  };
  const std::vector<bool> from_first = reached_from(net.nodes.size(), net.links, roles.front().node);
  for (const Role& b : roles)
    if (!from_first[b.node.index()]) refuse(roles.front(), b);
  const std::vector<bool> to_first = reached_from(net.nodes.size(), net.links, roles.front().node, /*backwards=*/true);
  for (const Role& a : roles)
    if (!to_first[a.node.index()]) refuse(a, roles.front());
}

}  // namespace

void validate(const Instance& inst, const std::vector<NetworkNode>& nodes, const std::vector<Link>& links) {
  const NetworkParts net{nodes, links};
  check_network(net);
  check_units(inst, net);
  if (inst.cnns.empty()) throw InputError("/cnns", "the instance has no CNNs", "add at least one CNN");
  check_unique(inst.cnns, [](const Cnn& c) -> const std::string& { return c.name; }, "/cnns", "CNN");
  for (std::size_t u = 0; u < inst.cnns.size(); ++u) check_cnn(inst, u, net);
  check_shared(inst);
  check_connected(inst, net);
}

void validate(const Instance& inst) { validate(inst, inst.network.nodes(), inst.network.links()); }

}  // namespace cnnplace
