// cnnplace solve FILE: the exact solver on an instance file; a table for people or the
// documented JSON result (docs/result-format.md).
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <map>

#include "cli/command.hpp"
#include "model/instance_io.hpp"
#include "model/json_text.hpp"
#include "model/quantity.hpp"
#include "solver/result_json.hpp"
#include "solver/solve.hpp"

namespace cnnplace::cli {
namespace {

std::atomic<bool> interrupted{false};
extern "C" void on_sigint(int) { interrupted = true; }

std::string ms(double s) { return std::isfinite(s) ? fmt::format("{:.3f}", s * 1e3) : "-"; }

void print_placement(const Instance& inst, const Placement& p, std::string& out) {
  // Layers by units, as the paper's Figure 1d, restricted to the units that run something.
  std::vector<bool> used(inst.units.size(), false);
  for (const auto& row : p.unit_of)
    for (UnitId i : row) used[i.index()] = true;
  std::size_t label_width = 4;
  for (const Cnn& c : inst.cnns)
    for (const Layer& l : c.layers) label_width = std::max(label_width, c.name.size() + l.name.size() + 1);
  out += fmt::format("placement (1 = the unit runs the layer; units that run nothing are left out)\n  {:<{}}", "", label_width);
  for (std::size_t i = 0; i < inst.units.size(); ++i)
    if (used[i]) out += fmt::format(" {:>5}", inst.units[i].name);
  out += "\n";
  for (std::size_t u = 0; u < inst.cnns.size(); ++u)
    for (int j = 0; j < inst.cnns[u].size(); ++j) {
      out += fmt::format("  {:<{}}", inst.cnns[u].name + "/" + inst.cnns[u].layers[j].name, label_width);
      for (std::size_t i = 0; i < inst.units.size(); ++i)
        if (used[i]) out += fmt::format(" {:>5}", p.unit_of[u][j].index() == i ? "1" : ".");
      out += "\n";
    }
}

void print_breakdown(const Instance& inst, const Evaluation& ev, std::string& out) {
  out += fmt::format("latency in ms        {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}   {}\n", "source",
                     "links", "sink", "t_t", "t_p", "t", "transfer / processing");
  auto row = [&](const std::string& name, const LatencyBreakdown& b) {
    const double share = b.total() > 0 ? 100 * b.transmission() / b.total() : 0;
    out += fmt::format("  {:<18} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}   {:>5.1f} % / {:>5.1f} %\n", name, ms(b.t_source),
                       ms(b.t_links), ms(b.t_sink), ms(b.transmission()), ms(b.t_processing), ms(b.total()), share,
                       b.total() > 0 ? 100 - share : 0.0);
  };
  for (std::size_t u = 0; u < inst.cnns.size(); ++u) row(inst.cnns[u].name, ev.per_cnn[u]);
  if (inst.cnns.size() > 1) row("total", ev.total);
}

void print_loads(const nlohmann::json& loads, std::string& out) {
  out += "unit loads (used / capacity)\n";
  for (const auto& l : loads) {
    const std::string limit = l["layer_limit"].is_null() ? "unlimited" : std::to_string(l["layer_limit"].get<int>());
    const auto cap = [](const nlohmann::json& v, auto fmt_fn) { return v.is_null() ? std::string("unlimited") : fmt_fn(v.get<double>()); };
    std::string names;
    for (const auto& n : l["layers"]) names += (names.empty() ? "" : ", ") + n.get<std::string>();
    out += fmt::format("  {:<10} layers {}/{:<9}  memory {:>9} / {:<9}  compute {:>8} / {:<9}  {}\n",
                       l["unit"].get<std::string>(), l["layer_count"].get<int>(), limit,
                       format_bytes(l["memory_bytes"].get<double>()), cap(l["memory_capacity_bytes"], format_bytes),
                       format_count(l["compute_mults"].get<double>()), cap(l["compute_capacity_mults"], format_count), names);
  }
}

// Each transfer with its route, hop by hop, and its expected time (probability x bytes x
// time per byte along the route); transfers within one unit cost nothing and are left out.
void print_transfers(const nlohmann::json& transfers, std::string& out) {
  out += "transfers (expected ms = probability x bytes x time per byte along the route; same-unit ones left out)\n";
  auto end = [](const nlohmann::json& layer, const char* otherwise) {
    return layer.is_null() ? std::string(otherwise) : fmt::format("L{}", layer.get<int>());
  };
  std::string last_cnn;
  for (const auto& t : transfers) {
    if (t["hops"].get<int>() == 0) continue;
    std::string route;
    for (const auto& n : t["route"]) route += (route.empty() ? "" : " > ") + n.get<std::string>();
    const std::string cnn = t["cnn"].get<std::string>();
    const std::string what = fmt::format("{} -> {}", end(t["from_layer"], "source"), end(t["to_layer"], t["kind"] == "exit" ? "sink (exit)" : "sink"));
    out += fmt::format("  {:<8} {:<18} {:>9}  p {:<6} {:>2} hop{}  {:>9} ms  {}\n", cnn == last_cnn ? "" : cnn, what,
                       format_bytes(t["bytes"].get<double>()), fmt::format("{:.4g}", t["probability"].get<double>()),
                       t["hops"].get<int>(), t["hops"].get<int>() == 1 ? " " : "s", ms(t["time_s"].get<double>()), route);
    last_cnn = cnn;
  }
}

std::string human_report(const Instance& inst, const SolveResult& r) {
  std::string out;
  out += fmt::format("instance  {}: {} units, {} CNNs, {} layers, {} shared groups\n", inst.name, inst.unit_count(),
                     inst.cnn_count(), inst.layer_count(), inst.shared_groups.size());
  out += fmt::format("status    {}", to_string(r.status));
  if (r.placement)
    out += fmt::format("   objective {} ms   lower bound {} ms   gap {:.4f} %", ms(r.objective_s), ms(r.lower_bound_s),
                       100 * r.gap);
  out += "\n";
  if (!r.message.empty()) out += fmt::format("reason    {}\n", r.message);
  if (r.placement) {
    print_placement(inst, *r.placement, out);
    print_breakdown(inst, *r.evaluation, out);
    const nlohmann::json explained = result_to_json(inst, r);
    print_loads(explained["unit_loads"], out);
    print_transfers(explained["transfers"], out);
  }
  const SolveStats& s = r.stats;
  out += fmt::format("stats     {:.0f} nodes{}{}{}, pruned {:.0f} by bound and {:.0f} by capacity; root bound {} ms, "
                     "Lagrangian {} ms ({} steps); first placement at {} ms, best at {} ms; {} ms on {} thread{}\n",
                     s.nodes, s.node_duals > 0 ? fmt::format(" ({:.0f} with their own dual)", s.node_duals) : "",
                     s.enumerated_paths > 0 ? fmt::format(", {:.0f} chain paths enumerated{}", s.enumerated_paths,
                                                          s.packing_nodes > 0
                                                              ? fmt::format(" ({:.0f} integer program nodes)", s.packing_nodes)
                                                              : "")
                                            : "",
                     s.subset_rows > 0 ? fmt::format(", {:.0f} subset-row cuts", s.subset_rows) : "",
                     s.pruned_by_bound, s.pruned_by_capacity, ms(s.root_bound_s), ms(s.root_lagrangian_bound_s),
                     s.lagrangian_iterations, s.time_to_first_s < 0 ? "-" : ms(s.time_to_first_s),
                     s.time_to_best_s < 0 ? "-" : ms(s.time_to_best_s), ms(s.seconds), s.threads, s.threads == 1 ? "" : "s");
  out += fmt::format("units     times in ms; {} processing weight (see docs/model.md, erratum 2)\n",
                     to_string(inst.processing_weight));
  return out;
}

int exit_code(SolveStatus s) {
  switch (s) {
    case SolveStatus::optimal:
    case SolveStatus::feasible: return kSuccess;
    case SolveStatus::infeasible: return kInfeasible;
    case SolveStatus::no_solution: return kNoSolution;
    case SolveStatus::invalid_input: return kInvalidInput;
  }
  return kInternalError;
}

struct SolveArgs {
  std::string file, output = "-";
  bool json = false;
  SolverOptions options;
  std::map<std::string, double> values;
};

const bool registered = register_command("solve", [](CLI::App& app) -> std::function<int()> {
  auto args = std::make_shared<SolveArgs>();
  CLI::App* cmd = app.add_subcommand("solve", "Find a placement proven optimal (or prove the instance infeasible)");
  cmd->add_option("FILE", args->file, "Instance file (cnnplace-instance/1 JSON; - reads standard input)")->required();
  cmd->add_flag("--json", args->json, "Write the result as JSON (cnnplace-result/1, docs/result-format.md)");
  cmd->add_option("-o,--output", args->output, "Output file, written atomically; - is standard output")
      ->capture_default_str();
  cmd->footer("Exit status: 0 placement found (optimal, or the best within a limit with its gap), 2 invalid input, "
              "3 infeasible (the reason is printed), 4 no placement found within the limits. Ctrl-C stops the "
              "search and reports the best placement so far.");
  for (const OptionSpec& spec : solver_option_specs()) {
    args->values[spec.name] = spec.get(args->options);
    cmd->add_option(std::string("--") + spec.name, args->values[spec.name], spec.help)
        ->default_str(fmt::format("{}", spec.get(args->options)));
  }
  return [args]() -> int {
    for (const OptionSpec& spec : solver_option_specs()) set_option(spec, args->options, args->values[spec.name]);
    validate_options(args->options);
    const Instance inst = read_instance(args->file);
    const bool live = verbosity() >= 0 && isatty(STDERR_FILENO) && args->options.progress_interval_s > 0;
    if (live)
      args->options.on_progress = [](const Progress& p) {
        fmt::print(stderr, "\r  {:7.1f} s  {:>12.0f} nodes  incumbent {} ms  bound {} ms   ", p.seconds, p.nodes,
                   ms(p.incumbent_s), ms(p.bound_s));
      };
    std::signal(SIGINT, on_sigint);
    args->options.interrupt = &interrupted;
    const SolveResult r = solve(inst, args->options);
    std::signal(SIGINT, SIG_DFL);
    if (live) fmt::print(stderr, "\r{:80}\r", "");
    if (r.status == SolveStatus::invalid_input) {
      fmt::print(stderr, "error: {}\n", r.message);
      return kInvalidInput;
    }
    const std::string text = args->json ? json_text::dump(result_to_json(inst, r)) + "\n" : human_report(inst, r);
    json_text::write_file(args->output, text);
    if (verbosity() > 0)
      fmt::print(stderr, "solved {} in {:.3f} s: {}; wrote {}\n", args->file, r.stats.seconds, to_string(r.status),
                 args->output == "-" ? "standard output" : args->output);
    if (interrupted) fmt::print(stderr, "interrupted: reporting the best placement found and its proven bound\n");
    return exit_code(r.status);
  };
});

}  // namespace
}  // namespace cnnplace::cli
