#pragma once
// The command-line program is a thin shell (style.md #1): each subcommand lives in its own
// cli/cmd_*.cpp, registers itself here, parses, calls the library, prints, and returns an
// exit code from the table below.
//
// Conventions every command follows (docs/cli.md): --help; -o FILE for what it writes, with
// "-" for standard output, written whole (a temporary file renamed into place); messages and
// progress on standard error, progress only when standard error is a terminal; the global
// -q/--quiet and -v/--verbose flags (given before or after the subcommand).
#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace cnnplace::cli {

// Exit codes; exit_codes() below describes each, for --help and docs/cli.md.
enum ExitCode : int {
  kSuccess = 0,        // done (for solve: a placement was found, optimal or with its gap)
  kInvalidInput = 2,   // bad command line, unreadable or malformed file, invalid instance
  kInfeasible = 3,     // the instance has no feasible placement (proven; the reason is printed)
  kNoSolution = 4,     // a limit stopped the search before any feasible placement was found
  kInternalError = 5,  // a bug: please report it with the input
};

struct ExitCodeDoc {
  int code;
  const char* meaning;
};
const std::vector<ExitCodeDoc>& exit_codes();

// -1 with --quiet (errors only), 0 by default, 1 with --verbose.
int verbosity();

// Adds a subcommand to `app`; the returned function runs it after parsing.
using CommandSetup = std::function<std::function<int()>(CLI::App& app)>;

// Registers a subcommand at static-initialisation time: one line per cmd_*.cpp file.
bool register_command(std::string name, CommandSetup setup);

}  // namespace cnnplace::cli
