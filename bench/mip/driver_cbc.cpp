// CBC (COIN-OR branch and cut; Debian coinor-cbc), run as
//   cbc model.lp sec T threads 1 increment 1e-12 solve solu solution.txt
// CBC's default cutoff increment (1e-5) prunes any node that cannot beat the incumbent by
// 1e-5 in objective units; our objective is in seconds and often below 0.01, so that would
// make "optimal" mean "within 10 us". The tiny increment makes CBC exact to its tolerances.
// CBC prints its objective with 8 decimals; run_mip() recomputes it from the values.
#include <fmt/format.h>

#include "bench/mip/drivers.hpp"

namespace cnnplace::mip {
namespace {

SolverOutput parse_cbc(const std::string& log, const std::string& solution) {
  SolverOutput out;
  out.version = text::token_after(log, "Version:");
  if (text::contains(log, "Result - Optimal solution found"))
    out.status = MipStatus::optimal;
  else if (text::contains(log, "Result - Stopped on time"))
    out.status = MipStatus::time_limit;
  else if (text::contains(log, "infeasible") || text::contains(log, "Infeasible"))
    out.status = MipStatus::infeasible;
  if (auto v = text::number_after(log, "Objective value:")) out.objective = *v;
  if (auto v = text::number_after(log, "Lower bound:")) out.bound = *v;
  if (out.status == MipStatus::optimal) out.bound = out.objective;
  if (auto v = text::number_after(log, "Enumerated nodes:")) out.nodes = static_cast<long>(*v);
  const bool has_solution = out.status == MipStatus::optimal ||
                            (out.status == MipStatus::time_limit &&
                             !text::contains(log, "No feasible solution found"));
  if (!has_solution) return out;
  // "Optimal - objective value X", then "index name value reduced-cost" per nonzero column.
  const auto lines = text::split_lines(solution);
  for (std::size_t n = 1; n < lines.size(); ++n) {
    auto words = text::split_words(lines[n]);
    if (words.size() >= 3 && words[0] == "**") words.erase(words.begin());  // infeasibility mark
    if (words.size() < 3) continue;
    if (auto v = text::to_number(words[2])) out.values[words[1]] = *v;
  }
  return out;
}

}  // namespace

MipDriver cbc_driver() {
  MipDriver d;
  d.name = "cbc";
  d.binary = "cbc";
  d.prepare = [](const std::filesystem::path&) {};
  d.arguments = [](const std::string& model, MipFormat, double limit, const std::string& solution) {
    return std::vector<std::string>{model, "sec", fmt::format("{:g}", limit), "threads", "1",
                                    "increment", "1e-12", "solve", "solu", solution};
  };
  d.parse = parse_cbc;
  return d;
}

}  // namespace cnnplace::mip
