// run_mip(): export -> run in a temp dir -> parse -> decode -> check -> evaluate.
#include "bench/mip/mip_runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "bench/mip/process.hpp"
#include "model/errors.hpp"
#include "model/evaluate.hpp"

namespace cnnplace::mip {

const char* to_string(MipStatus s) {
  switch (s) {
    case MipStatus::optimal: return "optimal";
    case MipStatus::time_limit: return "time_limit";
    case MipStatus::infeasible: return "infeasible";
    case MipStatus::error: return "error";
  }
  return "?";
}

const std::vector<MipDriver>& mip_drivers() {
  static const std::vector<MipDriver> drivers{cbc_driver(), glpk_driver(), highs_driver(),
                                              scip_driver(), gurobi_driver()};
  return drivers;
}

std::vector<std::string> available_mip_solvers() {
  std::vector<std::string> names;
  for (const MipDriver& d : mip_drivers())
    if (find_on_path(d.binary)) names.push_back(d.name);
  return names;
}

bool MipRun::verified(double rel_tolerance) const {
  if (!placement || !violations.empty()) return false;
  return std::fabs(evaluated - objective) <= rel_tolerance * std::max(1e-12, std::fabs(evaluated));
}

namespace {

const MipDriver& driver_named(const std::string& solver) {
  for (const MipDriver& d : mip_drivers())
    if (d.name == solver) return d;
  std::string known;
  for (const MipDriver& d : mip_drivers()) known += (known.empty() ? "" : ", ") + d.name;
  throw InputError("solver", fmt::format("unknown MIP solver \"{}\"", solver), "use one of " + known);
}

std::string tail(const std::string& log, std::size_t chars = 600) {
  return log.size() <= chars ? log : "..." + log.substr(log.size() - chars);
}

// Decodes and checks the solution, filling placement, objective, evaluated and violations.
void check_solution(const Instance& instance, const MipModel& model,
                    const std::map<std::string, double>& values, MipRun& run) {
  if (values.empty()) return;
  try {
    Placement p = decode_mip_solution(instance, model, values);
    for (const Violation& v : check(instance, p)) run.violations.push_back(v.message);
    run.evaluated = evaluate(instance, p).objective();
    run.objective = mip_objective(model, values);
    run.placement = std::move(p);
  } catch (const InputError& e) {
    run.message = fmt::format("the solution does not decode: {}", e.what());
  }
}

}  // namespace

MipRun run_mip(const Instance& instance, const MipModel& model, const std::string& solver,
               const MipRunOptions& options) {
  const MipDriver& driver = driver_named(solver);
  MipRun run;
  run.solver = solver;
  run.formulation = model.formulation;
  run.format = options.format;
  run.variables = static_cast<int>(model.variables.size());
  run.binaries = model.binary_count();
  run.rows = static_cast<int>(model.rows.size());

  const auto binary = find_on_path(driver.binary);
  if (!binary) {
    run.message = fmt::format("{} is not on the PATH", driver.binary);
    return run;
  }
  TempDir dir;
  if (options.keep_files) {
    dir.keep();
    run.run_dir = dir.path().string();
  }
  const std::string model_file = options.format == MipFormat::lp ? "model.lp" : "model.mps";
  {
    std::ofstream out(dir.path() / model_file);
    if (options.objective_scale == 1) {
      write_mip(model, options.format, out);
    } else {
      MipModel scaled = model;
      scale_objective(scaled, options.objective_scale);
      write_mip(scaled, options.format, out);
    }
    if (!out) {
      run.message = "cannot write the model into " + dir.path().string();
      return run;
    }
  }
  driver.prepare(dir.path());
  const double slack = std::max(options.kill_slack_s, options.time_limit_s / 5);
  const ProcessResult proc = run_process(
      *binary, driver.arguments(model_file, options.format, options.time_limit_s, driver.solution_file),
      dir.path(), "log.txt", options.time_limit_s + slack);
  run.seconds = proc.seconds;
  run.killed = proc.killed;

  const std::string log = read_text(dir.path() / "log.txt");
  SolverOutput out = driver.parse(log, read_text(dir.path() / driver.solution_file));
  run.version = out.version;
  run.status = proc.killed ? MipStatus::time_limit : out.status;
  run.reported_objective = out.objective / options.objective_scale;
  run.bound = out.bound / options.objective_scale;
  run.nodes = out.nodes;
  if (out.status == MipStatus::error && !proc.killed)
    run.message = fmt::format("{} exited with {} and no status we know; its log ends:\n{}",
                              driver.binary, proc.exit_code, tail(log));
  if (run.status != MipStatus::infeasible) check_solution(instance, model, out.values, run);
  if (run.status == MipStatus::optimal && !run.placement && run.message.empty())
    run.message = "the solver reported optimal but returned no solution";
  return run;
}

MipRun run_mip(const Instance& instance, const std::string& solver, double time_limit_s,
               MipFormulation formulation, MipFormat format) {
  MipRunOptions options;
  options.time_limit_s = time_limit_s;
  options.formulation = formulation;
  options.format = format;
  return run_mip(instance, build_mip(instance, formulation), solver, options);
}

}  // namespace cnnplace::mip
