// SCIP, when a user has the `scip` binary (not packaged in Debian 12; untested here):
//   scip -c "set limits time T" -c "read model.lp" -c "optimize"
//        -c "write solution sol.txt" -c "quit"
// SCIP is single-threaded by default and its gap limits default to 0.
#include <fmt/format.h>

#include "bench/mip/drivers.hpp"

namespace cnnplace::mip {
namespace {

SolverOutput parse_scip(const std::string& log, const std::string& solution) {
  SolverOutput out;
  out.version = text::token_after(log, "SCIP version");
  const std::size_t at = log.rfind("SCIP Status");
  const std::string status = at == std::string::npos ? "" : log.substr(at, log.find('\n', at) - at);
  if (text::contains(status, "optimal solution found"))
    out.status = MipStatus::optimal;
  else if (text::contains(status, "time limit"))
    out.status = MipStatus::time_limit;
  else if (text::contains(status, "infeasible"))
    out.status = MipStatus::infeasible;
  if (auto v = text::number_after(log, "Primal Bound")) out.objective = *v;
  if (auto v = text::number_after(log, "Dual Bound")) out.bound = *v;
  if (auto v = text::number_after(log, "Solving Nodes")) out.nodes = static_cast<long>(*v);
  if (out.status == MipStatus::infeasible || text::contains(solution, "no solution available"))
    return out;
  // "solution status: ...", "objective value: X", then "name value (obj:c)" per nonzero.
  for (const std::string& line : text::split_lines(solution)) {
    const auto words = text::split_words(line);
    if (words.size() < 2 || line.rfind("solution status", 0) == 0 || line.rfind("objective value", 0) == 0)
      continue;
    if (auto v = text::to_number(words[1])) out.values[words[0]] = *v;
  }
  return out;
}

}  // namespace

MipDriver scip_driver() {
  MipDriver d;
  d.name = "scip";
  d.binary = "scip";
  d.prepare = [](const std::filesystem::path&) {};
  d.arguments = [](const std::string& model, MipFormat, double limit, const std::string& solution) {
    return std::vector<std::string>{"-c", fmt::format("set limits time {:g}", limit),
                                    "-c", "read " + model, "-c", "optimize",
                                    "-c", "write solution " + solution, "-c", "quit"};
  };
  d.parse = parse_scip;
  return d;
}

}  // namespace cnnplace::mip
