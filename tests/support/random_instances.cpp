#include "support/random_instances.hpp"

#include <algorithm>
#include <string>

namespace cnnplace::testing {

namespace {

Network random_network(Rng& rng, int units, int terminals) {
  const int n = units + terminals;
  std::vector<NetworkNode> nodes;
  for (int v = 0; v < n; ++v) nodes.push_back({(v < units ? "u" : "t") + std::to_string(v), std::nullopt});
  const bool per_link = rng.chance(0.3);
  auto rate = [&] { return per_link ? 1e6 * (1 + rng.below(8)) : 4e6; };
  std::vector<Link> links;
  // A random spanning tree keeps it connected; extra (sometimes one-way) links add shortcuts.
  for (int v = 1; v < n; ++v) {
    const int w = rng.below(v);
    links.push_back({NodeId(v), NodeId(w), rate()});
    links.push_back({NodeId(w), NodeId(v), rate()});
  }
  for (int e = rng.below(n); e > 0; --e) {
    const int a = rng.below(n), b = rng.below(n);
    if (a != b) links.push_back({NodeId(a), NodeId(b), rate()});
  }
  if (!per_link)
    for (Link& l : links) l.rate_bps = 4e6;
  return Network(std::move(nodes), std::move(links));
}

}  // namespace

Instance random_tiny_instance(std::uint64_t seed, const TinyShape& shape) {
  Rng rng(seed);
  Instance inst;
  inst.name = "tiny-" + std::to_string(seed);
  const int N = 1 + rng.below(shape.max_units);
  const int C = 1 + rng.below(shape.max_cnns);
  const int terminals = 1 + rng.below(C + 1);
  inst.network = random_network(rng, N, terminals);
  const int global_L = 1 + rng.below(3);
  for (int i = 0; i < N; ++i) {
    Unit u;
    u.name = "u" + std::to_string(i);
    u.node = NodeId(i);
    u.memory_bytes = 1000.0 * (2 + rng.below(8));
    u.speed_mults_per_s = 1e6 * (1 + rng.below(10));
    u.compute_mults = rng.chance(0.2) ? 1e5 * (2 + rng.below(10)) : kUnlimited;
    u.layer_limit = rng.chance(0.2) ? 1 + rng.below(3) : global_L;
    if (rng.chance(0.05)) u.layer_limit = kUnlimitedLayers;
    inst.units.push_back(u);
  }
  int budget = shape.max_total_layers;
  for (int c = 0; c < C && budget > 0; ++c) {
    Cnn cnn;
    cnn.name = "cnn" + std::to_string(c);
    cnn.input_bytes = 100.0 * rng.below(50);
    const int M = std::min(budget, 1 + rng.below(shape.max_layers));
    budget -= M;
    const bool gated = rng.chance(0.3);
    double p = 1;
    for (int j = 0; j < M; ++j) {
      Layer l;
      l.name = "L" + std::to_string(j + 1);
      l.memory_bytes = 500.0 * (1 + rng.below(12));
      l.compute_mults = 1e5 * (1 + rng.below(10));
      l.output_bytes = 50.0 * rng.below(40);
      if (gated && j > 0 && rng.chance(0.5)) p *= 0.1 * (1 + rng.below(9));
      l.probability = p;
      cnn.layers.push_back(l);
    }
    cnn.source = NodeId(N + rng.below(terminals));
    cnn.sink = NodeId(N + rng.below(terminals));
    inst.cnns.push_back(cnn);
  }
  // Shared layers: a common prefix (transfer learning), or occasionally one arbitrary pair.
  if (inst.cnns.size() >= 2 && rng.chance(0.4)) {
    Cnn& a = inst.cnns[0];
    Cnn& b = inst.cnns[1];
    const bool prefix = rng.chance(0.7);
    const int ja = prefix ? 0 : rng.below(a.size());
    const int jb = prefix ? 0 : rng.below(b.size());
    const int len = prefix ? 1 + rng.below(std::min(a.size(), b.size())) : 1;
    for (int s = 0; s < len; ++s) {
      b.layers[jb + s].memory_bytes = a.layers[ja + s].memory_bytes;
      b.layers[jb + s].compute_mults = a.layers[ja + s].compute_mults;
      inst.shared_groups.push_back({{LayerRef{CnnId(0), ja + s}, LayerRef{CnnId(1), jb + s}}});
    }
  }
  inst.processing_weight = rng.chance(0.2) ? ProcessingWeight::next_layer : ProcessingWeight::as_written;
  return inst;
}

TinyShape three_chains() {
  TinyShape s;
  s.max_units = 5;
  s.max_cnns = 3;
  s.max_layers = 3;
  s.max_total_layers = 7;
  return s;
}

Instance with_one_layer_per_unit(Instance inst) {
  for (Unit& u : inst.units) u.layer_limit = 1;
  return inst;
}

GeneratorOptions three_alexnets(int units, std::uint64_t seed, const std::string& technology) {
  GeneratorOptions g;
  g.units = units;
  g.technology = technology;
  g.cnn_kinds = {"alexnet"};
  g.cnns = 3;
  g.layer_limit = 1;
  g.seed = seed;
  return g;
}

}  // namespace cnnplace::testing
