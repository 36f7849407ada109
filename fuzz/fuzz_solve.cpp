// fuzz_solve: bytes -> a valid tiny instance and solver options -> solve() -> judged against
// the brute-force oracle by the same rules as cnnplace-differential (tests/differential/
// agreement.hpp): the placement passes check(), evaluate() equals the objective, the bound is
// below the optimum, and a claimed optimum is the optimum. A disagreement aborts with the
// decoded seed and shape so that it can be replayed.
#include <fmt/format.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "differential/agreement.hpp"
#include "solver/solve.hpp"
#include "support/brute_force.hpp"
#include "support/random_instances.hpp"

using namespace cnnplace;
using namespace cnnplace::testing;

namespace {

// Reads the input as a little stream of bytes; past the end, zeros.
class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  std::uint64_t word() {
    std::uint64_t w = 0;
    for (int k = 0; k < 8; ++k) w = w << 8 | byte();
    return w;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_, pos_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes in(data, size);
  const std::uint64_t seed = in.word();
  TinyShape shape;
  shape.max_units = 1 + in.byte() % 5;  // brute force stays under 5^7 placements
  shape.max_cnns = 1 + in.byte() % 3;
  shape.max_layers = 1 + in.byte() % 4;
  shape.max_total_layers = 1 + in.byte() % 7;
  SolverOptions o;
  o.progress_interval_s = 0;
  const std::uint8_t flags = in.byte();
  o.local_search = flags & 1;
  o.lagrangian_iterations = flags & 2 ? 0 : 1 + in.byte() % 200;
  o.threads = flags & 4 ? 2 : 1;
  // A node limit on most inputs: then the answer may be "feasible", bound and check() apply.
  const std::uint8_t limit = in.byte();
  o.node_limit = limit < 200 ? 1 + limit : std::numeric_limits<double>::infinity();

  const Instance inst = random_tiny_instance(seed, shape);
  const BruteForceResult oracle = brute_force(inst);
  const SolveResult r = solve(inst, o);
  const std::string bad = disagreement(inst, o, r, {oracle.feasible, oracle.objective, 0});
  if (!bad.empty()) {
    fmt::print(stderr, "fuzz_solve: {}\n  seed {} shape {}/{}/{}/{} local_search {} lagrangian {} threads {} node_limit {}\n",
               bad, seed, shape.max_units, shape.max_cnns, shape.max_layers, shape.max_total_layers, o.local_search,
               o.lagrangian_iterations, o.threads, o.node_limit);
    std::abort();
  }
  return 0;
}
