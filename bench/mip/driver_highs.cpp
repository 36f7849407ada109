// HiGHS, when a user has the `highs` binary (not packaged in Debian 12; untested here):
//   highs --model_file model.lp --time_limit T --options_file highs.opt --solution_file sol.txt
// The options file asks for one thread and an exact gap: HiGHS's defaults (mip_rel_gap 1e-4,
// mip_abs_gap 1e-6) would let it stop short of the optimum that we compare with.
#include <fmt/format.h>

#include <fstream>

#include "bench/mip/drivers.hpp"

namespace cnnplace::mip {
namespace {

SolverOutput parse_highs(const std::string& log, const std::string& solution) {
  SolverOutput out;
  out.version = text::token_after(log, "Running HiGHS");
  const auto status_line = [&] {
    const std::size_t at = log.rfind("Model status");
    return at == std::string::npos ? std::string() : log.substr(at, log.find('\n', at) - at);
  }();
  if (text::contains(status_line, "Optimal"))
    out.status = MipStatus::optimal;
  else if (text::contains(status_line, "Time limit"))
    out.status = MipStatus::time_limit;
  else if (text::contains(status_line, "Infeasible"))
    out.status = MipStatus::infeasible;
  if (auto v = text::number_after(log, "Primal bound")) out.objective = *v;
  if (auto v = text::number_after(log, "Objective value")) out.objective = *v;
  if (auto v = text::number_after(log, "Dual bound")) out.bound = *v;
  if (auto v = text::number_after(log, "Nodes")) out.nodes = static_cast<long>(*v);
  if (out.status == MipStatus::infeasible) return out;
  // Raw solution style: "# Columns N" then N lines "name value".
  const auto lines = text::split_lines(solution);
  std::size_t n = 0;
  while (n < lines.size() && lines[n].rfind("# Columns", 0) != 0) ++n;
  for (++n; n < lines.size() && !lines[n].empty() && lines[n][0] != '#'; ++n) {
    const auto words = text::split_words(lines[n]);
    if (words.size() >= 2)
      if (auto v = text::to_number(words[1])) out.values[words[0]] = *v;
  }
  return out;
}

}  // namespace

MipDriver highs_driver() {
  MipDriver d;
  d.name = "highs";
  d.binary = "highs";
  d.prepare = [](const std::filesystem::path& dir) {
    std::ofstream(dir / "highs.opt") << "threads = 1\nmip_rel_gap = 0\nmip_abs_gap = 0\n"
                                        "write_solution_style = 0\n";
  };
  d.arguments = [](const std::string& model, MipFormat, double limit, const std::string& solution) {
    return std::vector<std::string>{"--model_file", model, "--time_limit", fmt::format("{:g}", limit),
                                    "--options_file", "highs.opt", "--solution_file", solution};
  };
  d.parse = parse_highs;
  return d;
}

}  // namespace cnnplace::mip
