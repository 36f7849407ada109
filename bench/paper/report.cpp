// The printed report. Tables are built as grids of strings and padded per column, so the
// layout follows the paper's whatever the magnitudes.
#include "bench/paper/report.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace cnnplace::paper {
namespace {

MeanStd mean_std(const std::vector<double>& v) {
  if (v.empty()) return {NAN, NAN};
  const double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  double squares = 0;
  for (double x : v) squares += (x - mean) * (x - mean);
  return {mean, std::sqrt(squares / static_cast<double>(v.size()))};
}

double median(std::vector<double> v) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int decimals(const Cell& cell) { return cell.table == 4 ? 1 : 2; }

std::string block_of(const Cell& c) {
  return c.table == 4 ? fmt::format("Table 4, {}, {}", c.technology == "wifi4" ? "Wi-Fi 4" : "Wi-Fi HaLow",
                                    c.shared ? "first two layers shared" : "no shared layers")
                      : fmt::format("Table 5, {}", c.cnn);
}
std::string group_of(const Cell& c) { return c.table == 4 ? c.mix : c.technology; }
std::string row_of(const Cell& c) { return c.L == kUnlimitedLayers ? "C" : std::to_string(c.L); }

std::string entry(const MeanStd& ours, const MeanStd* paper, int digits) {
  std::string text = fmt::format("{:.{}f}±{:.{}f}", ours.mean, digits, ours.std, digits);
  if (paper) text += fmt::format(" | {:.{}f}±{:.{}f}", paper->mean, digits, paper->std, digits);
  return text;
}

template <class T>
void push_unique(std::vector<T>& v, const T& x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

void print_grid(std::ostream& out, const std::vector<std::vector<std::string>>& grid) {
  std::vector<std::size_t> width;
  auto length = [](const std::string& s) {  // code points, so that "±" counts once
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char ch) { return (ch & 0xC0) != 0x80; }));
  };
  for (const auto& row : grid)
    for (std::size_t k = 0; k < row.size(); ++k) {
      if (width.size() <= k) width.push_back(0);
      width[k] = std::max(width[k], length(row[k]));
    }
  for (const auto& row : grid) {
    std::string line;
    for (std::size_t k = 0; k < row.size(); ++k)
      line += (k ? "  " : "") + row[k] + std::string(width[k] - length(row[k]), ' ');
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  }
}

}  // namespace

const char* to_string(Agreement a) {
  switch (a) {
    case Agreement::exact: return "exact";
    case Agreement::within_std: return "within-std";
    case Agreement::outside: return "OUTSIDE";
  }
  return "?";
}

Agreement agreement(double ours, const MeanStd& paper, double resolution) {
  const double diff = std::fabs(ours - paper.mean);
  if (diff <= resolution / 2 + 1e-9) return Agreement::exact;
  if (diff <= paper.std + 1e-9) return Agreement::within_std;
  return Agreement::outside;
}

std::vector<CellSummary> summarize(const std::vector<Cell>& cells, const std::vector<std::vector<SystemResult>>& results,
                                   const std::map<std::string, PublishedCell>& published) {
  std::vector<CellSummary> out;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    CellSummary s;
    std::vector<double> tt, tp, t, solve;
    for (const SystemResult& r : results[c]) {
      ++s.systems;
      solve.push_back(r.solve_s);
      s.solve_total_s += r.solve_s;
      s.nodes_max = std::max(s.nodes_max, r.nodes);
      switch (r.outcome) {
        case Outcome::optimal: ++s.optimal; break;
        case Outcome::infeasible: ++s.infeasible; break;
        case Outcome::time_limit: ++s.time_limit; break;
        case Outcome::no_solution: ++s.no_solution; break;
        case Outcome::check_failed: ++s.check_failed; break;
        case Outcome::error: ++s.error; break;
      }
      if (!r.has_times()) continue;
      ++s.used;
      tt.push_back(r.t_t_ms), tp.push_back(r.t_p_ms), t.push_back(r.t_ms);
    }
    s.t_t = mean_std(tt), s.t_p = mean_std(tp), s.t = mean_std(t);
    s.solve_median_s = median(solve);
    s.solve_max_s = solve.empty() ? 0 : *std::max_element(solve.begin(), solve.end());
    if (auto it = published.find(cells[c].key()); it != published.end()) {
      s.published = &it->second;
      const double res = it->second.resolution;
      s.worst = std::max({agreement(s.t_t.mean, it->second.t_t, res), agreement(s.t_p.mean, it->second.t_p, res),
                          agreement(s.t.mean, it->second.t, res)});
    }
    out.push_back(s);
  }
  return out;
}

void print_tables(std::ostream& out, const std::vector<Cell>& cells, const std::vector<CellSummary>& summaries) {
  std::vector<std::string> blocks;
  for (const Cell& c : cells) push_unique(blocks, block_of(c));
  for (const std::string& block : blocks) {
    std::vector<std::string> groups, rows;
    for (const Cell& c : cells)
      if (block_of(c) == block) push_unique(groups, group_of(c)), push_unique(rows, row_of(c));
    std::vector<std::vector<std::string>> grid;
    std::vector<std::string> head1{""}, head2{"L"};
    for (const std::string& g : groups)
      for (const char* q : {"t_t", "t_p", "t = t_t + t_p"}) head1.push_back(g), head2.push_back(q);
    grid.push_back(head1), grid.push_back(head2);
    for (const std::string& row : rows) {
      std::vector<std::string> line{row};
      for (const std::string& g : groups) {
        const auto it = std::find_if(cells.begin(), cells.end(), [&](const Cell& c) {
          return block_of(c) == block && group_of(c) == g && row_of(c) == row;
        });
        if (it == cells.end()) {
          line.insert(line.end(), 3, "");
          continue;
        }
        const CellSummary& s = summaries[static_cast<std::size_t>(it - cells.begin())];
        const PublishedCell* p = s.published;
        const int d = decimals(*it);
        std::string mark = s.used < s.systems ? fmt::format(" [{} of {}]", s.used, s.systems) : "";
        line.push_back(entry(s.t_t, p ? &p->t_t : nullptr, d));
        line.push_back(entry(s.t_p, p ? &p->t_p : nullptr, d));
        line.push_back(entry(s.t, p ? &p->t : nullptr, d) + mark);
      }
      grid.push_back(line);
    }
    out << "\n" << block << " (ms; each entry: ours mean±std | paper mean±std; [n of N]: systems with a placement)\n";
    print_grid(out, grid);
  }
}

