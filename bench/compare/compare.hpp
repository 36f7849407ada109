#pragma once
// cnnplace against the MIP solvers on the same instances, in one run (issue 4): one row per
// (instance, solver), and the cross-check of every optimum against every other answer.
//
// Each instance is solved by every solver in turn, the order rotating from one instance to
// the next (cnnplace first, then second, ...), so that a slow phase of a shared machine does
// not fall on one solver only. Every solver runs on one thread. cnnplace's placement and
// every MIP placement are re-checked with check() and evaluate(), and cnnplace's placement
// is also encoded as MIP values that must satisfy every row with the same objective (both
// directions of decoding).
#include <optional>
#include <string>
#include <vector>

#include "model/instance.hpp"
#include "model/mip_export.hpp"

namespace cnnplace::bench {

// The answer classes every solver maps to.
enum class RunStatus { optimal, time_limit, infeasible, error };
const char* to_string(RunStatus s);

struct Row {
  std::string instance, cell, solver, version;
  int threads = 1;
  RunStatus status = RunStatus::error;
  std::optional<double> objective;  // of the placement returned, by evaluate()
  std::optional<double> bound;      // proven lower bound
  std::optional<double> gap;        // (objective - bound) / objective
  double seconds = 0;
  double nodes = -1;
  std::string note;  // why the status is error, a failed check, ...
};

struct CompareOptions {
  std::vector<std::string> solvers{"cnnplace", "cbc", "glpk"};
  double time_limit_s = 60;
  MipFormulation formulation = MipFormulation::strong_tight;
  double agreement_tolerance = 1e-6;  // relative, on optima (the acceptance)
};

// Runs every solver of `options` on `instance`; `rotation` picks which one starts.
std::vector<Row> run_instance(const Instance& instance, const std::string& cell, const CompareOptions& options,
                              int rotation);

// A contradiction between two answers on one instance: two different proven optima, a
// placement better than a proven optimum, infeasible against a placement, or an answer
// that fails its own check.
struct Disagreement {
  std::string instance, what;
};

// Every contradiction among the rows of one instance.
std::vector<Disagreement> disagreements(const std::vector<Row>& rows_of_instance, double tolerance);

// The proven optimum of one instance's rows, and who proved it (agreeing solvers, in row
// order); nullopt when no solver proved one. Infeasible instances are not recorded.
struct KnownOptimum {
  double value = 0;
  std::vector<std::string> proven_by;
};
std::optional<KnownOptimum> known_optimum(const std::vector<Row>& rows_of_instance);

}  // namespace cnnplace::bench
