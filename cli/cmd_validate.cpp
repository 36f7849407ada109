// cnnplace validate FILE...: reads each instance, reports its size and shape in one line,
// or the error (file, field, fix). Exit 0 when all are valid, 2 when any is not.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "cli/command.hpp"
#include "model/errors.hpp"
#include "model/instance_io.hpp"
#include "model/json_text.hpp"
#include "model/quantity.hpp"

namespace cnnplace::cli {
namespace {

struct ValidateArgs {
  std::vector<std::string> files;
  std::string output = "-";
  bool normalize = false;
};

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// The largest hop count between two nodes: how far apart the system is.
int diameter(const Network& net) {
  int d = 0;
  for (int a = 0; a < net.node_count(); ++a)
    for (int b = 0; b < net.node_count(); ++b) d = std::max(d, net.hops(NodeId(a), NodeId(b)));
  return d;
}

std::string summary(const Instance& inst) {
  const Network& net = inst.network;
  const std::string rates = net.links().empty() ? "no links"
                            : net.uniform_rate() ? "one rate, " + format_rate(net.links().front().rate_bps)
                                                 : std::string("per-link rates");
  return fmt::format("{}, {}, {}, {}; network: {}, {} ({}), connected, diameter {} hops",
                     plural(inst.units.size(), "unit", "units"), plural(inst.cnns.size(), "CNN", "CNNs"),
                     plural(static_cast<std::size_t>(inst.layer_count()), "layer", "layers"),
                     plural(inst.shared_groups.size(), "shared group", "shared groups"),
                     plural(static_cast<std::size_t>(net.node_count()), "node", "nodes"),
                     plural(net.links().size(), "directed link", "directed links"),
                     rates, diameter(net));
}

int run(const ValidateArgs& args) {
  if (args.normalize && args.files.size() != 1) {
    fmt::print(stderr, "error: --normalize takes exactly one file\n");
    return kInvalidInput;
  }
  int status = kSuccess;
  std::string out;
  for (const std::string& file : args.files) {
    try {
      const Instance inst = read_instance(file);
      if (args.normalize) {
        out += json_text::dump(instance_to_json(inst));
      } else {
        out += fmt::format("{}: valid: {}\n", file, summary(inst));
      }
    } catch (const InputError& e) {
      // Errors in their place among the summaries when both go to the terminal.
      if (args.output == "-") {
        fmt::print("{}", out);
        std::fflush(stdout);
        out.clear();
      }
      fmt::print(stderr, "error: {}\n", e.what());
      status = kInvalidInput;
    }
  }
  if (!out.empty() || args.output != "-") json_text::write_file(args.output, out);
  return status;
}

std::function<int()> setup(CLI::App& app) {
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* cmd = app.add_subcommand("validate", "Check instance files and summarise each in one line");
  cmd->add_option("files", args->files, "Instance files (cnnplace-instance/1 JSON; - reads standard input)")
      ->required();
  cmd->add_flag("--normalize", args->normalize,
                "Print the one instance as cnnplace writes it (explicit units, zoo CNNs by name)");
  cmd->add_option("-o,--output", args->output, "Output file, written atomically; - is standard output")
      ->capture_default_str();
  cmd->footer("Exit status: 0 all valid, 2 some file is invalid (the message names file, field and fix).");
  return [args] { return run(*args); };
}

const bool registered = register_command("validate", setup);

}  // namespace
}  // namespace cnnplace::cli
