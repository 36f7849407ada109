#pragma once
// The one reference for the objective and the constraints (model.md). Every solver result,
// test and benchmark is checked against these two functions; they share no code with the
// search, so a bug in one does not hide in the other.
#include <string>
#include <vector>

#include "model/instance.hpp"
#include "model/placement.hpp"

namespace cnnplace {

// Expected times in seconds. The paper's t_t = source + links + sink; t_p = processing.
struct LatencyBreakdown {
  double t_source = 0;      // p_u1 K_us T(s_u, pi(u,1))
  double t_links = 0;       // sum_j p_u,j+1 K_uj T(pi(u,j), pi(u,j+1))
  double t_processing = 0;  // sum_j p_uj c_uj / e_pi(u,j)   (weight per processing_weight)
  double t_sink = 0;        // sum_j g_uj K_uM T(pi(u,j), f_u)

  double transmission() const { return t_source + t_links + t_sink; }
  double total() const { return transmission() + t_processing; }
  LatencyBreakdown& operator+=(const LatencyBreakdown& o) {
    t_source += o.t_source; t_links += o.t_links; t_processing += o.t_processing; t_sink += o.t_sink;
    return *this;
  }
};

struct Evaluation {
  std::vector<LatencyBreakdown> per_cnn;
  LatencyBreakdown total;
  double objective() const { return total.total(); }
};

// The objective of a complete placement. The placement must have the instance's shape and
// name existing units (check() reports when it does not; evaluate() then throws InputError).
Evaluation evaluate(const Instance& instance, const Placement& placement);

enum class ViolationKind { shape, unknown_unit, shared_split, layer_limit, memory, compute };

struct Violation {
  ViolationKind kind;
  std::string message;  // in words, naming the unit / layer and the amounts
};

// Every violated constraint of `placement`, each named; empty when feasible.
std::vector<Violation> check(const Instance& instance, const Placement& placement);

}  // namespace cnnplace
