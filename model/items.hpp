#pragma once
// Placement items: what the solver actually assigns. A layer that belongs to a shared group
// is one item with its group (all members on one unit, charged once in the capacities);
// every other layer is an item of its own.
#include <vector>

#include "model/ids.hpp"
#include "model/instance.hpp"

namespace cnnplace {

struct Item {
  std::vector<LayerRef> members;  // in (cnn, layer) order; one member unless shared
  double memory_bytes = 0;        // charged once: the largest member's (they are equal when valid)
  double compute_mults = 0;
};

struct ItemIndex {
  std::vector<Item> items;
  std::vector<std::vector<ItemId>> item_of;  // [cnn][layer]

  int size() const { return static_cast<int>(items.size()); }
  ItemId of(LayerRef r) const { return item_of[r.cnn.index()][r.layer]; }
};

// Items in the order (cnn, layer) of their first member. Assumes a validated instance.
ItemIndex build_items(const Instance& instance);

}  // namespace cnnplace
