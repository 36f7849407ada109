// cnnplace-bench-scale: how the exact solver's cost grows with the number of units N and of
// CNNs C (issue 8), at the paper's density (side = 30 m * sqrt(N / 30), range 7.5 m).
//
//   cnnplace-bench-scale [--quick] [--time-limit 60] [--seeds 2] [--threads 1]
//                        [--units 100,200,500,1000,2000] [--cnns 5,10,20,50]
//                        [--kinds alexnet,5layer] [--L 1,2,3] [--mixes 50-50,90-10]
//                        [--techs wifi4,halow] [--csv OUT] [--svg OUT]
//                        [--mip cbc,glpk] [--mip-max-units 200]
//
// Every instance runs in a child process (fork), so that its peak memory (getrusage of the
// child: generation, tables and search) is its own. Per instance: status, time to proven
// optimum (or the gap at the time limit), nodes, root gap, time to the first incumbent, peak
// memory; every answer is re-checked by check() and evaluate(). At the end: the least-squares
// fit log t = a + b log N + c log C over the instances proven optimal (a rough guide: open
// instances are left out, so it flatters the large sizes), and an SVG plot of time against N
// (one series per C; hollow marks: not proven within the limit; crosses: infeasible).
// With --mip, the MIP solvers (bench/mip/: tight export, one thread, the same time limit) run
// on the same instance right after cnnplace, for N up to --mip-max-units (the N^2 flow
// variables of larger N do not load in useful time); their optima are cross-checked against
// cnnplace's (relative 1e-6) and their times summarised per (N, C) as a ratio to cnnplace's.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bench/mip/mip_runner.hpp"
#include "model/evaluate.hpp"
#include "model/generator.hpp"
#include "solver/solve.hpp"

using namespace cnnplace;

namespace {

struct Cell {
  int units, cnns, layer_limit;
  std::string kind, mix, tech;
  std::uint64_t seed;
};

struct MipOutcome {
  std::string solver, status;
  double seconds = NAN, objective = NAN, bound = NAN;
  bool verified = false;
};

struct Outcome {
  std::string status = "crashed";
  double seconds = NAN, objective = NAN, bound = NAN, gap = NAN, root_gap = NAN, first_s = NAN, nodes = NAN;
  double generate_s = NAN, peak_mb = NAN;
  bool checked = false;
};

std::vector<std::pair<std::string, double>> mix_of(const std::string& m) {
  const double stm = std::stod(m.substr(0, m.find('-'))) / 100.0;
  return {{"stm32h7", stm}, {"rpi3b+", 1 - stm}};
}

GeneratorOptions generator_options(const Cell& c) {
  GeneratorOptions g;
  g.units = c.units;
  g.cnns = c.cnns;
  g.cnn_kinds = {c.kind};
  g.layer_limit = c.layer_limit;
  g.mix = mix_of(c.mix);
  g.technology = c.tech;
  g.scale_density = true;
  g.connect = Connect::resample;
  g.seed = c.seed;
  return g;
}

// Runs in the child: generate, solve, check; writes one line of numbers to `fd`.
void run_child(const Cell& c, double time_limit, int threads, int fd) {
  const auto t0 = std::chrono::steady_clock::now();
  const Instance inst = generate(generator_options(c));
  const double gen_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  SolverOptions o;
  o.threads = threads;
  o.time_limit_s = time_limit;
  const SolveResult r = solve(inst, o);
  bool ok = true;
  if (r.placement) {
    ok = check(inst, *r.placement).empty() &&
         std::fabs(evaluate(inst, *r.placement).objective() - r.objective_s) <= 1e-9 * r.objective_s &&
         r.lower_bound_s <= r.objective_s * (1 + 1e-9);
  }
  const double root_gap = r.placement ? (r.objective_s - r.stats.root_lagrangian_bound_s) / r.objective_s : NAN;
  // Streams cannot read "inf" or "nan" back: -1 stands for "none" on the pipe.
  auto num = [](double v) { return std::isfinite(v) ? v : -1.0; };
  const std::string line =
      fmt::format("{} {:.6f} {:.9g} {:.9g} {:.6g} {:.6g} {:.6f} {:.0f} {:.6f} {}\n", to_string(r.status),
                  r.stats.seconds, num(r.objective_s), num(r.lower_bound_s), num(r.gap), num(root_gap),
                  r.stats.time_to_first_s, r.stats.nodes, gen_s, ok ? 1 : 0);
  [[maybe_unused]] const auto written = write(fd, line.data(), line.size());
}

Outcome run_isolated(const Cell& c, double time_limit, int threads) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  std::fflush(stdout);
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    try {
      run_child(c, time_limit, threads, fds[1]);
    } catch (const std::exception& e) {
      const std::string line = fmt::format("error: {}\n", e.what());
      [[maybe_unused]] const auto written = write(fds[1], line.data(), line.size());
    }
    _exit(0);
  }
  close(fds[1]);
  std::string text;
  char buffer[512];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(n));
  close(fds[0]);
  int wstatus = 0;
  struct rusage usage {};
  wait4(pid, &wstatus, 0, &usage);
  Outcome out;
  out.peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: kilobytes
  std::istringstream in(text);
  int ok = 0;
  if (text.rfind("error:", 0) == 0) {
    out.status = text.substr(0, text.find('\n'));
  } else if (in >> out.status >> out.seconds >> out.objective >> out.bound >> out.gap >> out.root_gap >>
             out.first_s >> out.nodes >> out.generate_s >> ok) {
    out.checked = ok == 1;
    for (double* v : {&out.objective, &out.bound, &out.gap, &out.root_gap, &out.first_s})
      if (*v < 0) *v = NAN;
  } else {
    out.status = "crashed";
  }
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream ss(text);
  for (std::string item; std::getline(ss, item, ',');)
    if (!item.empty()) parts.push_back(item);
  return parts;
}

