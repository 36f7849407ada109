// cnnplace export FILE: the instance as a MIP (CPLEX LP or free MPS) for other solvers
// (docs/mip-formulation.md). The default is the strongest form we know, so that a MIP solver
// used as a baseline gets a fair chance.
#include <fmt/format.h>

#include <map>
#include <sstream>

#include "cli/command.hpp"
#include "model/instance_io.hpp"
#include "model/json_text.hpp"
#include "model/mip_export.hpp"

namespace cnnplace::cli {
namespace {

struct ExportArgs {
  std::string file, output = "-", format = "lp", formulation = "tight", unit = "s";
};

// Objective units per second (scale_objective in model/mip_export.hpp says why not seconds).
const std::map<std::string, double> kObjectiveUnits{{"s", 1.0}, {"ms", 1e3}, {"us", 1e6}};

const std::map<std::string, MipFormulation> kFormulations{
    {"tight", MipFormulation::strong_tight}, {"strong", MipFormulation::strong}, {"naive", MipFormulation::naive}};

int run(const ExportArgs& args) {
  const Instance inst = read_instance(args.file);
  const MipFormulation formulation = kFormulations.at(args.formulation);
  MipModel model = build_mip(inst, formulation);
  scale_objective(model, kObjectiveUnits.at(args.unit));
  std::ostringstream text;
  write_mip(model, args.format == "mps" ? MipFormat::mps : MipFormat::lp, text);
  json_text::write_file(args.output, text.str());
  if (args.output != "-" && verbosity() >= 0)
    fmt::print(stderr, "{}: {} formulation, {} variables ({} binary), {} rows, {} nonzeros\n",
               args.output, args.formulation, model.variables.size(),
               model.binary_count(), model.rows.size(), model.nonzero_count());
  return kSuccess;
}

std::function<int()> setup(CLI::App& app) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand("export", "Write an instance as a MIP (LP or MPS) for other solvers");
  cmd->add_option("file", args->file, "Instance file (cnnplace-instance/1 JSON; - reads standard input)")
      ->required();
  cmd->add_option("--format", args->format, "lp (CPLEX LP) or mps (free MPS)")
      ->check(CLI::IsMember({"lp", "mps"}))
      ->capture_default_str();
  cmd->add_option("--formulation", args->formulation,
                  "tight: flow linearisation without impossible same-unit flows (the strongest); "
                  "strong: every flow; naive: product linearisation (weak, for comparison)")
      ->check(CLI::IsMember({"tight", "strong", "naive"}))
      ->capture_default_str();
  cmd->add_option("--objective-unit", args->unit,
                  "unit of the objective: s (like objective_s), ms, or us (recommended for CBC and GLPK, "
                  "whose absolute tolerances are coarser than the smallest terms in seconds)")
      ->check(CLI::IsMember({"s", "ms", "us"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", args->output, "Output file, written atomically; - is standard output")
      ->capture_default_str();
  cmd->footer(
      "The objective is the expected decision latency, in seconds unless --objective-unit says otherwise.\n"
      "Solve the file with e.g.\n"
      "  cbc model.lp solve solu out.txt     glpsol --lp model.lp -o out.txt\n"
      "Exit status: 0 written, 2 invalid instance or unwritable output.");
  return [args] { return run(*args); };
}

const bool registered = register_command("export", setup);

}  // namespace
}  // namespace cnnplace::cli
