#pragma once
// Small instances built in code for the MIP tests, an enumeration of all their placements
// (the optimum itself comes from the shared oracle, tests/support/brute_force.hpp), and the
// MIP values that encode a placement.
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "model/instance.hpp"
#include "model/mip_export.hpp"
#include "model/placement.hpp"

namespace cnnplace::testing {

struct SmallSpec {
  int units = 5;
  int cnns = 1;
  int min_layers = 2, max_layers = 4;
  int shared_first = 0;       // the first k layers shared by both CNNs (cnns == 2)
  bool gate = false;          // Gate-Classification probabilities (exit after layer 2)
  bool tight_limits = true;   // random L_i in {1, 2, 3}, a few small-memory units
};

// A random connected instance: units, one source per CNN and a sink on a random tree plus a
// few extra links, one data rate. Validated. The same seed gives the same instance.
Instance small_instance(const SmallSpec& spec, std::uint64_t seed);

// Every placement of the items over all units (not only the MIP's candidates), in a fixed
// order; `visit` sees each one.
void for_each_placement(const Instance& instance, const std::function<void(const Placement&)>& visit);

// The MIP variable values that encode `placement` (x, and y as the product of its two x):
// bench/mip/encode.hpp, which the comparison uses too.
std::map<std::string, double> values_of(const MipModel& model, const Placement& placement);

// Whether the values satisfy every row of the model (to a relative 1e-9).
bool satisfies_rows(const MipModel& model, const std::map<std::string, double>& values);

}  // namespace cnnplace::testing
