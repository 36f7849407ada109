// write_csv() and write_summary() (report.hpp).
#include "bench/compare/report.hpp"

#include "model/errors.hpp"

#include <fmt/format.h>
#include <sys/utsname.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

namespace cnnplace::bench {
namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c == '\n' ? ' ' : c);
  return q + "\"";
}

std::string number(const std::optional<double>& v, const char* format = "{:.12g}") {
  return v ? fmt::format(fmt::runtime(format), *v) : std::string();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string seconds(double s) {
  if (s < 0.001) return fmt::format("{:.2f} ms", s * 1e3);
  if (s < 1) return fmt::format("{:.1f} ms", s * 1e3);
  return fmt::format("{:.1f} s", s);
}

// `mip_capped`: the MIP solver hit the limit somewhere (its times are lower bounds);
// `own_capped`: cnnplace did (its times are lower bounds, the ratio an upper bound).
std::string ratio(double r, bool mip_capped, bool own_capped) {
  const std::string p = mip_capped && own_capped ? "~" : mip_capped ? ">=" : own_capped ? "<=" : "";
  if (r >= 10) return fmt::format("{}{:.0f}x", p, r);
  return fmt::format("{}{:.1f}x", p, r);
}

// The times of one solver over a set of instances, and its ratios to cnnplace's times.
struct Column {
  std::vector<double> times, ratios;
  int limit = 0, errors = 0, optimal = 0;
  int limit_without_placement = 0;
  double max_gap_at_limit = -1;  // over runs stopped with a placement and a bound
};

using Grouped = std::map<std::string, std::map<std::string, Row>>;  // instance -> solver -> row

Column column(const std::vector<std::string>& instances, const Grouped& by_instance, const std::string& solver) {
  Column c;
  for (const std::string& name : instances) {
    const auto& rows = by_instance.at(name);
    auto it = rows.find(solver);
    if (it == rows.end()) continue;
    const Row& r = it->second;
    c.times.push_back(r.seconds);
    c.limit += r.status == RunStatus::time_limit;
    if (r.status == RunStatus::time_limit && !r.objective) ++c.limit_without_placement;
    if (r.status == RunStatus::time_limit && r.gap) c.max_gap_at_limit = std::max(c.max_gap_at_limit, *r.gap);
    c.errors += r.status == RunStatus::error;
    c.optimal += r.status == RunStatus::optimal;
    auto own = rows.find("cnnplace");
    if (own != rows.end() && own->second.seconds > 0) c.ratios.push_back(r.seconds / own->second.seconds);
  }
  return c;
}

void write_table(const std::vector<std::pair<std::string, std::vector<std::string>>>& groups,
                 const Grouped& by_instance, const std::vector<std::string>& solvers, std::ostream& out) {
  std::string head = "| cell | n |", rule = "| --- | ---: |";
  for (const std::string& s : solvers) {
    head += fmt::format(" {} median | {} max |", s, s);
    rule += " ---: | ---: |";
    if (s != "cnnplace") {
      head += fmt::format(" {} / cnnplace |", s);
      rule += " ---: |";
    }
    head += fmt::format(" {} at limit |", s);
    rule += " ---: |";
  }
  out << head << "\n" << rule << "\n";
  for (const auto& [label, instances] : groups) {
    std::string line = fmt::format("| {} | {} |", label, instances.size());
    const Column own = column(instances, by_instance, "cnnplace");
    for (const std::string& s : solvers) {
      const Column c = column(instances, by_instance, s);
      if (c.times.empty()) {
        line += s == "cnnplace" ? " | | |" : " | | | |";
        continue;
      }
      line += fmt::format(" {} | {} |", seconds(median(c.times)),
                          seconds(*std::max_element(c.times.begin(), c.times.end())));
      if (s != "cnnplace")
        line += fmt::format(" {} |", c.ratios.empty() ? "" : ratio(median(c.ratios), c.limit > 0, own.limit > 0));
      std::string limit = std::to_string(c.limit);
      if (c.limit_without_placement) limit += fmt::format(", {} without placement", c.limit_without_placement);
      if (c.max_gap_at_limit >= 0) limit += fmt::format(", gap <= {:.2g} %", 100 * c.max_gap_at_limit);
      if (c.errors) limit += fmt::format(", {} error", c.errors);
      line += " " + limit + " |";
    }
    out << line << "\n";
  }
}

// A cell without its technology and mix: "paper/2x5layer-sh2/wifi4/50-50/L1" ->
// "paper/2x5layer-sh2/L1".
std::string configuration_of(const std::string& cell) {
  static const std::regex dropped("^(wifi4|halow|[0-9]+-[0-9]+)$");
  std::string key, part;
  std::istringstream parts(cell);
  while (std::getline(parts, part, '/'))
    if (!std::regex_match(part, dropped)) key += (key.empty() ? "" : "/") + part;
  return key;
}

}  // namespace

void write_csv(const std::vector<Row>& rows, std::ostream& out) {
  out << "instance,cell,solver,version,threads,status,objective,bound,gap,seconds,nodes,note\n";
  for (const Row& r : rows)
    out << fmt::format("{},{},{},{},{},{},{},{},{},{:.6f},{},{}\n", csv_field(r.instance), csv_field(r.cell),
                       r.solver, csv_field(r.version), r.threads, to_string(r.status), number(r.objective),
                       number(r.bound), number(r.gap, "{:.3g}"), r.seconds, r.nodes < 0 ? "" : fmt::format("{:.0f}", r.nodes),
                       csv_field(r.note));
}

