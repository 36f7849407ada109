#include "differential/agreement.hpp"

#include <fmt/format.h>

#include <cmath>

#include "model/evaluate.hpp"

namespace cnnplace::testing {
namespace {

bool limited(const SolverOptions& o) {
  return std::isfinite(o.time_limit_s) || std::isfinite(o.node_limit) || o.interrupt != nullptr;
}

// The slack the solver may take when it prunes (options.hpp: abs and rel tolerance), twice,
// plus the reference's own.
double slack(const SolverOptions& o, const Reference& ref) {
  return 2 * (o.abs_tolerance_s + o.rel_tolerance * std::fabs(ref.objective)) + ref.tolerance + 1e-15;
}

std::string check_placement(const Instance& inst, const SolveResult& r) {
  if (!r.placement) return "";
  const auto violations = check(inst, *r.placement);
  if (!violations.empty()) return "the placement violates: " + violations.front().message;
  const double value = evaluate(inst, *r.placement).objective();
  if (std::fabs(value - r.objective_s) > 1e-9 * std::fabs(value) + 1e-15)
    return fmt::format("objective {:.17g} but evaluate() gives {:.17g}", r.objective_s, value);
  return "";
}

}  // namespace

std::string disagreement(const Instance& inst, const SolverOptions& o, const SolveResult& r, const Reference& ref) {
  const std::string status = to_string(r.status);
  if (r.status == SolveStatus::invalid_input) return "invalid_input on a valid instance: " + r.message;
  if ((r.status == SolveStatus::optimal || r.status == SolveStatus::feasible) && !r.placement)
    return status + " without a placement";
  if (std::string bad = check_placement(inst, r); !bad.empty()) return bad;
  if (!ref.feasible) {
    if (r.placement) return fmt::format("{} with objective {:.17g}, reference says infeasible", status, r.objective_s);
    if (r.status == SolveStatus::no_solution && !limited(o)) return "no_solution without any limit";
    if (r.status == SolveStatus::infeasible && r.message.empty()) return "infeasible without a reason";
    return "";
  }
  const double tol = slack(o, ref);
  if (r.status == SolveStatus::infeasible)
    return fmt::format("infeasible ({}), reference optimum {:.17g}", r.message, ref.objective);
  if (r.status == SolveStatus::no_solution)
    return limited(o) ? "" : fmt::format("no_solution without a limit, reference optimum {:.17g}", ref.objective);
  if (r.status == SolveStatus::feasible && !limited(o)) return "feasible (not optimal) without a limit";
  if (r.objective_s < ref.objective - tol)
    return fmt::format("objective {:.17g} below the reference optimum {:.17g}", r.objective_s, ref.objective);
  if (r.lower_bound_s > ref.objective + tol)
    return fmt::format("lower bound {:.17g} above the reference optimum {:.17g}", r.lower_bound_s, ref.objective);
  if (r.status == SolveStatus::optimal && r.objective_s > ref.objective + tol)
    return fmt::format("optimal {:.17g} but the reference optimum is {:.17g}", r.objective_s, ref.objective);
  return "";
}

}  // namespace cnnplace::testing
