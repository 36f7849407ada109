// run_instance(), disagreements() and known_optimum() (compare.hpp).
#include "bench/compare/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "bench/mip/encode.hpp"
#include "bench/mip/mip_runner.hpp"
#include "model/evaluate.hpp"
#include "solver/solve.hpp"

#ifndef CNNPLACE_VERSION
#define CNNPLACE_VERSION "?"
#endif

namespace cnnplace::bench {

const char* to_string(RunStatus s) {
  switch (s) {
    case RunStatus::optimal: return "optimal";
    case RunStatus::time_limit: return "time_limit";
    case RunStatus::infeasible: return "infeasible";
    case RunStatus::error: return "error";
  }
  return "?";
}

namespace {

void append_note(Row& row, const std::string& note) {
  row.note += (row.note.empty() ? "" : "; ") + note;
}

std::string first_of(const std::vector<std::string>& names) {
  return names.size() == 1 ? names.front() : fmt::format("{} (and {} more)", names.front(), names.size() - 1);
}

Row run_cnnplace(const Instance& instance, const MipModel* model, const CompareOptions& options) {
  Row row;
  row.solver = "cnnplace";
  row.version = CNNPLACE_VERSION;
  SolverOptions o;
  o.threads = 1;
  o.time_limit_s = options.time_limit_s;
  o.progress_interval_s = 0;
  const SolveResult r = solve(instance, o);
  row.seconds = r.stats.seconds;
  row.nodes = r.stats.nodes;
  switch (r.status) {
    case SolveStatus::optimal: row.status = RunStatus::optimal; break;
    case SolveStatus::feasible:
    case SolveStatus::no_solution: row.status = RunStatus::time_limit; break;
    case SolveStatus::infeasible: row.status = RunStatus::infeasible; break;
    case SolveStatus::invalid_input: row.status = RunStatus::error; append_note(row, r.message); break;
  }
  if (row.status == RunStatus::infeasible || row.status == RunStatus::error) return row;
  row.bound = r.lower_bound_s;
  if (!r.placement) return row;
  const Evaluation e = evaluate(instance, *r.placement);
  row.objective = e.objective();
  row.gap = (*row.objective - *row.bound) / *row.objective;
  if (!check(instance, *r.placement).empty()) {
    row.status = RunStatus::error;
    append_note(row, "the placement fails check()");
  }
  if (std::fabs(e.objective() - r.objective_s) > 1e-9 * e.objective()) {
    row.status = RunStatus::error;
    append_note(row, fmt::format("reported {:.12g} s but evaluate() gives {:.12g} s", r.objective_s, e.objective()));
  }
  if (model) {  // the placement as MIP values: every row holds and the MIP objective agrees
    const auto values = mip::encode_placement(*model, *r.placement);
    const auto broken = mip::violated_rows(*model, values);
    if (!broken.empty()) {
      row.status = RunStatus::error;
      append_note(row, fmt::format("encoded as MIP values it breaks row {}", first_of(broken)));
    }
    const double m = mip_objective(*model, values);
    if (std::fabs(m - e.objective()) > 1e-9 * e.objective()) {
      row.status = RunStatus::error;
      append_note(row, fmt::format("MIP objective of the encoded placement {:.12g} s != {:.12g} s", m, e.objective()));
    }
  }
  return row;
}

Row run_mip_solver(const Instance& instance, const MipModel& model, const std::string& solver,
                   const CompareOptions& options) {
  mip::MipRunOptions o;
  o.time_limit_s = options.time_limit_s;
  o.formulation = options.formulation;
  const mip::MipRun run = mip::run_mip(instance, model, solver, o);
  Row row;
  row.solver = solver;
  row.version = run.version;
  row.seconds = run.seconds;
  row.nodes = static_cast<double>(run.nodes);
  switch (run.status) {
    case mip::MipStatus::optimal: row.status = RunStatus::optimal; break;
    case mip::MipStatus::time_limit: row.status = RunStatus::time_limit; break;
    case mip::MipStatus::infeasible: row.status = RunStatus::infeasible; break;
    case mip::MipStatus::error: row.status = RunStatus::error; break;
  }
  if (!run.message.empty()) append_note(row, run.message);
  if (run.killed) append_note(row, "killed past the time limit");
  if (std::isfinite(run.bound)) row.bound = run.bound;
  if (run.placement) {
    row.objective = run.evaluated;
    if (!run.verified()) {
      row.status = RunStatus::error;
      append_note(row, run.violations.empty()
                           ? fmt::format("MIP objective {:.12g} s but evaluate() gives {:.12g} s", run.objective,
                                         run.evaluated)
                           : "the decoded placement fails check(): " + run.violations.front());
    }
  } else if (row.status == RunStatus::optimal) {
    row.status = RunStatus::error;
  }
  if (row.status == RunStatus::optimal) row.bound = row.objective;  // proven, to its tolerances
  if (row.objective && row.bound) row.gap = (*row.objective - *row.bound) / *row.objective;
  return row;
}

bool differ(double a, double b, double tolerance) {
  return std::fabs(a - b) > tolerance * std::max(std::fabs(a), std::fabs(b));
}

}  // namespace

std::vector<Row> run_instance(const Instance& instance, const std::string& cell, const CompareOptions& options,
                              int rotation) {
  const bool any_mip = std::any_of(options.solvers.begin(), options.solvers.end(),
                                   [](const std::string& s) { return s != "cnnplace"; });
  std::optional<MipModel> model;
  std::string model_error;
  if (any_mip) {
    try {
      model = build_mip(instance, options.formulation);
    } catch (const std::exception& e) {
      model_error = e.what();
    }
  }
  const std::size_t n = options.solvers.size();
  std::vector<Row> rows(n);
  for (std::size_t t = 0; t < n; ++t) {
    const std::size_t s = (t + static_cast<std::size_t>(rotation)) % n;
    const std::string& solver = options.solvers[s];
    if (solver == "cnnplace") {
      rows[s] = run_cnnplace(instance, model ? &*model : nullptr, options);
    } else if (model) {
      rows[s] = run_mip_solver(instance, *model, solver, options);
    } else {
      rows[s].solver = solver;
      rows[s].note = "no MIP model: " + model_error;
    }
    rows[s].instance = instance.name;
    rows[s].cell = cell;
  }
  return rows;
}

std::vector<Disagreement> disagreements(const std::vector<Row>& rows, double tolerance) {
  std::vector<Disagreement> out;
  auto add = [&](const Row& r, std::string what) { out.push_back({r.instance, std::move(what)}); };
  for (const Row& r : rows)
    if (r.status == RunStatus::error && r.objective)  // an answer that fails its own check
      add(r, fmt::format("{}: {}", r.solver, r.note));
  for (const Row& a : rows)
    for (const Row& b : rows) {
      if (&a == &b) continue;
      if (a.status == RunStatus::optimal && b.status == RunStatus::optimal && &a < &b &&
          differ(*a.objective, *b.objective, tolerance))
        add(a, fmt::format("{} proves {:.12g} s, {} proves {:.12g} s", a.solver, *a.objective, b.solver,
                           *b.objective));
      if (a.status == RunStatus::optimal && b.status != RunStatus::optimal && b.status != RunStatus::error &&
          b.objective && *b.objective < *a.objective && differ(*a.objective, *b.objective, tolerance))
        add(a, fmt::format("{} proves {:.12g} s optimal, but {} found a placement of {:.12g} s", a.solver,
                           *a.objective, b.solver, *b.objective));
      if (a.status == RunStatus::infeasible && b.objective && b.status != RunStatus::error)
        add(a, fmt::format("{} proves the instance infeasible, but {} found a placement of {:.12g} s", a.solver,
                           b.solver, *b.objective));
      if (a.status == RunStatus::optimal && b.bound && b.status == RunStatus::time_limit &&
          *b.bound > *a.objective && differ(*a.objective, *b.bound, tolerance))
        add(a, fmt::format("{} proves {:.12g} s optimal, but {} proves a bound of {:.12g} s", a.solver,
                           *a.objective, b.solver, *b.bound));
    }
  return out;
}

std::optional<KnownOptimum> known_optimum(const std::vector<Row>& rows) {
  std::optional<KnownOptimum> k;
  for (const Row& r : rows) {
    if (r.status != RunStatus::optimal || !r.objective) continue;
    if (!k) k = KnownOptimum{*r.objective, {}};
    k->proven_by.push_back(r.solver);
  }
  return k;
}

}  // namespace cnnplace::bench
