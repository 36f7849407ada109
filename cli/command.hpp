#pragma once
// The command-line program is a thin shell (style.md #1): each subcommand lives in its own
// cli/cmd_*.cpp, registers itself here, parses, calls the library, prints, and returns an
// exit code from the table below.
#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace cnnplace::cli {

// Exit codes, documented in docs/cli.md.
enum ExitCode : int {
  kSuccess = 0,        // done (for solve: a placement was found, optimal or with its gap)
  kInvalidInput = 2,   // bad command line, unreadable or malformed file, invalid instance
  kInfeasible = 3,     // the instance has no feasible placement (proven; the reason is printed)
  kNoSolution = 4,     // a limit stopped the search before any feasible placement was found
  kInternalError = 5,  // a bug: please report it with the input
};

// Adds a subcommand to `app`; the returned function runs it after parsing.
using CommandSetup = std::function<std::function<int()>(CLI::App& app)>;

// Registers a subcommand at static-initialisation time: one line per cmd_*.cpp file.
bool register_command(std::string name, CommandSetup setup);

}  // namespace cnnplace::cli
