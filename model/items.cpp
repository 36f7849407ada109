#include "model/items.hpp"

#include <algorithm>

namespace cnnplace {

ItemIndex build_items(const Instance& inst) {
  ItemIndex index;
  index.item_of.resize(inst.cnns.size());
  for (std::size_t u = 0; u < inst.cnns.size(); ++u)
    index.item_of[u].assign(inst.cnns[u].layers.size(), ItemId{});

  // Union the groups first so that a layer named by two groups joins one item.
  std::vector<std::vector<LayerRef>> group_of_first;
  for (const SharedGroup& g : inst.shared_groups) {
    std::vector<LayerRef> members = g.members;
    std::sort(members.begin(), members.end());
    group_of_first.push_back(members);
  }
  auto assign = [&](const std::vector<LayerRef>& members) {
    ItemId existing;
    for (LayerRef r : members)
      if (index.of(r).valid()) existing = index.of(r);
    if (!existing.valid()) {
      existing = ItemId(index.items.size());
      index.items.emplace_back();
    }
    Item& item = index.items[existing.index()];
    for (LayerRef r : members) {
      if (index.of(r).valid()) continue;
      index.item_of[r.cnn.index()][r.layer] = existing;
      item.members.push_back(r);
      item.memory_bytes = std::max(item.memory_bytes, inst.layer(r).memory_bytes);
      item.compute_mults = std::max(item.compute_mults, inst.layer(r).compute_mults);
    }
  };
  for (const auto& members : group_of_first) assign(members);
  for (std::size_t u = 0; u < inst.cnns.size(); ++u)
    for (int j = 0; j < inst.cnns[u].size(); ++j)
      if (!index.item_of[u][j].valid()) assign({LayerRef{CnnId(u), j}});

  // Renumber in (cnn, layer) order of first member so that ids read naturally.
  for (Item& item : index.items) std::sort(item.members.begin(), item.members.end());
  std::vector<std::size_t> order(index.items.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return index.items[a].members.front() < index.items[b].members.front();
  });
  ItemIndex sorted;
  sorted.item_of = index.item_of;
  for (std::size_t k = 0; k < order.size(); ++k) {
    sorted.items.push_back(index.items[order[k]]);
    for (LayerRef r : sorted.items.back().members) sorted.item_of[r.cnn.index()][r.layer] = ItemId(k);
  }
  return sorted;
}

}  // namespace cnnplace
