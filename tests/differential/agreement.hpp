#pragma once
// One judge for "does the solver's answer agree with an independent one?", shared by the
// differential program (cnnplace-differential) and the fuzz_solve target, so that both hold
// the solver to the same rules (style.md #8, #11):
//   - any placement passes check() and evaluate() equals the reported objective;
//   - lower bound <= reference optimum <= objective (within the pruning tolerances);
//   - "optimal" equals the reference; "infeasible" only when the reference is infeasible;
//   - "feasible" and "no_solution" only when a limit was set.
#include <string>

#include "model/instance.hpp"
#include "solver/options.hpp"
#include "solver/result.hpp"

namespace cnnplace::testing {

struct Reference {
  bool feasible = false;
  double objective = 0;     // the optimum when feasible
  double tolerance = 0;     // how far the reference itself may be from the true optimum
};

// Empty when `result` agrees with `reference`; otherwise what disagrees, in words.
std::string disagreement(const Instance& instance, const SolverOptions& options, const SolveResult& result,
                         const Reference& reference);

}  // namespace cnnplace::testing
