// Building the flow-linearised MIP and reading a solution back (docs/mip-formulation.md).
//
// Invariant of the model built here: for every integral x that satisfies the assignment and
// capacity rows, the flow rows admit exactly one y (y[a,b,i,k] = x[a,i] x[b,k]), and the
// objective then equals evaluate() of the placement x encodes. The tests check this against
// a brute force with CBC and GLPK.
#include "model/mip_export.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <utility>

#include "model/capacity.hpp"
#include "model/errors.hpp"

namespace cnnplace {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// A pair of consecutive items (a before b in some chain) and who pays for its transfers.
struct ItemPair {
  ItemId a, b;
  std::vector<LayerRef> links;  // (u, j): the transfer from layer j to j+1 of CNN u
};

class Builder {
 public:
  Builder(const Instance& inst, MipFormulation f) : inst_(inst) {
    model_.name = inst.name;
    model_.formulation = f;
    model_.items = build_items(inst);
    x_.assign(model_.items.size(), std::vector<int>(inst.units.size(), -1));
  }

  MipModel build() {
    add_assignment_variables();
    add_assignment_rows();
    add_capacity_rows();
    for (const ItemPair& pair : consecutive_pairs()) {
      if (model_.formulation == MipFormulation::naive)
        add_naive_products(pair);
      else
        add_flows(pair);
    }
    return std::move(model_);
  }

 private:
  const Item& item(ItemId k) const { return model_.items.items[k.index()]; }

  bool fits_alone(const Item& it, const Unit& unit) const {
    return unit.layer_limit >= 1 && fits(it.memory_bytes, unit.memory_bytes) &&
           fits(it.compute_mults, unit.compute_mults);
  }

  // Whether items a and b may both run on unit i (the tightening of design.md).
  bool can_share(ItemId a, ItemId b, UnitId i) const {
    const Unit& unit = inst_.units[i.index()];
    return unit.layer_limit >= 2 &&
           fits(item(a).memory_bytes + item(b).memory_bytes, unit.memory_bytes) &&
           fits(item(a).compute_mults + item(b).compute_mults, unit.compute_mults);
  }

  int add_variable(std::string name, double upper, bool binary, double cost) {
    if (!std::isfinite(cost))
      throw InputError("instance", fmt::format("the cost of MIP variable {} is not finite", name),
                       "every unit must reach every source and sink: validate the instance");
    model_.variables.push_back({std::move(name), 0.0, upper, binary, cost});
    return static_cast<int>(model_.variables.size()) - 1;
  }

  // Source, processing and sink time of every member of item k when it runs on unit i.
  double assignment_cost(ItemId k, UnitId i) const {
    const Unit& unit = inst_.units[i.index()];
    double cost = 0;
    for (LayerRef r : item(k).members) {
      const Cnn& cnn = inst_.cnns[r.cnn.index()];
      const Layer& layer = cnn.layers[r.layer];
      if (r.layer == 0) cost += layer.probability * cnn.input_bytes * inst_.transfer(cnn.source, i);
      cost += inst_.processing_probability(cnn, r.layer) * layer.compute_mults / unit.speed_mults_per_s;
      cost += cnn.exit_probability(r.layer) * cnn.decision_bytes() * inst_.transfer(i, cnn.sink);
    }
    return cost;
  }

  void add_assignment_variables() {
    for (int k = 0; k < model_.items.size(); ++k)
      for (int i = 0; i < inst_.unit_count(); ++i) {
        if (!fits_alone(item(ItemId(k)), inst_.units[i])) continue;
        const std::string name = fmt::format("x_{}_{}", k, i);
        const int v = add_variable(name, 1.0, true, assignment_cost(ItemId(k), UnitId(i)));
        x_[k][i] = v;
        model_.assignment_of[name] = {ItemId(k), UnitId(i)};
        model_.assignment_variables.push_back(v);
      }
  }

  void add_assignment_rows() {
    for (int k = 0; k < model_.items.size(); ++k) {
      MipRow row{fmt::format("assign_{}", k), {}, RowSense::eq, 1.0};
      for (int v : x_[k])
        if (v >= 0) row.terms.push_back({v, 1.0});
      model_.rows.push_back(std::move(row));
    }
  }

