#pragma once
// One driver per external MIP solver: the command line that runs it on one thread with a
// time limit and an exact optimality gap, and the parser of what it prints. Drivers know
// nothing about placements; run_mip() (mip_runner.hpp) does the rest.
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/mip_export.hpp"

namespace cnnplace::mip {

enum class MipStatus {
  optimal,     // proven optimal (within the solver's own tolerances)
  time_limit,  // stopped by the time limit, with or without a solution
  infeasible,  // proven infeasible
  error,       // the solver failed, could not read the model, or printed nothing we know
};

const char* to_string(MipStatus s);

// What a solver said, before any checking.
struct SolverOutput {
  MipStatus status = MipStatus::error;
  std::string version;
  double objective = std::numeric_limits<double>::quiet_NaN();  // as printed (6-10 digits)
  double bound = std::numeric_limits<double>::quiet_NaN();      // best bound, when printed
  long nodes = -1;                                               // -1 when not printed
  std::map<std::string, double> values;                          // variable -> value
};

struct MipDriver {
  std::string name;    // "cbc", "glpk", "highs", "scip", "gurobi"
  std::string binary;  // looked up on $PATH
  std::string solution_file = "solution.txt";  // its name tells some solvers the format
  // Files the run needs besides the model (e.g. an options file), written into the run dir.
  std::function<void(const std::filesystem::path& dir)> prepare;
  // Arguments; the model file and the solution file are names inside the run dir, which is
  // the working directory.
  std::function<std::vector<std::string>(const std::string& model_file, MipFormat format,
                                         double time_limit_s, const std::string& solution_file)>
      arguments;
  // Reads the log (stdout + stderr) and the solution file (may be missing).
  std::function<SolverOutput(const std::string& log, const std::string& solution)> parse;
};

MipDriver cbc_driver();
MipDriver glpk_driver();
MipDriver highs_driver();
MipDriver scip_driver();
MipDriver gurobi_driver();

// All drivers, in the order above.
const std::vector<MipDriver>& mip_drivers();

// Small parsing helpers shared by the drivers.
namespace text {
// The number that follows the last occurrence of `label` (skipping spaces, ':' and '=').
std::optional<double> number_after(const std::string& text, const std::string& label);
// The whitespace-separated token that follows the last occurrence of `label`.
std::string token_after(const std::string& text, const std::string& label);
bool contains(const std::string& text, const std::string& what);
std::vector<std::string> split_lines(const std::string& text);
std::vector<std::string> split_words(const std::string& line);
std::optional<double> to_number(const std::string& token);
}  // namespace text

}  // namespace cnnplace::mip
