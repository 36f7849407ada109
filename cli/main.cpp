// cnnplace: the command-line shell over libcnnplace. Subcommands live in cmd_*.cpp.
#include <fmt/core.h>

#include <chrono>
#include <map>

#include "cli/command.hpp"
#include "model/errors.hpp"

namespace cnnplace::cli {

static std::map<std::string, CommandSetup>& registry() {
  static std::map<std::string, CommandSetup> commands;
  return commands;
}

bool register_command(std::string name, CommandSetup setup) {
  registry().emplace(std::move(name), std::move(setup));
  return true;
}

const std::vector<ExitCodeDoc>& exit_codes() {
  static const std::vector<ExitCodeDoc> codes{
      {kSuccess, "success (solve, render: a placement was found, optimal or within its reported gap)"},
      {kInvalidInput, "invalid input: bad command line, unreadable or malformed file, invalid instance, unwritable output"},
      {kInfeasible, "infeasible: no placement satisfies the capacities (solve proves it and prints the reason; "
                    "evaluate: the given placement violates a constraint)"},
      {kNoSolution, "no solution: a time or node limit stopped the search before any feasible placement was found"},
      {kInternalError, "internal error: a bug; please report it with the input"},
  };
  return codes;
}

static int verbosity_level = 0;
int verbosity() { return verbosity_level; }

}  // namespace cnnplace::cli

int main(int argc, char** argv) {
  using namespace cnnplace::cli;
  CLI::App app{"cnnplace: optimal placement of CNN layers on networks of IoT units"};
  app.set_version_flag("--version", std::string("cnnplace ") + CNNPLACE_VERSION);
  app.require_subcommand(1);
  // Global flags may follow the subcommand too: options a subcommand does not know fall
  // through to here.
  app.fallthrough();
  bool quiet = false, verbose = false;
  app.add_flag("-q,--quiet", quiet, "Print only errors: no progress line, no notes on standard error");
  app.add_flag("-v,--verbose", verbose, "Print more: timings and what was written");
  std::string codes = "Exit status:\n";
  for (const ExitCodeDoc& c : exit_codes()) codes += fmt::format("  {}  {}\n", c.code, c.meaning);
  app.footer(codes + "Run 'cnnplace COMMAND --help' for a command's options; docs/cli.md has them all.");
  std::map<std::string, std::function<int()>> runners;
  for (auto& [name, setup] : registry()) runners[name] = setup(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kInvalidInput;
  }
  if (quiet && verbose) {
    fmt::print(stderr, "error: --quiet and --verbose together (give one of them)\n");
    return kInvalidInput;
  }
  verbosity_level = quiet ? -1 : verbose ? 1 : 0;
  try {
    for (CLI::App* sub : app.get_subcommands()) {
      const auto start = std::chrono::steady_clock::now();
      const int status = runners.at(sub->get_name())();
      if (verbosity_level > 0)
        fmt::print(stderr, "cnnplace {}: exit {} after {:.3f} s\n", sub->get_name(), status,
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      return status;
    }
  } catch (const cnnplace::InputError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return kInvalidInput;
  } catch (const std::exception& e) {
    fmt::print(stderr, "internal error: {}\nPlease report this with the input that caused it.\n", e.what());
    return kInternalError;
  }
  return kInternalError;
}
