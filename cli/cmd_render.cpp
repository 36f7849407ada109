// cnnplace render FILE [RESULT] -o out.svg: the network and a placement as an SVG picture
// (render/svg.hpp). Without RESULT the instance is solved first.
#include <fmt/format.h>

#include "cli/command.hpp"
#include "model/errors.hpp"
#include "model/evaluate.hpp"
#include "model/instance_io.hpp"
#include "model/json_text.hpp"
#include "render/svg.hpp"
#include "solver/solve.hpp"

namespace cnnplace::cli {
namespace {

struct RenderArgs {
  std::string file, result, output = "-", title;
  bool network_only = false, no_legend = false;
  double width = 640, time_limit = 60;
  int threads = 1;
};

std::string ms(double s) { return fmt::format("{:.3f} ms", s * 1e3); }

int run(const RenderArgs& a) {
  const Instance inst = read_instance(a.file);
  RenderOptions options;
  options.plot_px = a.width;
  options.legend = !a.no_legend;
  options.title = a.title;
  std::optional<Placement> placement;
  int status = kSuccess;
  if (!a.result.empty()) {
    placement = read_placement(a.result, inst);
    const auto violations = check(inst, *placement);
    options.caption = fmt::format("placement from {}: t = {}{}", a.result, ms(evaluate(inst, *placement).objective()),
                                  violations.empty() ? "" : fmt::format(" (violates {} constraints)", violations.size()));
  } else if (!a.network_only) {
    SolverOptions so;
    so.threads = a.threads;
    so.time_limit_s = a.time_limit;
    so.progress_interval_s = 0;
    validate_options(so);
    const SolveResult r = solve(inst, so);
    if (r.status == SolveStatus::invalid_input) throw InputError(a.file, r.message, "fix the instance");
    if (r.placement) {
      placement = r.placement;
      options.caption = r.status == SolveStatus::optimal
                            ? fmt::format("optimal placement: t = {}", ms(r.objective_s))
                            : fmt::format("best placement within the limit: t = {} (gap {:.2f} %)", ms(r.objective_s), 100 * r.gap);
    } else {
      status = r.status == SolveStatus::infeasible ? kInfeasible : kNoSolution;
      options.caption = fmt::format("{}: {}", to_string(r.status), r.message);
      if (verbosity() >= 0) fmt::print(stderr, "{}: {}; drawing the network alone\n", to_string(r.status), r.message);
    }
  }
  json_text::write_file(a.output, render_svg(inst, placement, options));
  if (a.output != "-" && verbosity() > 0) fmt::print(stderr, "wrote {}\n", a.output);
  return status;
}

std::function<int()> setup(CLI::App& app) {
  auto a = std::make_shared<RenderArgs>();
  CLI::App* cmd = app.add_subcommand("render", "Draw the network and a placement as an SVG picture");
  cmd->add_option("FILE", a->file, "Instance file (cnnplace-instance/1 JSON; - reads standard input)")->required();
  cmd->add_option("RESULT", a->result,
                  "Placement file (cnnplace-placement/1) or a `solve --json` result; without it the instance is solved first");
  cmd->add_option("-o,--output", a->output, "SVG file, written atomically; - is standard output")->capture_default_str();
  cmd->add_flag("--network-only", a->network_only, "Draw the network without solving or placing anything");
  cmd->add_option("--title", a->title, "Title of the picture (default: the instance's name)");
  cmd->add_option("--width", a->width, "Size of the network drawing's longer side, in pixels")
      ->check(CLI::Range(100.0, 10000.0))
      ->capture_default_str();
  cmd->add_flag("--no-legend", a->no_legend, "Leave out the legend column");
  cmd->add_option("--time-limit", a->time_limit, "Seconds for solving when no RESULT is given")
      ->check(CLI::Range(0.0, 1e9))
      ->capture_default_str();
  cmd->add_option("--threads", a->threads, "Solver threads when no RESULT is given (0 = one per core)")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  cmd->footer("Exit status: 0 drawn, 2 invalid input, 3 infeasible or 4 no placement within the time limit "
              "(the network is drawn alone).");
  return [a] { return run(*a); };
}

const bool registered = register_command("render", setup);

}  // namespace
}  // namespace cnnplace::cli
