// cnnplace evaluate INSTANCE PLACEMENT: the expected latency of a given placement, per CNN
// and in total, split as the paper does (t_t = source + links + sink, t_p), and every
// violated constraint. Exit 0 when feasible, 3 when a constraint is violated.
#include <fmt/format.h>

#include "cli/command.hpp"
#include "model/evaluate.hpp"
#include "model/instance_io.hpp"
#include "model/json_text.hpp"

namespace cnnplace::cli {
namespace {

struct EvaluateArgs {
  std::string instance, placement, output = "-";
  bool json = false;
};

const char* kind_name(ViolationKind k) {
  switch (k) {
    case ViolationKind::shape: return "shape";
    case ViolationKind::unknown_unit: return "unknown_unit";
    case ViolationKind::shared_split: return "shared_split";
    case ViolationKind::layer_limit: return "layer_limit";
    case ViolationKind::memory: return "memory";
    case ViolationKind::compute: return "compute";
  }
  return "?";
}

nlohmann::json breakdown_json(const LatencyBreakdown& b) {
  return {{"t_source_ms", b.t_source * 1e3}, {"t_links_ms", b.t_links * 1e3}, {"t_sink_ms", b.t_sink * 1e3},
          {"t_t_ms", b.transmission() * 1e3}, {"t_p_ms", b.t_processing * 1e3}, {"t_ms", b.total() * 1e3}};
}

std::string breakdown_line(const LatencyBreakdown& b) {
  return fmt::format("t = {:.4f} ms  (t_t = {:.4f} ms: source {:.4f}, links {:.4f}, sink {:.4f};  t_p = {:.4f} ms)",
                     b.total() * 1e3, b.transmission() * 1e3, b.t_source * 1e3, b.t_links * 1e3, b.t_sink * 1e3,
                     b.t_processing * 1e3);
}

std::string text_report(const Instance& inst, const Evaluation& ev, const std::vector<Violation>& violations) {
  std::string out = fmt::format("instance {}: {} units, {} CNNs; processing weight {}\n", inst.name, inst.units.size(),
                                inst.cnns.size(), to_string(inst.processing_weight));
  for (std::size_t u = 0; u < inst.cnns.size(); ++u)
    out += fmt::format("  {:<12} {}\n", inst.cnns[u].name, breakdown_line(ev.per_cnn[u]));
  out += fmt::format("  {:<12} {}\n", "total", breakdown_line(ev.total));
  if (violations.empty()) return out + "feasible: every constraint holds\n";
  out += fmt::format("infeasible: {} violated constraint{}\n", violations.size(), violations.size() == 1 ? "" : "s");
  for (const Violation& v : violations) out += fmt::format("  {}: {}\n", kind_name(v.kind), v.message);
  return out;
}

std::string json_report(const Instance& inst, const Placement& p, const Evaluation& ev, const std::vector<Violation>& violations) {
  nlohmann::json out = {{"format", "cnnplace-evaluation/1"}, {"instance", inst.name},
                        {"processing_weight", to_string(inst.processing_weight)},
                        {"objective_s", ev.objective()}, {"total", breakdown_json(ev.total)},
                        {"feasible", violations.empty()}};
  out["per_cnn"] = nlohmann::json::object();
  for (std::size_t u = 0; u < inst.cnns.size(); ++u) out["per_cnn"][inst.cnns[u].name] = breakdown_json(ev.per_cnn[u]);
  out["violations"] = nlohmann::json::array();
  for (const Violation& v : violations) out["violations"].push_back({{"kind", kind_name(v.kind)}, {"message", v.message}});
  out["placement"] = placement_to_json(inst, p)["placement"];
  return json_text::dump(out);
}

int run(const EvaluateArgs& args) {
  const Instance inst = read_instance(args.instance);
  const Placement p = read_placement(args.placement, inst);
  const Evaluation ev = evaluate(inst, p);
  const auto violations = check(inst, p);
  json_text::write_file(args.output, args.json ? json_report(inst, p, ev, violations) : text_report(inst, ev, violations));
  return violations.empty() ? kSuccess : kInfeasible;
}

std::function<int()> setup(CLI::App& app) {
  auto args = std::make_shared<EvaluateArgs>();
  CLI::App* cmd = app.add_subcommand("evaluate", "Expected latency of a given placement, and its violated constraints");
  cmd->add_option("instance", args->instance, "Instance file (cnnplace-instance/1)")->required();
  cmd->add_option("placement", args->placement,
                  "Placement file (cnnplace-placement/1), or a solver result with a \"placement\" object")
      ->required();
  cmd->add_flag("--json", args->json, "Print the breakdown as JSON (times in milliseconds)");
  cmd->add_option("-o,--output", args->output, "Output file, written atomically; - is standard output")
      ->capture_default_str();
  cmd->footer("Exit status: 0 feasible, 2 invalid input, 3 some constraint is violated (each is listed).");
  return [args] { return run(*args); };
}

const bool registered = register_command("evaluate", setup);

}  // namespace
}  // namespace cnnplace::cli