std::vector<int> ints(const std::string& text) {
  std::vector<int> v;
  for (const std::string& s : split(text)) v.push_back(std::stoi(s));
  return v;
}

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(std::floor(q * static_cast<double>(v.size() - 1) + 0.5))];
}

// Least squares of y = a + b x1 + c x2 (normal equations, 3 x 3, Cramer's rule).
bool fit_plane(const std::vector<double>& x1, const std::vector<double>& x2, const std::vector<double>& y,
               double& a, double& b, double& c) {
  double s[3][3] = {}, r[3] = {};
  for (std::size_t n = 0; n < y.size(); ++n) {
    const double v[3] = {1, x1[n], x2[n]};
    for (int i = 0; i < 3; ++i) {
      r[i] += v[i] * y[n];
      for (int j = 0; j < 3; ++j) s[i][j] += v[i] * v[j];
    }
  }
  auto det = [](double m[3][3]) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
           m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  };
  const double d = det(s);
  if (std::fabs(d) < 1e-12) return false;
  double out[3];
  for (int k = 0; k < 3; ++k) {
    double m[3][3];
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) m[i][j] = j == k ? r[i] : s[i][j];
    out[k] = det(m) / d;
  }
  a = out[0], b = out[1], c = out[2];
  return true;
}

// Time against N on log-log axes; one colour per C; filled: proven optimal, hollow: not.
void write_svg(const std::string& path, const std::vector<Cell>& cells, const std::vector<Outcome>& outs,
               double time_limit) {
  const double W = 720, H = 480, left = 70, right = 150, top = 30, bottom = 50;
  double nmin = 1e9, nmax = 0, tmin = 1e-4, tmax = std::max(1.0, time_limit);
  for (const Cell& c : cells) nmin = std::min(nmin, double(c.units)), nmax = std::max(nmax, double(c.units));
  for (const Outcome& o : outs)
    if (o.seconds > 0) tmin = std::min(tmin, o.seconds);
  if (nmax <= nmin) nmax = nmin * 2;
  const double lx0 = std::log10(nmin / 1.2), lx1 = std::log10(nmax * 1.2);
  const double ly0 = std::floor(std::log10(tmin)), ly1 = std::ceil(std::log10(tmax));
  auto X = [&](double n) { return left + (std::log10(n) - lx0) / (lx1 - lx0) * (W - left - right); };
  auto Y = [&](double t) { return H - bottom - (std::log10(t) - ly0) / (ly1 - ly0) * (H - top - bottom); };
  const char* colours[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
  std::map<int, int> colour_of;
  for (const Cell& c : cells) colour_of.emplace(c.cnns, 0);
  int k = 0;
  for (auto& [cnns, col] : colour_of) col = k++ % 6;
  std::ofstream f(path);
  f << fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" font-family=\"sans-serif\" "
                   "font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
                   W, H);
  f << fmt::format("<text x=\"{}\" y=\"18\" text-anchor=\"middle\">cnnplace solve time against N (log-log); hollow: "
                   "not proven in {} s; x: infeasible</text>\n",
                   (W - right + left) / 2, time_limit);
  for (double e = ly0; e <= ly1; e += 1) {
    f << fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#ddd\"/>\n", left, W - right,
                     Y(std::pow(10, e)), Y(std::pow(10, e)));
    f << fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">1e{:.0f} s</text>\n", left - 5,
                     Y(std::pow(10, e)) + 4, e);
  }
  std::vector<int> ns;
  for (const Cell& c : cells) ns.push_back(c.units);
  std::sort(ns.begin(), ns.end());
  ns.erase(std::unique(ns.begin(), ns.end()), ns.end());
  for (int n : ns)
    f << fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", X(n), H - bottom + 18, n);
  f << fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">units N</text>\n", (W - right + left) / 2,
                   H - 10);
  f << fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#999\" stroke-dasharray=\"4\"/>\n",
                   left, W - right, Y(time_limit), Y(time_limit));
  for (std::size_t n = 0; n < cells.size(); ++n) {
    const Outcome& o = outs[n];
    if (!(o.seconds > 0)) continue;
    const char* col = colours[colour_of[cells[n].cnns]];
    // Spread the kinds and L a little sideways so that marks do not hide each other.
    const double dx = (cells[n].kind == "alexnet" ? -4 : 4) + (cells[n].layer_limit - 2) * 1.5;
    const double x = X(cells[n].units) + dx, y = Y(std::max(o.seconds, std::pow(10, ly0)));
    if (o.status == "infeasible") {  // a grey cross: proven infeasible
      f << fmt::format("<path d=\"M{0:.1f} {1:.1f}l7 7m0 -7l-7 7\" stroke=\"#888\"/>\n", x - 3.5, y - 3.5);
      continue;
    }
    f << fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\" stroke=\"{}\" fill=\"{}\"/>\n", x, y, col,
                     o.status == "optimal" ? col : "none");
  }
  int row = 0;
  for (auto& [cnns, col] : colour_of) {
    const double y = top + 20 + 18 * row++;
    f << fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">C = {}</text>\n",
                     W - right + 20, y, colours[col], W - right + 30, y + 4, cnns);
  }
  f << "</svg>\n";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Scaling benchmark of cnnplace (issue 8): time, gap and memory against N and C"};
  bool quick = false;
  double time_limit = 60;
  int seeds = 2, threads = 1;
  std::string units = "100,200,500,1000,2000", cnns = "5,10,20,50", kinds = "alexnet,5layer", layers = "1,2,3",
              mixes = "50-50,90-10", techs = "wifi4,halow", csv, svg, mip;
  int mip_max_units = 200;
  app.add_flag("--quick", quick,
               "A small grid: N 100,500,2000; C 5,50; both kinds; L 1,2; 50-50; wifi4; one seed; 10 s limit");
  app.add_option("--time-limit", time_limit, "Seconds per solve")->capture_default_str();
  app.add_option("--seeds", seeds, "Random systems per cell")->capture_default_str();
  app.add_option("--threads", threads, "Solver threads (0: one per core)")->capture_default_str();
  app.add_option("--units", units, "Comma list of N")->capture_default_str();
  app.add_option("--cnns", cnns, "Comma list of C")->capture_default_str();
  app.add_option("--kinds", kinds, "Comma list of zoo CNNs")->capture_default_str();
  app.add_option("--L", layers, "Comma list of layer limits")->capture_default_str();
  app.add_option("--mixes", mixes, "Comma list of STM32H7-RPi mixes")->capture_default_str();
  app.add_option("--techs", techs, "Comma list of technologies")->capture_default_str();
  app.add_option("--csv", csv, "Write one row per instance here");
  app.add_option("--svg", svg, "Write the time-against-size plot here");
  app.add_option("--mip", mip, "Comma list of MIP solvers to run on the same instances (cbc, glpk, highs, scip, gurobi)");
  app.add_option("--mip-max-units", mip_max_units, "Run the MIP solvers only up to this N")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  if (quick) {
    if (app.count("--units") == 0) units = "100,500,2000";
    if (app.count("--cnns") == 0) cnns = "5,50";
    if (app.count("--L") == 0) layers = "1,2";
    if (app.count("--mixes") == 0) mixes = "50-50";
    if (app.count("--techs") == 0) techs = "wifi4";
    if (app.count("--seeds") == 0) seeds = 1;
    if (app.count("--time-limit") == 0) time_limit = 10;
  }

  std::vector<Cell> cells;
  for (int n : ints(units))
    for (int c : ints(cnns))
      for (const std::string& kind : split(kinds))
        for (int L : ints(layers))
          for (const std::string& mix : split(mixes))
            for (const std::string& tech : split(techs))
              for (int s = 1; s <= seeds; ++s) cells.push_back({n, c, L, kind, mix, tech, static_cast<std::uint64_t>(s)});

  std::FILE* out_csv = csv.empty() ? nullptr : std::fopen(csv.c_str(), "w");
  if (out_csv)
    fmt::print(out_csv, "units,cnns,kind,L,mix,tech,seed,status,seconds,objective_s,lower_bound_s,gap,root_gap,"
                        "first_incumbent_s,nodes,generate_s,peak_mb,checked,solver\n");
  fmt::print("{:>5} {:>3} {:<8} {:>2} {:<6} {:<5} {:>4}  {:<10} {:>9} {:>9} {:>9} {:>9} {:>10} {:>8} {:>8}\n", "N", "C",
             "kind", "L", "mix", "tech", "seed", "status", "time_s", "gap", "root_gap", "first_ms", "nodes", "peak_MB",
             "gen_s");
  std::vector<Outcome> outs;
  std::vector<std::vector<MipOutcome>> mip_outs;
  int failed = 0, disagreements = 0;
  for (const Cell& c : cells) {
    const Outcome o = run_isolated(c, time_limit, threads);
    if (!o.checked && o.status != "infeasible") ++failed;
    outs.push_back(o);
    fmt::print("{:>5} {:>3} {:<8} {:>2} {:<6} {:<5} {:>4}  {:<10} {:>9.3f} {:>9.2e} {:>9.2e} {:>9.1f} {:>10.0f} {:>8.0f} "
               "{:>8.2f}{}\n",
               c.units, c.cnns, c.kind, c.layer_limit, c.mix, c.tech, c.seed, o.status, o.seconds, o.gap, o.root_gap,
               o.first_s * 1e3, o.nodes, o.peak_mb, o.generate_s, o.checked || o.status == "infeasible" ? "" : "  CHECK FAILED");
    std::fflush(stdout);
    if (out_csv) {
      fmt::print(out_csv, "{},{},{},{},{},{},{},{},{:.6f},{:.9g},{:.9g},{:.6g},{:.6g},{:.6f},{:.0f},{:.4f},{:.1f},{}\n",
                 c.units, c.cnns, c.kind, c.layer_limit, c.mix, c.tech, c.seed, o.status, o.seconds, o.objective, o.bound,
                 o.gap, o.root_gap, o.first_s, o.nodes, o.generate_s, o.peak_mb, o.checked ? 1 : 0, "cnnplace");
      std::fflush(out_csv);
    }
    mip_outs.emplace_back();
    if (mip.empty() || c.units > mip_max_units) continue;
    const Instance inst = generate(generator_options(c));
    for (const std::string& solver : split(mip)) {
      const mip::MipRun run = mip::run_mip(inst, solver, time_limit);
      MipOutcome m{solver, to_string(run.status), run.seconds, run.objective, run.bound, run.verified()};
      // Two proven optima must agree; a verified MIP placement may not beat cnnplace's proven one.
      const bool both_optimal = m.status == "optimal" && o.status == "optimal";
      const bool beats_proof = o.status == "optimal" && m.verified && m.objective < o.objective * (1 - 1e-6);
      const bool disagree = (both_optimal && std::fabs(m.objective - o.objective) > 1e-6 * o.objective) || beats_proof ||
                            (m.status == "infeasible" && o.status != "infeasible") ||
                            (m.status == "optimal" && !m.verified);
      if (disagree) ++disagreements;
      fmt::print("{:>5} {:>3} {:<8} {:>2} {:<6} {:<5} {:>4}  {:<10} {:>9.3f}  {} {}{}\n", c.units, c.cnns, c.kind,
                 c.layer_limit, c.mix, c.tech, c.seed, m.status, m.seconds, solver,
                 std::isfinite(o.seconds) && o.seconds > 0
                     ? fmt::format("({}{:.0f}x cnnplace's time)", m.status == "optimal" || m.status == "infeasible" ? "" : ">=",
                                   m.seconds / o.seconds)
                     : "",
                 disagree ? "  DISAGREES WITH CNNPLACE" : "");
      std::fflush(stdout);
      if (out_csv) {
        fmt::print(out_csv, "{},{},{},{},{},{},{},{},{:.6f},{:.9g},{:.9g},,,,,,,{},{}\n", c.units, c.cnns, c.kind,
                   c.layer_limit, c.mix, c.tech, c.seed, m.status, m.seconds, m.objective, m.bound, m.verified ? 1 : 0,
                   solver);
        std::fflush(out_csv);
      }
      mip_outs.back().push_back(m);
    }
  }
  if (out_csv) std::fclose(out_csv);

  // Summary per (N, C), and the fitted growth over the instances proven optimal.
  fmt::print("\n{:>5} {:>3} {:>5} {:>7} {:>10} {:>10} {:>10} {:>10} {:>9}\n", "N", "C", "runs", "proven", "median_s",
             "max_s", "max_gap", "max_first_ms", "max_MB");
  std::map<std::pair<int, int>, std::vector<std::size_t>> groups;
  for (std::size_t n = 0; n < cells.size(); ++n) groups[{cells[n].units, cells[n].cnns}].push_back(n);
  std::vector<double> lx1, lx2, ly;
  for (const auto& [key, members] : groups) {
    std::vector<double> t, gap, first, mb;
    int proven = 0;
    for (std::size_t n : members) {
      const Outcome& o = outs[n];
      t.push_back(o.seconds);
      if (o.status == "optimal" || o.status == "infeasible") ++proven;
      if (o.gap >= 0) gap.push_back(o.gap);
      first.push_back(o.first_s * 1e3);
      mb.push_back(o.peak_mb);
      if (o.status == "optimal" && o.seconds > 0) {
        lx1.push_back(std::log(key.first));
        lx2.push_back(std::log(key.second));
        ly.push_back(std::log(o.seconds));
      }
    }
    fmt::print("{:>5} {:>3} {:>5} {:>7} {:>10.3f} {:>10.3f} {:>10.2e} {:>10.1f} {:>9.0f}\n", key.first, key.second,
               members.size(), proven, quantile(t, 0.5), quantile(t, 1.0), quantile(gap, 1.0), quantile(first, 1.0),
               quantile(mb, 1.0));
  }
  // Growth with N at each C, and with C at each N (slopes on log-log axes), then both at once.
  auto slope = [](const std::vector<double>& x, const std::vector<double>& y) {
    double mx = 0, my = 0, sxx = 0, sxy = 0;
    const double count = static_cast<double>(x.size());
    for (std::size_t n = 0; n < x.size(); ++n) mx += x[n] / count, my += y[n] / count;
    for (std::size_t n = 0; n < x.size(); ++n) sxx += (x[n] - mx) * (x[n] - mx), sxy += (x[n] - mx) * (y[n] - my);
    return sxx > 1e-12 ? sxy / sxx : NAN;
  };
  auto by = [&](const std::vector<double>& key, const std::vector<double>& x, const char* what, const char* over) {
    std::map<double, std::pair<std::vector<double>, std::vector<double>>> groups_of;
    for (std::size_t n = 0; n < ly.size(); ++n) groups_of[key[n]].first.push_back(x[n]), groups_of[key[n]].second.push_back(ly[n]);
    for (const auto& [k, xy] : groups_of) {
      const double b = slope(xy.first, xy.second);
      if (std::isfinite(b))
        fmt::print("  {} = {:.0f}: time ~ {}^{:.2f} over {} optimal solves\n", what, std::exp(k), over, b, xy.first.size());
    }
  };
  fmt::print("\nfitted growth of the time to a proven optimum (open instances left out):\n");
  by(lx2, lx1, "C", "N");
  by(lx1, lx2, "N", "C");
  double a = 0, b = 0, c = 0;
  const auto distinct = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return std::unique(v.begin(), v.end()) - v.begin();
  };
  if (ly.size() >= 4 && distinct(lx1) >= 2 && distinct(lx2) >= 2 && fit_plane(lx1, lx2, ly, a, b, c))
    fmt::print("  all: time ~ {:.3g} * N^{:.2f} * C^{:.2f} s over {} optimal solves\n", std::exp(a), b, c, ly.size());
  if (!svg.empty()) write_svg(svg, cells, outs, time_limit);
  if (!mip.empty()) {
    // Per (N, C) and MIP solver: median times and the median ratio (MIP time / cnnplace time);
    // a run at the limit makes its ratio a lower bound (">=").
    fmt::print("\n{:>5} {:>3} {:<8} {:>5} {:>10} {:>12} {:>12} {:>9}\n", "N", "C", "solver", "runs", "proven",
               "median_s", "median_ratio", "at_limit");
    for (const auto& [key, members] : groups)
      for (const std::string& solver : split(mip)) {
        std::vector<double> t, ratio;
        int runs = 0, proven = 0, at_limit = 0;
        for (std::size_t n : members)
          for (const MipOutcome& m : mip_outs[n]) {
            if (m.solver != solver) continue;
            ++runs;
            if (m.status == "optimal" || m.status == "infeasible") ++proven;
            else ++at_limit;
            t.push_back(m.seconds);
            if (outs[n].seconds > 0) ratio.push_back(m.seconds / outs[n].seconds);
          }
        if (runs == 0) continue;
        fmt::print("{:>5} {:>3} {:<8} {:>5} {:>10} {:>12.3f} {:>11}{:.0f}x {:>9}\n", key.first, key.second, solver, runs,
                   proven, quantile(t, 0.5), at_limit > 0 ? ">=" : "", quantile(ratio, 0.5), at_limit);
      }
  }
  fmt::print("{} instances, {} failed check or crashed, {} disagreements with a MIP solver\n", cells.size(), failed,
             disagreements);
  return failed == 0 && disagreements == 0 ? 0 : 1;
}
