#pragma once
// The front door (style.md #1): solve(instance, options) -> SolveResult.
//
//   cnnplace::SolveResult r = cnnplace::solve(instance);
//   if (r.status == cnnplace::SolveStatus::optimal) use(*r.placement, r.objective_s);
//
// Never throws for bad input: an invalid instance or option comes back as
// SolveStatus::invalid_input with the message naming the field.
#include "model/instance.hpp"
#include "solver/options.hpp"
#include "solver/result.hpp"

namespace cnnplace {

SolveResult solve(const Instance& instance, const SolverOptions& options = {});

}  // namespace cnnplace
