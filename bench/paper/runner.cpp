// The parallel loop over (cell, system) pairs and the per-system check. Every worker owns
// its SystemResult slot; the only shared mutable state is the progress counter (atomic).
#include "bench/paper/runner.hpp"

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "model/evaluate.hpp"
#include "solver/solve.hpp"

namespace cnnplace::paper {
namespace {

using Clock = std::chrono::steady_clock;

// A one-line bar on stderr, redrawn every quarter second by its own thread.
class ProgressBar {
 public:
  ProgressBar(std::size_t total, const std::atomic<std::size_t>& done) : total_(total), done_(done) {
    thread_ = std::thread([this] { loop(); });
  }
  ~ProgressBar() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
    draw();
    std::fputc('\n', stderr);
  }

 private:
  void loop() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stop_; })) draw();
  }
  void draw() const {
    const std::size_t done = done_.load();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    const int width = 30;
    const int filled = static_cast<int>(width * static_cast<double>(done) / static_cast<double>(total_));
    std::string left = "?";
    if (done > 0) left = fmt::format("{:.0f} s", elapsed * static_cast<double>(total_ - done) / static_cast<double>(done));
    fmt::print(stderr, "\r[{:#<{}}{: <{}}] {}/{} systems, {:.0f} s elapsed, ~{} left   ", "", filled, "",
               width - filled, done, total_, elapsed, left);
    std::fflush(stderr);
  }

  std::size_t total_;
  const std::atomic<std::size_t>& done_;
  Clock::time_point start_ = Clock::now();
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace

const char* to_string(Outcome o) {
  switch (o) {
    case Outcome::optimal: return "optimal";
    case Outcome::infeasible: return "infeasible";
    case Outcome::time_limit: return "time-limit";
    case Outcome::no_solution: return "no-solution";
    case Outcome::check_failed: return "check-failed";
    case Outcome::error: return "error";
  }
  return "?";
}

SystemResult run_system(const Cell& cell, int system, const Conventions& conventions, double time_limit_s) {
  SystemResult out;
  out.seed = system_seed(cell, system);
  try {
    const Instance inst = make_instance(cell, system, conventions);
    SolverOptions options;
    options.threads = 1;
    options.time_limit_s = time_limit_s;
    options.progress_interval_s = 0;
    const SolveResult r = solve(inst, options);
    out.solve_s = r.stats.seconds;
    out.nodes = r.stats.nodes;
    out.message = r.message;
    switch (r.status) {
      case SolveStatus::optimal: out.outcome = Outcome::optimal; break;
      case SolveStatus::feasible: out.outcome = Outcome::time_limit; break;
      case SolveStatus::infeasible: out.outcome = Outcome::infeasible; return out;
      case SolveStatus::no_solution: out.outcome = Outcome::no_solution; return out;
      case SolveStatus::invalid_input: out.outcome = Outcome::error; return out;
    }
    // The independent checker (style.md #8): feasibility, and the objective re-evaluated.
    const std::vector<Violation> violations = check(inst, *r.placement);
    const Evaluation e = evaluate(inst, *r.placement);
    if (!violations.empty() || std::fabs(e.objective() - r.objective_s) > 1e-9 * std::max(1.0, e.objective())) {
      out.outcome = Outcome::check_failed;
      out.message = violations.empty() ? "evaluate() disagrees with the solver's objective" : violations.front().message;
    }
    out.t_t_ms = e.total.transmission() * 1e3;
    out.t_p_ms = e.total.t_processing * 1e3;
    out.t_ms = e.total.total() * 1e3;
  } catch (const std::exception& e) {
    out.outcome = Outcome::error;
    out.message = e.what();
  }
  return out;
}

std::vector<std::vector<SystemResult>> run_cells(const std::vector<Cell>& cells, const Conventions& conventions,
                                                 const RunOptions& options) {
  const std::size_t systems = static_cast<std::size_t>(options.systems);
  std::vector<std::vector<SystemResult>> results(cells.size(), std::vector<SystemResult>(systems));
  const std::size_t total = cells.size() * systems;
  std::atomic<std::size_t> done{0};
  {
    std::optional<ProgressBar> bar;
    if (options.progress) bar.emplace(total, done);
    tbb::task_arena arena(options.threads > 0 ? options.threads : tbb::task_arena::automatic);
    arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, total, 1), [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t k = r.begin(); k != r.end(); ++k) {
          const std::size_t c = k / systems, s = k % systems;
          results[c][s] = run_system(cells[c], static_cast<int>(s), conventions, options.time_limit_s);
          done.fetch_add(1);
        }
      });
    });
  }
  return results;
}

}  // namespace cnnplace::paper