  // Per unit: layers <= L_i, memory <= mbar_i, compute <= cbar_i, each only when the
  // candidate items together could exceed it.
  void add_capacity_rows() {
    for (int i = 0; i < inst_.unit_count(); ++i) {
      const Unit& unit = inst_.units[i];
      MipRow layers{fmt::format("layers_{}", i), {}, RowSense::le, double(unit.layer_limit)};
      MipRow memory{fmt::format("memory_{}", i), {}, RowSense::le, unit.memory_bytes};
      MipRow compute{fmt::format("compute_{}", i), {}, RowSense::le, unit.compute_mults};
      double memory_sum = 0, compute_sum = 0;
      for (int k = 0; k < model_.items.size(); ++k) {
        const int v = x_[k][i];
        if (v < 0) continue;
        const Item& it = item(ItemId(k));
        layers.terms.push_back({v, 1.0});
        if (it.memory_bytes > 0) memory.terms.push_back({v, it.memory_bytes});
        if (it.compute_mults > 0) compute.terms.push_back({v, it.compute_mults});
        memory_sum += it.memory_bytes;
        compute_sum += it.compute_mults;
      }
      if (unit.layer_limit < static_cast<int>(layers.terms.size())) model_.rows.push_back(std::move(layers));
      if (!fits(memory_sum, unit.memory_bytes)) model_.rows.push_back(std::move(memory));
      if (!fits(compute_sum, unit.compute_mults)) model_.rows.push_back(std::move(compute));
    }
  }

  // Consecutive items of every chain, merged when several chains link the same two items
  // (a shared prefix): one y then carries the summed transfer cost.
  std::vector<ItemPair> consecutive_pairs() const {
    std::map<std::pair<int, int>, ItemPair> pairs;
    for (std::size_t u = 0; u < inst_.cnns.size(); ++u)
      for (int j = 0; j + 1 < inst_.cnns[u].size(); ++j) {
        const ItemId a = model_.items.of({CnnId(u), j}), b = model_.items.of({CnnId(u), j + 1});
        if (a == b) continue;  // one item twice in a row: invalid input, nothing moves
        ItemPair& pair = pairs[{a.value, b.value}];
        pair.a = a;
        pair.b = b;
        pair.links.push_back({CnnId(u), j});
      }
    std::vector<ItemPair> out;
    for (auto& entry : pairs) out.push_back(std::move(entry.second));
    return out;
  }

  double transfer_cost(const ItemPair& pair, int i, int k) const {
    if (i == k) return 0;
    double cost = 0;
    for (LayerRef r : pair.links) {
      const Cnn& cnn = inst_.cnns[r.cnn.index()];
      cost += cnn.layers[r.layer + 1].probability * cnn.layers[r.layer].output_bytes *
              inst_.transfer(UnitId(i), UnitId(k));
    }
    return cost;
  }

  void add_flows(const ItemPair& pair) {
    const int a = pair.a.value, b = pair.b.value, n = inst_.unit_count();
    const bool tight = model_.formulation == MipFormulation::strong_tight;
    std::vector<MipRow> out(n), in(n);
    for (int i = 0; i < n; ++i) {
      out[i] = {fmt::format("out_{}_{}_{}", a, b, i), {}, RowSense::eq, 0.0};
      in[i] = {fmt::format("in_{}_{}_{}", a, b, i), {}, RowSense::eq, 0.0};
    }
    for (int i = 0; i < n; ++i) {
      if (x_[a][i] < 0) continue;
      for (int k = 0; k < n; ++k) {
        if (x_[b][k] < 0) continue;
        if (tight && i == k && !can_share(pair.a, pair.b, UnitId(i))) continue;
        const int y = add_variable(fmt::format("y_{}_{}_{}_{}", a, b, i, k), kInfinity, false,
                                   transfer_cost(pair, i, k));
        out[i].terms.push_back({y, 1.0});
        in[k].terms.push_back({y, 1.0});
      }
    }
    for (int i = 0; i < n; ++i) {
      if (x_[a][i] >= 0) {
        out[i].terms.push_back({x_[a][i], -1.0});
        model_.rows.push_back(std::move(out[i]));
      }
    }
    for (int k = 0; k < n; ++k) {
      if (x_[b][k] >= 0) {
        in[k].terms.push_back({x_[b][k], -1.0});
        model_.rows.push_back(std::move(in[k]));
      }
    }
  }

