#include "solver/infeasibility.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

#include "model/capacity.hpp"
#include "model/quantity.hpp"

namespace cnnplace {
namespace {

std::string item_label(const Problem& p, int k) {
  const Instance& inst = *p.instance;
  const LayerRef r = p.items.items[k].members.front();
  const Cnn& c = inst.cnns[r.cnn.index()];
  std::string label = fmt::format("layer {} ({}) of {}", r.layer + 1, c.layers[r.layer].name, c.name);
  if (p.items.items[k].members.size() > 1) label += " (shared)";
  return label;
}

std::optional<std::string> no_unit_fits(const Problem& p, int k) {
  const Instance& inst = *p.instance;
  double max_memory = 0, max_compute = 0;
  int max_limit = 0;
  for (const Unit& u : inst.units) {
    max_memory = std::max(max_memory, u.memory_bytes);
    max_compute = std::max(max_compute, u.compute_mults);
    max_limit = std::max(max_limit, u.layer_limit);
  }
  if (max_limit < 1) return fmt::format("every unit has L = 0, so no unit may run {} (raise \"L\", for the instance or on some units)",
                       item_label(p, k));
  if (!fits(p.item_memory[k], max_memory))
    return fmt::format("{} needs {} of memory; the largest unit holds {} (add a unit with more memory)",
                       item_label(p, k), format_bytes(p.item_memory[k]), format_bytes(max_memory));
  if (!fits(p.item_compute[k], max_compute))
    return fmt::format("{} needs {} multiplications; the largest compute capacity is {} (add a unit with more "
                       "compute, or raise \"compute\")",
                       item_label(p, k), format_count(p.item_compute[k]), format_count(max_compute));
  return fmt::format("{} fits on no single unit (memory {}, compute {}, and L >= 1 on the same unit)",
                     item_label(p, k), format_bytes(p.item_memory[k]), format_count(p.item_compute[k]));
}

std::string unit_list(const Problem& p, const std::vector<int>& units) {
  std::vector<std::string> names;
  for (std::size_t n = 0; n < units.size() && n < 6; ++n) names.push_back(p.instance->units[units[n]].name);
  std::string s = fmt::format("{}", fmt::join(names, ", "));
  if (units.size() > 6) s += fmt::format(", ... ({} in all)", units.size());
  return s;
}

// Hall's condition on each distinct candidate set S: the items whose candidates lie
// within S must fit into S's total capacities.
std::optional<std::string> hall_violation(const Problem& p) {
  std::map<std::vector<int>, int> sets;
  for (int k = 0; k < p.item_count(); ++k) sets.emplace(p.candidates[k], k);
  std::vector<int> all(p.units);
  for (int i = 0; i < p.units; ++i) all[i] = i;
  sets.emplace(all, -1);
  for (const auto& [S, any] : sets) {
    long long layers_cap = 0;
    double memory_cap = 0, compute_cap = 0;
    for (int i : S) {
      layers_cap = std::min<long long>(layers_cap + p.layer_limit[i], 1LL << 40);
      memory_cap += p.memory_cap[i];
      compute_cap += p.compute_cap[i];
    }
    int count = 0;
    double memory = 0, compute = 0;
    for (int k = 0; k < p.item_count(); ++k)
      if (std::includes(S.begin(), S.end(), p.candidates[k].begin(), p.candidates[k].end())) {
        ++count;
        memory += p.item_memory[k];
        compute += p.item_compute[k];
      }
    const bool everyone = static_cast<int>(S.size()) == p.units;
    const std::string where = everyone ? fmt::format("the {} units", p.units)
                                       : fmt::format("{} unit{} ({})", S.size(), S.size() == 1 ? "" : "s", unit_list(p, S));
    const std::string what = everyone ? fmt::format("{} layers", count)
                                      : fmt::format("{} layers fit only on {}", count, where);
    if (count > layers_cap)
      return everyone ? fmt::format("there are {} layers to place but the units may run only {} in all (their L limits); raise L or add units",
                                    count, layers_cap)
                      : fmt::format("{}, which may run only {} layers in all (their L limits); raise L or add units that can hold these layers",
                                    what, layers_cap);
    if (!fits(memory, memory_cap))
      return fmt::format("{} need {} of memory; {} hold {} in all; add memory or units", what,
                         format_bytes(memory), where, format_bytes(memory_cap));
    if (!fits(compute, compute_cap))
      return fmt::format("{} need {} multiplications; {} allow {} in all", what, format_count(compute), where,
                         format_count(compute_cap));
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> explain_infeasibility(const Problem& p) {
  for (int k = 0; k < p.item_count(); ++k)
    if (p.candidates[k].empty()) return no_unit_fits(p, k);
  return hall_violation(p);
}

}  // namespace cnnplace
