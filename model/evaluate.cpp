#include "model/evaluate.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

#include "model/capacity.hpp"
#include "model/errors.hpp"
#include "model/quantity.hpp"

namespace cnnplace {
namespace {

std::string layer_label(const Instance& inst, std::size_t u, int j) {
  const Cnn& cnn = inst.cnns[u];
  return fmt::format("layer {} ({}) of {}", j + 1, cnn.layers[j].name, cnn.name);
}

bool well_shaped(const Instance& inst, const Placement& p, std::vector<Violation>* out) {
  bool ok = true;
  auto report = [&](ViolationKind k, std::string msg) {
    ok = false;
    if (out) out->push_back({k, std::move(msg)});
  };
  if (p.unit_of.size() != inst.cnns.size()) {
    report(ViolationKind::shape, fmt::format("the placement has {} CNNs; the instance has {}",
                                             p.unit_of.size(), inst.cnns.size()));
    return false;
  }
  for (std::size_t u = 0; u < inst.cnns.size(); ++u) {
    if (p.unit_of[u].size() != inst.cnns[u].layers.size()) {
      report(ViolationKind::shape, fmt::format("the placement of {} has {} layers; it has {}",
                                               inst.cnns[u].name, p.unit_of[u].size(),
                                               inst.cnns[u].layers.size()));
      continue;
    }
    for (int j = 0; j < inst.cnns[u].size(); ++j) {
      const UnitId i = p.unit_of[u][j];
      if (i.value < 0 || i.value >= inst.unit_count())
        report(ViolationKind::unknown_unit,
               fmt::format("{} is placed on unit index {}, which does not exist",
                           layer_label(inst, u, j), i.value));
    }
  }
  return ok;
}

}  // namespace

Evaluation evaluate(const Instance& inst, const Placement& p) {
  std::vector<Violation> problems;
  if (!well_shaped(inst, p, &problems))
    throw InputError("placement", problems.front().message, "give one existing unit per layer");
  Evaluation ev;
  for (std::size_t u = 0; u < inst.cnns.size(); ++u) {
    const Cnn& cnn = inst.cnns[u];
    const auto& at = p.unit_of[u];
    LatencyBreakdown b;
    b.t_source = cnn.layers[0].probability * cnn.input_bytes * inst.transfer(cnn.source, at[0]);
    for (int j = 0; j < cnn.size(); ++j) {
      const Layer& layer = cnn.layers[j];
      const Unit& unit = inst.units[at[j].index()];
      b.t_processing += inst.processing_probability(cnn, j) * layer.compute_mults / unit.speed_mults_per_s;
      b.t_sink += cnn.exit_probability(j) * cnn.decision_bytes() * inst.transfer(at[j], cnn.sink);
      if (j + 1 < cnn.size())
        b.t_links += cnn.layers[j + 1].probability * layer.output_bytes * inst.transfer(at[j], at[j + 1]);
    }
    ev.per_cnn.push_back(b);
    ev.total += b;
  }
  return ev;
}

std::vector<Violation> check(const Instance& inst, const Placement& p) {
  std::vector<Violation> out;
  if (!well_shaped(inst, p, &out)) return out;

  // Shared groups: one unit for all members; the group is charged once.
  std::map<LayerRef, std::size_t> group_of;
  for (std::size_t g = 0; g < inst.shared_groups.size(); ++g) {
    const auto& members = inst.shared_groups[g].members;
    for (LayerRef r : members) group_of.emplace(r, g);
    for (LayerRef r : members)
      if (p.at(r.cnn, r.layer) != p.at(members[0].cnn, members[0].layer))
        out.push_back({ViolationKind::shared_split,
                       fmt::format("shared group {}: {} is on {} but {} is on {}", g + 1,
                                   layer_label(inst, members[0].cnn.index(), members[0].layer),
                                   inst.units[p.at(members[0].cnn, members[0].layer).index()].name,
                                   layer_label(inst, r.cnn.index(), r.layer),
                                   inst.units[p.at(r.cnn, r.layer).index()].name)});
  }

  struct Load {
    int layers = 0;
    double memory = 0, compute = 0;
  };
  std::vector<Load> load(inst.units.size());
  std::set<std::pair<std::size_t, std::size_t>> charged;  // (group, unit) already counted
  for (std::size_t u = 0; u < inst.cnns.size(); ++u)
    for (int j = 0; j < inst.cnns[u].size(); ++j) {
      const std::size_t i = p.unit_of[u][j].index();
      auto g = group_of.find(LayerRef{CnnId(u), j});
      if (g != group_of.end() && !charged.insert({g->second, i}).second) continue;
      const Layer& layer = inst.cnns[u].layers[j];
      load[i].layers += 1;
      load[i].memory += layer.memory_bytes;
      load[i].compute += layer.compute_mults;
    }
  for (std::size_t i = 0; i < inst.units.size(); ++i) {
    const Unit& unit = inst.units[i];
    if (load[i].layers > unit.layer_limit)
      out.push_back({ViolationKind::layer_limit,
                     fmt::format("unit {} runs {} layers; its limit L is {}", unit.name,
                                 load[i].layers, unit.layer_limit)});
    if (!fits(load[i].memory, unit.memory_bytes))
      out.push_back({ViolationKind::memory,
                     fmt::format("unit {} holds {} of weights; it has {}", unit.name,
                                 format_bytes(load[i].memory), format_bytes(unit.memory_bytes))});
    if (!fits(load[i].compute, unit.compute_mults))
      out.push_back({ViolationKind::compute,
                     fmt::format("unit {} runs {} multiplications per inference; its limit is {}",
                                 unit.name, format_count(load[i].compute),
                                 format_count(unit.compute_mults))});
  }
  return out;
}

}  // namespace cnnplace
