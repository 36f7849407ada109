// Gurobi, when a user has `gurobi_cl` and a licence (untested here):
//   gurobi_cl Threads=1 TimeLimit=T MIPGap=0 MIPGapAbs=0 ResultFile=sol.sol model.lp
#include <fmt/format.h>

#include "bench/mip/drivers.hpp"

namespace cnnplace::mip {
namespace {

SolverOutput parse_gurobi(const std::string& log, const std::string& solution) {
  SolverOutput out;
  out.version = text::token_after(log, "Gurobi Optimizer version");
  if (text::contains(log, "Optimal solution found"))
    out.status = MipStatus::optimal;
  else if (text::contains(log, "Time limit reached"))
    out.status = MipStatus::time_limit;
  else if (text::contains(log, "Model is infeasible"))
    out.status = MipStatus::infeasible;
  if (auto v = text::number_after(log, "Best objective")) out.objective = *v;
  if (auto v = text::number_after(log, "best bound")) out.bound = *v;
  if (auto v = text::number_after(log, "Explored")) out.nodes = static_cast<long>(*v);
  if (out.status == MipStatus::infeasible) return out;
  // "# Objective value = X", then "name value".
  for (const std::string& line : text::split_lines(solution)) {
    if (line.empty() || line[0] == '#') continue;
    const auto words = text::split_words(line);
    if (words.size() >= 2)
      if (auto v = text::to_number(words[1])) out.values[words[0]] = *v;
  }
  return out;
}

}  // namespace

MipDriver gurobi_driver() {
  MipDriver d;
  d.name = "gurobi";
  d.binary = "gurobi_cl";
  d.solution_file = "solution.sol";
  d.prepare = [](const std::filesystem::path&) {};
  d.arguments = [](const std::string& model, MipFormat, double limit, const std::string& solution) {
    return std::vector<std::string>{"Threads=1", fmt::format("TimeLimit={:g}", limit), "MIPGap=0",
                                    "MIPGapAbs=0", "ResultFile=" + solution, model};
  };
  d.parse = parse_gurobi;
  return d;
}

}  // namespace cnnplace::mip
