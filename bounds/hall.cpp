#include "bounds/hall.hpp"

#include <algorithm>
#include <map>

#include "model/capacity.hpp"

namespace cnnplace {

HallSets build_hall_sets(const Problem& p) {
  HallSets h;
  h.sets_of_unit.resize(p.units);
  h.demand_of_item.resize(p.item_count());
  std::map<std::vector<int>, int> index;
  const double K = p.item_count();
  for (int k = 0; k < p.item_count(); ++k) {
    const std::vector<int>& S = p.candidates[k];
    if (S.empty() || static_cast<int>(S.size()) == p.units || index.count(S)) continue;
    HallSets::Set set;
    set.member.assign(p.units, 0);
    for (int i : S) {
      set.member[i] = 1;
      set.slots += std::min<double>(p.layer_limit[i], K);
      set.memory += p.memory_cap[i];
      set.compute += p.compute_cap[i];
    }
    index.emplace(S, static_cast<int>(h.sets.size()));
    h.sets.push_back(std::move(set));
  }
  for (const auto& [S, s] : index)
    for (int i : S) h.sets_of_unit[i].push_back(s);
  for (int k = 0; k < p.item_count(); ++k)
    for (const auto& [S, s] : index)
      if (std::includes(S.begin(), S.end(), p.candidates[k].begin(), p.candidates[k].end()))
        h.demand_of_item[k].push_back(s);
  return h;
}

HallState::HallState(const Problem& p, const HallSets& h) {
  for (const HallSets::Set& s : h.sets) {
    slots.push_back(s.slots);
    memory.push_back(s.memory);
    compute.push_back(s.compute);
  }
  demand.assign(h.sets.size(), 0.0);
  demand_memory.assign(h.sets.size(), 0.0);
  demand_compute.assign(h.sets.size(), 0.0);
  for (int k = 0; k < p.item_count(); ++k)
    for (int s : h.demand_of_item[k]) {
      demand[s] += 1;
      demand_memory[s] += p.item_memory[k];
      demand_compute[s] += p.item_compute[k];
    }
}

void HallState::apply(const Problem& p, const HallSets& h, int k, int i, double sign) {
  for (int s : h.sets_of_unit[i]) {
    slots[s] -= sign;
    memory[s] -= sign * p.item_memory[k];
    compute[s] -= sign * p.item_compute[k];
  }
  for (int s : h.demand_of_item[k]) {
    demand[s] -= sign;
    demand_memory[s] -= sign * p.item_memory[k];
    demand_compute[s] -= sign * p.item_compute[k];
  }
}

bool HallState::allows(const Problem& p, const HallSets& h, int k, int i) const {
  auto ok = [&](int s, bool in_set, bool owed) {
    const double used = in_set ? 1 : 0, paid = owed ? 1 : 0;
    const double m = p.item_memory[k], c = p.item_compute[k];
    return demand[s] - paid <= slots[s] - used + 1e-9 &&
           fits(demand_memory[s] - paid * m, memory[s] - used * m) &&
           fits(demand_compute[s] - paid * c, compute[s] - used * c);
  };
  for (int s : h.sets_of_unit[i]) {
    const bool owed = std::find(h.demand_of_item[k].begin(), h.demand_of_item[k].end(), s) != h.demand_of_item[k].end();
    if (!ok(s, true, owed)) return false;
  }
  return true;
}

}  // namespace cnnplace
