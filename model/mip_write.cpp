// Writing a MipModel as CPLEX LP or free MPS, the two formats every MIP solver reads.
//
// Neither format has an objective constant, and an empty row ("0 = 1", an item that fits on
// no unit) is rejected by some readers. Both are carried by one variable `const_one` fixed at
// 1: the constant becomes its cost, an empty row `0 sense rhs` becomes `const_one sense
// rhs + 1`. It is written only when needed. Numbers use %.17g so that a double survives the
// round trip; long expressions are wrapped (some LP readers limit the line length).
#include <fmt/format.h>

#include <cmath>
#include <ostream>

#include "model/mip_export.hpp"

namespace cnnplace {
namespace {

constexpr const char* kConstOne = "const_one";
constexpr int kTermsPerLine = 6;

std::string number(double v) { return fmt::format("{:.17g}", v); }

bool needs_const_one(const MipModel& m) {
  if (m.objective_constant != 0) return true;
  bool any_cost = false;
  for (const MipVariable& v : m.variables) any_cost = any_cost || v.cost != 0;
  if (!any_cost) return true;  // an LP objective needs at least one term
  for (const MipRow& r : m.rows)
    if (r.terms.empty()) return true;
  return false;
}

const char* lp_sense(RowSense s) {
  switch (s) {
    case RowSense::le: return "<=";
    case RowSense::ge: return ">=";
    case RowSense::eq: return "=";
  }
  return "=";
}

// " + 2.5 x_0_1" / " - 2.5 x_0_1", wrapped every few terms.
class LpExpression {
 public:
  explicit LpExpression(std::ostream& out) : out_(out) {}
  void add(double coefficient, const std::string& name) {
    if (count_ > 0 && count_ % kTermsPerLine == 0) out_ << "\n   ";
    out_ << (coefficient < 0 ? " - " : " + ") << number(std::fabs(coefficient)) << ' ' << name;
    ++count_;
  }

 private:
  std::ostream& out_;
  int count_ = 0;
};

}  // namespace

void write_lp(const MipModel& m, std::ostream& out) {
  const bool const_one = needs_const_one(m);
  out << "\\ cnnplace placement MIP, instance \"" << m.name << "\", formulation "
      << to_string(m.formulation) << "\n"
      << "\\ objective: expected decision latency in seconds (docs/mip-formulation.md)\n"
      << "\\ " << m.variables.size() << " variables (" << m.binary_count() << " binary), "
      << m.rows.size() << " rows\n";
  out << "Minimize\n obj:";
  LpExpression objective(out);
  for (const MipVariable& v : m.variables)
    if (v.cost != 0) objective.add(v.cost, v.name);
  if (const_one) objective.add(m.objective_constant, kConstOne);
  out << "\nSubject To\n";
  for (const MipRow& r : m.rows) {
    out << ' ' << r.name << ':';
    LpExpression lhs(out);
    double rhs = r.rhs;
    for (const MipTerm& t : r.terms) lhs.add(t.coefficient, m.variables[t.variable].name);
    if (r.terms.empty()) {
      lhs.add(1.0, kConstOne);
      rhs += 1.0;
    }
    out << ' ' << lp_sense(r.sense) << ' ' << number(rhs) << '\n';
  }
  out << "Bounds\n";
  for (const MipVariable& v : m.variables) {
    if (v.binary) continue;
    if (v.lower == 0 && std::isinf(v.upper)) continue;  // the LP default
    out << ' ' << number(v.lower) << " <= " << v.name << " <= "
        << (std::isinf(v.upper) ? std::string("+inf") : number(v.upper)) << '\n';
  }
  if (const_one) out << ' ' << kConstOne << " = 1\n";
  out << "Binaries\n";
  int on_line = 0;
  for (const MipVariable& v : m.variables) {
    if (!v.binary) continue;
    out << ' ' << v.name;
    if (++on_line % 10 == 0) out << '\n';
  }
  if (on_line % 10 != 0) out << '\n';
  out << "End\n";
}

void write_mps(const MipModel& m, std::ostream& out) {
  const bool const_one = needs_const_one(m);
  // Columns are written one after another, so gather each variable's entries first.
  std::vector<std::vector<std::pair<std::string, double>>> column(m.variables.size());
  std::vector<std::pair<std::string, double>> const_column;
  for (std::size_t v = 0; v < m.variables.size(); ++v)
    if (m.variables[v].cost != 0) column[v].emplace_back("obj", m.variables[v].cost);
  if (const_one) const_column.emplace_back("obj", m.objective_constant);
  for (const MipRow& r : m.rows) {
    for (const MipTerm& t : r.terms) column[t.variable].emplace_back(r.name, t.coefficient);
    if (r.terms.empty()) const_column.emplace_back(r.name, 1.0);
  }

  out << "* cnnplace placement MIP, formulation " << to_string(m.formulation)
      << "; objective: expected decision latency in seconds\n";
  out << "NAME cnnplace\nROWS\n N obj\n";
  for (const MipRow& r : m.rows)
    out << ' ' << (r.sense == RowSense::le ? 'L' : r.sense == RowSense::ge ? 'G' : 'E') << ' '
        << r.name << '\n';
  out << "COLUMNS\n";
  auto write_column = [&](const std::string& name, const auto& entries) {
    if (entries.empty()) out << ' ' << name << " obj 0\n";
    for (const auto& [row, value] : entries) out << ' ' << name << ' ' << row << ' ' << number(value) << '\n';
  };
  bool in_integer_block = false;
  for (std::size_t v = 0; v < m.variables.size(); ++v) {
    if (m.variables[v].binary != in_integer_block) {
      in_integer_block = m.variables[v].binary;
      out << " MARKER 'MARKER' " << (in_integer_block ? "'INTORG'" : "'INTEND'") << '\n';
    }
    write_column(m.variables[v].name, column[v]);
  }
  if (in_integer_block) out << " MARKER 'MARKER' 'INTEND'\n";
  if (const_one) write_column(kConstOne, const_column);
  out << "RHS\n";
  for (const MipRow& r : m.rows) {
    const double rhs = r.terms.empty() ? r.rhs + 1.0 : r.rhs;
    if (rhs != 0) out << " rhs " << r.name << ' ' << number(rhs) << '\n';
  }
  out << "BOUNDS\n";
  for (const MipVariable& v : m.variables) {
    if (v.binary) {
      out << " BV bnd " << v.name << '\n';
      continue;
    }
    if (v.lower != 0) out << " LO bnd " << v.name << ' ' << number(v.lower) << '\n';
    if (!std::isinf(v.upper)) out << " UP bnd " << v.name << ' ' << number(v.upper) << '\n';
  }
  if (const_one) out << " FX bnd " << kConstOne << " 1\n";
  out << "ENDATA\n";
}

void write_mip(const MipModel& model, MipFormat format, std::ostream& out) {
  if (format == MipFormat::lp)
    write_lp(model, out);
  else
    write_mps(model, out);
}

}  // namespace cnnplace
