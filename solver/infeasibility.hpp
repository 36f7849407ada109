#pragma once
// Cheap proofs of infeasibility with reasons a user can act on (design.md "Cheap
// infeasibility"): a layer that fits on no unit; more layers than all units may hold; and
// Hall's condition over the units an item can use (items that fit only on a set S of units
// must fit in S's total layer count, memory and compute). Checked before the search; the
// search proves the remaining cases.
#include <optional>
#include <string>

#include "bounds/problem.hpp"

namespace cnnplace {

std::optional<std::string> explain_infeasibility(const Problem& p);

}  // namespace cnnplace
