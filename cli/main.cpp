// cnnplace: the command-line shell over libcnnplace. Subcommands live in cmd_*.cpp.
#include <fmt/core.h>

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

}  // namespace cnnplace::cli

int main(int argc, char** argv) {
  using namespace cnnplace::cli;
  CLI::App app{"cnnplace: optimal placement of CNN layers on networks of IoT units"};
  app.set_version_flag("--version", std::string("cnnplace ") + CNNPLACE_VERSION);
  app.require_subcommand(1);
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
  try {
    for (CLI::App* sub : app.get_subcommands()) return runners.at(sub->get_name())();
  } catch (const cnnplace::InputError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return kInvalidInput;
  } catch (const std::exception& e) {
    fmt::print(stderr, "internal error: {}\nPlease report this with the input that caused it.\n", e.what());
    return kInternalError;
  }
  return kInternalError;
}
