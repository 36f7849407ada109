#pragma once
// Seeded random instances for property and differential tests. Every constraint kind binds
// somewhere across seeds: small L per unit, tight memory, compute caps, GC probabilities,
// shared layers (prefixes and arbitrary pairs), asymmetric per-link rates, both processing
// weights, and some infeasible draws. Deterministic: own PRNG, no std:: distributions.
#include <cstdint>

#include <string>

#include "model/generator.hpp"
#include "model/instance.hpp"

namespace cnnplace::testing {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL) {}
  std::uint64_t next() {  // SplitMix64
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  bool chance(double p) { return uniform() < p; }

 private:
  std::uint64_t state_;
};

struct TinyShape {
  int max_units = 4;
  int max_cnns = 2;
  int max_layers = 3;
  int max_total_layers = 7;  // keeps brute force at N^7 or less
};

Instance random_tiny_instance(std::uint64_t seed, const TinyShape& shape = {});

// The same system with L_i = 1 on every unit (where the path enumeration's combination works
// on unit masks).
Instance with_one_layer_per_unit(Instance inst);

// Up to three chains of up to three layers on up to five units: where the chains compete for
// units, still small enough for brute force.
TinyShape three_chains();

// The later suite's systems: `cnnplace generate --units UNITS --cnn alexnet --cnns 3 --L 1
// --tech TECHNOLOGY --seed SEED` (at 50 units, later/3xalexnet-sh0/TECHNOLOGY/50-50/L1/sSEED).
GeneratorOptions three_alexnets(int units, std::uint64_t seed, const std::string& technology = "wifi4");

}  // namespace cnnplace::testing