std::vector<Row> read_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path, "cannot open the file", "give a CSV written by cnnplace-compare --csv");
  std::vector<Row> rows;
  std::string line;
  std::getline(in, line);  // header
  for (int number = 2; std::getline(in, line); ++number) {
    std::vector<std::string> f;
    std::string cur;
    bool quoted = false;
    for (std::size_t k = 0; k < line.size(); ++k) {
      const char c = line[k];
      if (quoted && c == '"' && k + 1 < line.size() && line[k + 1] == '"') {
        cur += '"';
        ++k;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        f.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
    f.push_back(cur);
    if (f.size() != 12) throw InputError(fmt::format("{}:{}", path, number), "not 12 fields", "");
    auto opt = [](const std::string& t) { return t.empty() ? std::nullopt : std::optional<double>(std::stod(t)); };
    Row r;
    r.instance = f[0];
    r.cell = f[1];
    r.solver = f[2];
    r.version = f[3];
    r.threads = std::stoi(f[4]);
    for (RunStatus st : {RunStatus::optimal, RunStatus::time_limit, RunStatus::infeasible, RunStatus::error})
      if (f[5] == to_string(st)) r.status = st;
    r.objective = opt(f[6]);
    r.bound = opt(f[7]);
    r.gap = opt(f[8]);
    r.seconds = std::stod(f[9]);
    r.nodes = f[10].empty() ? -1 : std::stod(f[10]);
    r.note = f[11];
    rows.push_back(std::move(r));
  }
  return rows;
}

void write_summary(const std::vector<Row>& rows, const std::vector<Disagreement>& disagreements,
                   const std::vector<std::string>& solvers, const RunInfo& info, std::ostream& out) {
  Grouped by_instance;
  std::vector<std::pair<std::string, std::vector<std::string>>> cells;
  std::map<std::string, std::vector<std::string>> suites;
  std::vector<std::string> suite_order;
  for (const Row& r : rows) {
    if (by_instance[r.instance].empty()) {
      if (cells.empty() || cells.back().first != r.cell) cells.push_back({r.cell, {}});
      cells.back().second.push_back(r.instance);
      const std::string suite = r.instance.substr(0, r.instance.find('/'));
      if (!suites.count(suite)) suite_order.push_back(suite);
      suites[suite].push_back(r.instance);
    }
    by_instance[r.instance][r.solver] = r;
  }

  out << "# cnnplace against MIP solvers\n\n";
  out << fmt::format("- Date: {}\n- Machine: {}\n- Command: `{}`\n", info.date, info.machine, info.command);
  out << fmt::format("- Every solver on one thread; time limit {:g} s per run; MIP formulation `{}`\n",
                     info.time_limit_s, info.formulation);
  out << "- Times are wall seconds: cnnplace's solve() (problem build included), a MIP solver's process "
         "(model reading included, export excluded)\n\n";
  out << "## Disagreements\n\n";
  if (disagreements.empty()) {
    out << "None: wherever a solver proved an optimum, every other answer agrees with it (relative 1e-6), "
           "and every placement passes check() and evaluate().\n\n";
  } else {
    out << fmt::format("**!!! {} DISAGREEMENT(S) ON THE OPTIMUM: A CRITICAL BUG IN ONE OF THE SOLVERS OR THE "
                       "EXPORT !!!**\n\n",
                       disagreements.size());
    for (const Disagreement& d : disagreements) out << fmt::format("- **{}**: {}\n", d.instance, d.what);
    out << "\n";
  }

  out << "## Per suite\n\n"
         "`X / cnnplace` is the median over the row's instances of (X's time / cnnplace's time); `>=` marks a row "
         "where X stopped at the limit on some instance (the ratio is a lower bound), `<=` one where cnnplace did "
         "(an upper bound), `~` both. `at limit` counts runs stopped by the time limit, how many of them had no "
         "placement, and the largest gap (objective - bound) / objective among the others.\n\n";
  std::vector<std::pair<std::string, std::vector<std::string>>> totals;
  for (const std::string& s : suite_order) totals.push_back({s + " (all)", suites[s]});
  write_table(totals, by_instance, solvers, out);
  std::vector<std::pair<std::string, std::vector<std::string>>> configurations;
  for (const auto& [cell, instances] : cells) {
    const std::string key = configuration_of(cell);
    auto it = std::find_if(configurations.begin(), configurations.end(), [&](const auto& g) { return g.first == key; });
    if (it == configurations.end()) {
      configurations.push_back({key, {}});
      it = configurations.end() - 1;
    }
    it->second.insert(it->second.end(), instances.begin(), instances.end());
  }
  out << "\n## Per configuration (cells pooled over mixes and technologies)\n\n";
  write_table(configurations, by_instance, solvers, out);
  out << "\n## Per cell\n\n";
  write_table(cells, by_instance, solvers, out);

  std::vector<const Row*> failed;
  for (const Row& r : rows)
    if (r.status == RunStatus::error) failed.push_back(&r);
  if (!failed.empty()) {
    out << "\n## Errors\n\n";
    for (const Row* r : failed) out << fmt::format("- {} {}: {}\n", r->instance, r->solver, r->note);
  }
}

std::string describe_machine() {
  std::string model = "unknown CPU";
  std::ifstream cpu("/proc/cpuinfo");
  for (std::string line; std::getline(cpu, line);)
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  double load[3] = {0, 0, 0};
  std::ifstream("/proc/loadavg") >> load[0] >> load[1] >> load[2];
  utsname u{};
  uname(&u);
  return fmt::format("{}, {} hardware threads, {} {}; load average {:.2f} at the start", model,
                     std::thread::hardware_concurrency(), u.sysname, u.release, load[0]);
}

std::string utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

}  // namespace cnnplace::bench