void print_verdicts(std::ostream& out, const std::vector<Cell>& cells, const std::vector<CellSummary>& summaries) {
  out << "\nVerdict per cell: ours - paper in ms, then exact (within half the published last digit), "
         "within-std (|diff| <= published std) or OUTSIDE\n";
  std::vector<std::vector<std::string>> grid{{"cell", "systems", "t_t diff", "", "t_p diff", "", "t diff", "", "cell"}};
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const CellSummary& s = summaries[c];
    std::vector<std::string> line{cells[c].label(), fmt::format("{}/{}", s.used, s.systems)};
    if (!s.published) {
      line.insert(line.end(), {"-", "", "-", "", "-", "", "unpublished"});
    } else {
      const PublishedCell& p = *s.published;
      for (auto [ours, paper] : {std::pair{s.t_t, p.t_t}, std::pair{s.t_p, p.t_p}, std::pair{s.t, p.t}}) {
        line.push_back(fmt::format("{:+.3f}", ours.mean - paper.mean));
        line.push_back(to_string(agreement(ours.mean, paper, p.resolution)));
      }
      line.push_back(to_string(s.worst));
    }
    grid.push_back(line);
  }
  print_grid(out, grid);
}

void print_timings(std::ostream& out, const std::vector<Cell>& cells, const std::vector<CellSummary>& summaries) {
  std::vector<std::size_t> order(cells.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return summaries[a].solve_total_s > summaries[b].solve_total_s; });
  out << "\nSolve time per cell (one solver thread per system), slowest first\n";
  std::vector<std::vector<std::string>> grid{
      {"cell", "total s", "median ms", "max ms", "max nodes", "infeasible", "limit hit"}};
  for (std::size_t c : order) {
    const CellSummary& s = summaries[c];
    grid.push_back({cells[c].label(), fmt::format("{:.2f}", s.solve_total_s), fmt::format("{:.3f}", s.solve_median_s * 1e3),
                    fmt::format("{:.1f}", s.solve_max_s * 1e3), fmt::format("{:.0f}", s.nodes_max),
                    std::to_string(s.infeasible), std::to_string(s.time_limit + s.no_solution)});
  }
  print_grid(out, grid);
}

int print_summary(std::ostream& out, const std::vector<CellSummary>& summaries) {
  int published = 0, within[3] = {0, 0, 0}, cells_within = 0, cells_exact = 0;
  int systems = 0, used = 0, optimal = 0, infeasible = 0, limit = 0, failed = 0, errors = 0;
  for (const CellSummary& s : summaries) {
    systems += s.systems, used += s.used, optimal += s.optimal, infeasible += s.infeasible;
    limit += s.time_limit + s.no_solution, failed += s.check_failed, errors += s.error;
    if (!s.published) continue;
    ++published;
    const PublishedCell& p = *s.published;
    int k = 0;
    for (auto [ours, paper] : {std::pair{s.t_t, p.t_t}, std::pair{s.t_p, p.t_p}, std::pair{s.t, p.t}})
      within[k++] += agreement(ours.mean, paper, p.resolution) != Agreement::outside;
    cells_within += s.worst != Agreement::outside;
    cells_exact += s.worst == Agreement::exact;
  }
  out << fmt::format("\nCells within the published std (all of t_t, t_p, t): {} of {} ({} exact to the printed digit); "
                     "t_t {} of {}, t_p {} of {}, t {} of {}\n",
                     cells_within, published, cells_exact, within[0], published, within[1], published, within[2],
                     published);
  out << fmt::format("Systems: {}; with a placement: {}; infeasible (excluded from the means): {}\n", systems, used,
                     infeasible);
  out << fmt::format("Every placement passed check() and evaluate(): {}; proven optimal: {} of {} feasible systems (limit hit: {}; "
                     "errors: {})\n",
                     failed == 0 ? "yes" : fmt::format("NO, {} failed", failed), optimal, systems - infeasible, limit, errors);
  return failed + limit + errors;
}

std::string csv_header() { return "table,technology,mix,cnn,cnns,shared,L,system,seed,status,t_t_ms,t_p_ms,t_ms,solve_s,nodes"; }

void write_csv(std::ostream& out, const std::vector<Cell>& cells, const std::vector<std::vector<SystemResult>>& results) {
  out << csv_header() << '\n';
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const Cell& cell = cells[c];
    for (std::size_t s = 0; s < results[c].size(); ++s) {
      const SystemResult& r = results[c][s];
      out << fmt::format("{},{},{},{},{},{},{},{},{},{},{:.6f},{:.6f},{:.6f},{:.6f},{:.0f}\n", cell.table, cell.technology,
                         cell.mix, cell.cnn, cell.cnns, cell.shared, cell.L_text(), s, r.seed, to_string(r.outcome),
                         r.t_t_ms, r.t_p_ms, r.t_ms, r.solve_s, r.nodes);
    }
  }
}

}  // namespace cnnplace::paper
