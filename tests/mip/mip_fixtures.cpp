#include "mip_fixtures.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <random>
#include <set>

#include "bench/mip/encode.hpp"
#include "model/evaluate.hpp"
#include "model/items.hpp"
#include "model/validate.hpp"

namespace cnnplace::testing {
namespace {

struct Draw {
  std::mt19937_64 rng;
  double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); }
  int integer(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  bool chance(double p) { return uniform(0, 1) < p; }
};

Layer random_layer(Draw& d, int j) {
  Layer l;
  l.name = fmt::format("l{}", j + 1);
  l.memory_bytes = d.uniform(10e3, 150e3);
  l.compute_mults = d.uniform(0.2e6, 8e6);
  l.output_bytes = d.uniform(500, 20e3);
  return l;
}

}  // namespace

Instance small_instance(const SmallSpec& spec, std::uint64_t seed) {
  Draw d{std::mt19937_64(seed)};
  Instance inst;
  inst.name = fmt::format("small-{}", seed);

  // Nodes: units 0..N-1, then one source per CNN, then the sink.
  const int n_nodes = spec.units + spec.cnns + 1;
  std::vector<NetworkNode> nodes;
  for (int i = 0; i < spec.units; ++i) nodes.push_back({fmt::format("n{}", i), std::nullopt});
  for (int u = 0; u < spec.cnns; ++u) nodes.push_back({fmt::format("s{}", u), std::nullopt});
  nodes.push_back({"f", std::nullopt});
  const double rate = d.chance(0.5) ? 72.2e6 : 7.2e6;
  std::set<std::pair<int, int>> edges;
  for (int v = 1; v < n_nodes; ++v) edges.insert({d.integer(0, v - 1), v});
  for (int extra = 0; extra < spec.units / 2; ++extra) {
    const int a = d.integer(0, n_nodes - 1), b = d.integer(0, n_nodes - 1);
    if (a != b) edges.insert({std::min(a, b), std::max(a, b)});
  }
  std::vector<Link> links;
  for (auto [a, b] : edges) {
    links.push_back({NodeId(a), NodeId(b), rate});
    links.push_back({NodeId(b), NodeId(a), rate});
  }
  inst.network = Network(nodes, links);

  for (int i = 0; i < spec.units; ++i) {
    Unit unit;
    unit.name = fmt::format("n{}", i);
    unit.node = NodeId(i);
    const bool small = spec.tight_limits && d.chance(0.4);
    unit.memory_bytes = small ? 160e3 : 1e6;
    unit.speed_mults_per_s = std::array<double, 3>{40e6, 560e6, 600e6}[d.integer(0, 2)];
    unit.layer_limit = spec.tight_limits ? d.integer(1, 3) : kUnlimitedLayers;
    if (spec.tight_limits && d.chance(0.2)) unit.compute_mults = 12e6;
    inst.units.push_back(unit);
  }
  for (int u = 0; u < spec.cnns; ++u) {
    Cnn cnn;
    cnn.name = fmt::format("cnn{}", u);
    cnn.input_bytes = d.uniform(2e3, 10e3);
    cnn.source = NodeId(spec.units + u);
    cnn.sink = NodeId(n_nodes - 1);
    const int m = d.integer(spec.min_layers, spec.max_layers);
    for (int j = 0; j < m; ++j) {
      if (u > 0 && j < spec.shared_first)
        cnn.layers.push_back(inst.cnns[0].layers[j]);  // a shared layer is the same layer
      else
        cnn.layers.push_back(random_layer(d, j));
      if (spec.gate && j >= 2) cnn.layers.back().probability = 0.3;
    }
    inst.cnns.push_back(cnn);
  }
  for (int j = 0; j < spec.shared_first && spec.cnns > 1; ++j) {
    SharedGroup g;
    for (int u = 0; u < spec.cnns; ++u) g.members.push_back({CnnId(u), j});
    inst.shared_groups.push_back(g);
  }
  validate(inst);
  return inst;
}

void for_each_placement(const Instance& inst, const std::function<void(const Placement&)>& visit) {
  const ItemIndex items = build_items(inst);
  const int n = inst.unit_count();
  std::vector<int> unit_of_item(items.items.size(), 0);
  Placement p;
  p.unit_of.resize(inst.cnns.size());
  for (std::size_t u = 0; u < inst.cnns.size(); ++u) p.unit_of[u].resize(inst.cnns[u].layers.size());
  for (;;) {
    for (std::size_t k = 0; k < items.items.size(); ++k)
      for (LayerRef r : items.items[k].members) p.unit_of[r.cnn.index()][r.layer] = UnitId(unit_of_item[k]);
    visit(p);
    std::size_t k = 0;
    while (k < unit_of_item.size() && ++unit_of_item[k] == n) unit_of_item[k++] = 0;
    if (k == unit_of_item.size()) return;
  }
}

std::map<std::string, double> values_of(const MipModel& model, const Placement& placement) {
  return mip::encode_placement(model, placement);
}

bool satisfies_rows(const MipModel& model, const std::map<std::string, double>& values) {
  return mip::violated_rows(model, values).empty();
}

}  // namespace cnnplace::testing
