// GLPK (Debian glpk-utils), run as
//   glpsol --lp model.lp --tmlim T -o solution.txt      (--freemps for MPS)
// GLPK is single-threaded and its MIP gap defaults to 0. It prunes a node whose bound is
// within 1e-7 (1 + |incumbent|) of the incumbent, i.e. it is exact to about 0.1 us here.
// The solution comes from the printable report (-o): it names the columns, whereas the raw
// --write format numbers them in the reader's order. Names longer than 12 characters wrap
// the values onto the next line; the parser follows that.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "bench/mip/drivers.hpp"

namespace cnnplace::mip {
namespace {

// "+  1234: mip =   1.0e+00 >=   9.9e-01   1.0% (12; 34)" -> bound, done-node count.
void parse_progress(const std::string& log, SolverOutput& out) {
  for (const std::string& line : text::split_lines(log)) {
    if (line.empty() || line[0] != '+' || !text::contains(line, ">=")) continue;
    if (auto v = text::number_after(line, ">=")) out.bound = *v;
    const std::size_t open = line.rfind('('), semi = line.rfind(';');
    if (open != std::string::npos && semi != std::string::npos && semi > open)
      if (auto v = text::to_number(line.substr(semi + 1))) out.nodes = static_cast<long>(*v);
  }
}

void parse_columns(const std::string& report, SolverOutput& out) {
  const auto lines = text::split_lines(report);
  std::size_t n = 0;
  while (n < lines.size() && !text::contains(lines[n], "Column name")) ++n;
  n += 2;  // the header and its dashes
  for (; n < lines.size() && !text::split_words(lines[n]).empty(); ++n) {
    auto words = text::split_words(lines[n]);
    if (words.size() < 2) continue;
    const std::string name = words[1];
    std::vector<std::string> rest(words.begin() + 2, words.end());
    if (rest.empty() && n + 1 < lines.size()) rest = text::split_words(lines[++n]);
    if (!rest.empty() && rest[0] == "*") rest.erase(rest.begin());
    if (rest.empty()) continue;
    if (auto v = text::to_number(rest[0])) out.values[name] = *v;
  }
}

SolverOutput parse_glpk(const std::string& log, const std::string& report) {
  SolverOutput out;
  out.version = text::token_after(log, "LP/MIP Solver");
  if (text::contains(log, "INTEGER OPTIMAL SOLUTION FOUND"))
    out.status = MipStatus::optimal;
  else if (text::contains(log, "TIME LIMIT EXCEEDED"))
    out.status = MipStatus::time_limit;
  else if (text::contains(log, "NO PRIMAL FEASIBLE") || text::contains(log, "NO INTEGER FEASIBLE"))
    out.status = MipStatus::infeasible;
  parse_progress(log, out);
  const bool has_solution = text::contains(report, "INTEGER OPTIMAL") ||
                            text::contains(report, "INTEGER NON-OPTIMAL");
  if (!has_solution || out.status == MipStatus::infeasible) return out;
  if (auto v = text::number_after(report, "obj =")) out.objective = *v;
  if (out.status == MipStatus::optimal) out.bound = out.objective;
  parse_columns(report, out);
  return out;
}

}  // namespace

MipDriver glpk_driver() {
  MipDriver d;
  d.name = "glpk";
  d.binary = "glpsol";
  d.prepare = [](const std::filesystem::path&) {};
  d.arguments = [](const std::string& model, MipFormat format, double limit, const std::string& solution) {
    const int seconds = std::max(1, static_cast<int>(std::ceil(limit)));  // whole seconds only
    return std::vector<std::string>{format == MipFormat::lp ? "--lp" : "--freemps", model,
                                    "--tmlim", fmt::format("{}", seconds), "-o", solution};
  };
  d.parse = parse_glpk;
  return d;
}

}  // namespace cnnplace::mip
