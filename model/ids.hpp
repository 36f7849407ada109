#pragma once
// Strong ids: an index that knows what it indexes, so that a unit id cannot be passed
// where a node id is expected. The value is a plain index into the owning vector.
#include <compare>
#include <cstddef>
#include <functional>

namespace cnnplace {

template <class Tag>
struct StrongId {
  int value = -1;

  constexpr StrongId() = default;
  constexpr explicit StrongId(int v) : value(v) {}
  constexpr explicit StrongId(std::size_t v) : value(static_cast<int>(v)) {}
  constexpr bool valid() const { return value >= 0; }
  constexpr std::size_t index() const { return static_cast<std::size_t>(value); }
  constexpr auto operator<=>(const StrongId&) const = default;
};

using NodeId = StrongId<struct NodeTag>;  // a node of the network (unit, source, sink, relay)
using UnitId = StrongId<struct UnitTag>;  // a computing unit
using CnnId = StrongId<struct CnnTag>;    // a CNN (one chain of layers)
using ItemId = StrongId<struct ItemTag>;  // a placement item: a layer, or a shared group

}  // namespace cnnplace

template <class Tag>
struct std::hash<cnnplace::StrongId<Tag>> {
  std::size_t operator()(cnnplace::StrongId<Tag> id) const noexcept {
    return std::hash<int>{}(id.value);
  }
};
