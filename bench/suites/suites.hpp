#pragma once
// The benchmark suites of issue 4, as lists of generator options with fixed seeds: every
// instance is rebuilt from its name's suite, cell and seed, on any machine (the generator is
// seeded and platform-independent, model/generator.hpp). Nothing is stored but the names and
// the optima found for them (instances/expected.tsv).
//
//   paper-small  five N = 30 instances that CBC and GLPK solve in about a second each: the
//                test suite's cross-check (ctest -L compare)
//   paper        N = 30: one CNN of each of the four kinds (Table 5) and two 5-layer CNNs
//                with 0 and 2 shared layers (Table 4); L = 1..3; mixes 10-90, 50-50, 90-10
//                (percent STM32H7 - Raspberry Pi 3B+); Wi-Fi 4 and Wi-Fi HaLow
//   later        N = 50, three AlexNets, L = 1 and 2, 50-50, both technologies (the authors'
//                later setting)
//   larger       N = 100, 200, 400; C = 3 AlexNets, 5 and 10 five-layer CNNs; L = 1 and 2;
//                50-50; both technologies; the square grows with N (side = 30 m sqrt(N / 30),
//                GeneratorOptions::scale_density) so that the unit-disk network stays connected
#include <cstdint>
#include <string>
#include <vector>

#include "model/generator.hpp"
#include "model/instance.hpp"

namespace cnnplace::bench {

struct SuiteInstance {
  std::string name;  // "<suite>/<cell>/s<seed>", e.g. "paper/2x5layer-sh2/wifi4/50-50/L1/s1"
  std::string cell;  // the name without the seed: what the summary groups by
  GeneratorOptions options;

  Instance build() const;  // generate(options), named `name`
};

const std::vector<std::string>& suite_names();

// The instances of a suite, seeds 1..seeds per cell, cell by cell. Throws InputError for an
// unknown suite.
std::vector<SuiteInstance> suite(const std::string& name, int seeds = 1);

// The instance of that name in any suite (any seed), or throws InputError.
SuiteInstance find_suite_instance(const std::string& name);

}  // namespace cnnplace::bench