  // y >= x[a,i] + x[b,k] - 1 for every pair with a positive cost (a zero-cost y would be 0).
  void add_naive_products(const ItemPair& pair) {
    const int a = pair.a.value, b = pair.b.value, n = inst_.unit_count();
    for (int i = 0; i < n; ++i) {
      if (x_[a][i] < 0) continue;
      for (int k = 0; k < n; ++k) {
        if (x_[b][k] < 0) continue;
        const double cost = transfer_cost(pair, i, k);
        if (!(cost > 0)) continue;
        const int y = add_variable(fmt::format("y_{}_{}_{}_{}", a, b, i, k), kInfinity, false, cost);
        model_.rows.push_back({fmt::format("prod_{}_{}_{}_{}", a, b, i, k),
                               {{y, 1.0}, {x_[a][i], -1.0}, {x_[b][k], -1.0}},
                               RowSense::ge, -1.0});
      }
    }
  }

  const Instance& inst_;
  MipModel model_;
  std::vector<std::vector<int>> x_;  // [item][unit] -> variable index, -1 if not a candidate
};

}  // namespace

const char* to_string(MipFormulation f) {
  switch (f) {
    case MipFormulation::strong: return "strong";
    case MipFormulation::strong_tight: return "strong_tight";
    case MipFormulation::naive: return "naive";
  }
  return "?";
}

const char* to_string(MipFormat f) { return f == MipFormat::lp ? "lp" : "mps"; }

int MipModel::binary_count() const {
  int n = 0;
  for (const MipVariable& v : variables) n += v.binary ? 1 : 0;
  return n;
}

long MipModel::nonzero_count() const {
  long n = 0;
  for (const MipRow& r : rows) n += static_cast<long>(r.terms.size());
  return n;
}

MipModel build_mip(const Instance& instance, MipFormulation formulation) {
  return Builder(instance, formulation).build();
}

void scale_objective(MipModel& model, double factor) {
  for (MipVariable& v : model.variables) v.cost *= factor;
  model.objective_constant *= factor;
}

double mip_objective(const MipModel& model, const std::map<std::string, double>& values) {
  double total = model.objective_constant;
  for (const MipVariable& v : model.variables) {
    if (v.cost == 0) continue;
    auto it = values.find(v.name);
    if (it != values.end()) total += v.cost * it->second;
  }
  return total;
}

Placement decode_mip_solution(const Instance& instance, const MipModel& model,
                              const std::map<std::string, double>& values) {
  std::vector<UnitId> unit_of_item(model.items.items.size());
  std::vector<double> best(model.items.items.size(), 0.5);
  for (int v : model.assignment_variables) {
    const std::string& name = model.variables[v].name;
    auto value = values.find(name);
    if (value == values.end()) continue;
    const MipAssignment& where = model.assignment_of.at(name);
    if (value->second > best[where.item.index()]) {
      best[where.item.index()] = value->second;
      unit_of_item[where.item.index()] = where.unit;
    }
  }
  Placement p;
  p.unit_of.resize(instance.cnns.size());
  for (std::size_t u = 0; u < instance.cnns.size(); ++u)
    for (int j = 0; j < instance.cnns[u].size(); ++j) {
      const ItemId k = model.items.of({CnnId(u), j});
      if (!unit_of_item[k.index()].valid())
        throw InputError("MIP solution",
                         fmt::format("layer {} of {} (item {}) has no x_{}_* above 0.5", j + 1,
                                     instance.cnns[u].name, k.value, k.value),
                         "give an integral solution of the model exported for this instance");
      p.unit_of[u].push_back(unit_of_item[k.index()]);
    }
  return p;
}

}  // namespace cnnplace
