#include "bounds/problem.hpp"

#include <algorithm>

#include "bounds/chain_dp.hpp"
#include "model/capacity.hpp"

namespace cnnplace {

double Problem::table_cells() const {
  double layers = 0;
  for (const Chain& c : chains) layers += c.size();
  return layers * units;
}

bool Problem::has_shared_items() const {
  for (const Item& item : items.items)
    if (item.members.size() > 1) return true;
  return false;
}

bool Problem::fits_alone(int k, int i) const {
  return layer_limit[i] >= 1 && fits(item_memory[k], memory_cap[i]) &&
         fits(item_compute[k], compute_cap[i]);
}

namespace {

bool twins(const Problem& p, int a, int b) {
  if (p.layer_limit[a] != p.layer_limit[b] || p.memory_cap[a] != p.memory_cap[b] ||
      p.compute_cap[a] != p.compute_cap[b] || p.T(a, b) != p.T(b, a))
    return false;
  for (int x = 0; x < p.units; ++x)
    if (x != a && x != b && (p.T(a, x) != p.T(b, x) || p.T(x, a) != p.T(x, b))) return false;
  for (const Chain& c : p.chains)
    for (int j = 0; j < c.size(); ++j)
      if (c.node_cost[static_cast<std::size_t>(j) * p.units + a] != c.node_cost[static_cast<std::size_t>(j) * p.units + b])
        return false;
  return true;
}

}  // namespace

std::vector<int> find_twins(const Problem& p) {
  std::vector<int> twin_class(p.units);
  std::vector<int> representatives;
  for (int i = 0; i < p.units; ++i) {
    twin_class[i] = i;
    if (p.units > kTwinUnits) continue;
    for (int r : representatives)
      if (twins(p, r, i)) {
        twin_class[i] = r;
        break;
      }
    if (twin_class[i] == i) representatives.push_back(i);
  }
  return twin_class;
}

Problem build_problem(const Instance& inst) {
  Problem p;
  p.instance = &inst;
  p.items = build_items(inst);
  p.units = inst.unit_count();
  const int N = p.units;
  // One pass over the network's matrix, row by row (N = 2000: 4 M entries, 32 MB).
  std::vector<NodeId> node(N);
  for (int i = 0; i < N; ++i) node[i] = inst.units[i].node;
  auto matrix = std::make_shared<std::vector<double>>(static_cast<std::size_t>(N) * N);
  p.min_transfer.assign(N, kInf);
  for (int i = 0; i < N; ++i) {
    double* row = &(*matrix)[static_cast<std::size_t>(i) * N];
    double least = kInf;
    for (int k = 0; k < N; ++k) {
      row[k] = inst.network.seconds_per_byte(node[i], node[k]);
      if (k != i && row[k] < least) least = row[k];
    }
    p.min_transfer[i] = least;
  }
  p.transfer = matrix->data();
  p.transfer_matrix = std::move(matrix);
  const Network& net = inst.network;
  p.node_unit.assign(net.node_count(), -1);
  for (int i = 0; i < N; ++i) {
    p.unit_node.push_back(inst.units[i].node.value);
    p.node_unit[inst.units[i].node.index()] = i;
  }
  if (net.uniform_rate() && !net.links().empty()) p.uniform_hop_seconds_per_byte = 8.0 / net.rate_if_uniform();
  p.in_begin.assign(net.node_count() + 1, 0);
  for (const Link& l : net.links()) p.in_begin[l.to.index() + 1] += 1;
  for (int v = 0; v < net.node_count(); ++v) p.in_begin[v + 1] += p.in_begin[v];
  p.in_tail.resize(net.links().size());
  p.arc_seconds_per_byte.resize(net.links().size());
  std::vector<int> fill(p.in_begin.begin(), p.in_begin.end() - 1);
  for (const Link& l : net.links()) {
    const int at = fill[l.to.index()]++;
    p.in_tail[at] = l.from.value;
    p.arc_seconds_per_byte[at] = 8.0 / l.rate_bps;
  }
  for (const Unit& u : inst.units) {
    p.layer_limit.push_back(u.layer_limit);
    p.memory_cap.push_back(u.memory_bytes);
    p.compute_cap.push_back(u.compute_mults);
  }
  for (const Item& item : p.items.items) {
    p.item_memory.push_back(item.memory_bytes);
    p.item_compute.push_back(item.compute_mults);
  }
  p.candidates.resize(p.item_count());
  for (int k = 0; k < p.item_count(); ++k)
    for (int i = 0; i < N; ++i)
      if (p.fits_alone(k, i)) p.candidates[k].push_back(i);

  for (std::size_t u = 0; u < inst.cnns.size(); ++u) {
    const Cnn& cnn = inst.cnns[u];
    Chain c;
    const int M = cnn.size();
    c.node_cost.assign(static_cast<std::size_t>(M) * N, kInf);
    for (int j = 0; j < M; ++j) {
      const int k = p.items.item_of[u][j].value;
      c.item.push_back(k);
      c.share.push_back(1.0 / static_cast<double>(p.items.items[k].members.size()));
      if (j + 1 < M) c.arc_weight.push_back(cnn.layers[j + 1].probability * cnn.layers[j].output_bytes);
      const double q = inst.processing_probability(cnn, j);
      const double g = cnn.exit_probability(j);
      for (int i : p.candidates[k]) {
        double a = q * cnn.layers[j].compute_mults / inst.units[i].speed_mults_per_s;
        // Zero-probability terms are skipped, not multiplied: 0 * T must stay 0.
        if (g > 0 && cnn.decision_bytes() > 0) a += g * cnn.decision_bytes() * inst.transfer(UnitId(i), cnn.sink);
        if (j == 0 && cnn.input_bytes > 0) a += cnn.layers[0].probability * cnn.input_bytes * inst.transfer(cnn.source, UnitId(i));
        c.node_cost[static_cast<std::size_t>(j) * N + i] = a;
      }
    }
    p.chains.push_back(std::move(c));
  }
  return p;
}

RestrictedProblem restrict_to_chains(const Problem& p, const std::vector<int>& chains, const Residual& kept) {
  RestrictedProblem out;
  Problem& q = out.problem;
  // The network, the units and the settings as they are (the matrix is shared); the chains
  // and items are rebuilt below.
  q.instance = p.instance;
  q.units = p.units;
  q.transfer_matrix = p.transfer_matrix;
  q.transfer = p.transfer;
  q.min_transfer = p.min_transfer;
  q.in_begin = p.in_begin, q.in_tail = p.in_tail, q.arc_seconds_per_byte = p.arc_seconds_per_byte;
  q.unit_node = p.unit_node, q.node_unit = p.node_unit;
  q.uniform_hop_seconds_per_byte = p.uniform_hop_seconds_per_byte;
  q.nearest_sources_from_units = p.nearest_sources_from_units;
  q.scan_pairs_per_unit = p.scan_pairs_per_unit;
  q.forbid_returns = p.forbid_returns;
  q.forbid_returns_at_scale_cells = p.forbid_returns_at_scale_cells;
  q.layer_limit = p.layer_limit, q.memory_cap = p.memory_cap, q.compute_cap = p.compute_cap;
  for (int i = 0; i < p.units; ++i) {
    q.layer_limit[i] -= kept.count[i];
    q.memory_cap[i] -= kept.memory[i];
    q.compute_cap[i] -= kept.compute[i];
  }
  const std::size_t N = static_cast<std::size_t>(p.units);
  for (int u : chains) {
    const int chain = static_cast<int>(q.chains.size());
    Chain c = p.chains[u];
    std::vector<ItemId> of;
    for (int j = 0; j < c.size(); ++j) {
      const int k = c.item[j], renumbered = static_cast<int>(out.item.size());
      out.item.push_back(k);
      c.item[j] = renumbered;
      of.emplace_back(renumbered);
      Item item = p.items.items[k];
      item.members = {LayerRef{CnnId(chain), j}};
      q.items.items.push_back(std::move(item));
      q.item_memory.push_back(p.item_memory[k]);
      q.item_compute.push_back(p.item_compute[k]);
      std::vector<int> candidates;
      for (int i : p.candidates[k]) {
        if (q.fits_alone(renumbered, i)) {
          candidates.push_back(i);
        } else {
          c.node_cost[j * N + i] = kInf;
        }
      }
      q.candidates.push_back(std::move(candidates));
    }
    q.items.item_of.push_back(std::move(of));
    q.chains.push_back(std::move(c));
  }
  return out;
}

Placement to_placement(const Problem& p, const std::vector<int>& unit_of_item) {
  Placement out;
  for (const Chain& c : p.chains) {
    std::vector<UnitId> row;
    for (int k : c.item) row.emplace_back(unit_of_item[k]);
    out.unit_of.push_back(std::move(row));
  }
  return out;
}

std::vector<int> to_item_units(const Problem& p, const Placement& placement) {
  std::vector<int> units(p.item_count(), -1);
  for (std::size_t u = 0; u < p.chains.size(); ++u)
    for (int j = 0; j < p.chains[u].size(); ++j) units[p.chains[u].item[j]] = placement.unit_of[u][j].value;
  return units;
}

}  // namespace cnnplace

namespace cnnplace {

double chain_cost(const Problem& p, int u, const std::vector<int>& unit_of_item) {
  const Chain& c = p.chains[u];
  double cost = 0;
  for (int j = 0; j < c.size(); ++j) {
    const int i = unit_of_item[c.item[j]];
    cost += p.node_cost(u, j, i);
    if (j > 0) cost += c.arc_weight[j - 1] * p.T(unit_of_item[c.item[j - 1]], i);
  }
  return cost;
}

double placement_cost(const Problem& p, const std::vector<int>& unit_of_item) {
  double cost = 0;
  for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) cost += chain_cost(p, u, unit_of_item);
  return cost;
}

}  // namespace cnnplace
