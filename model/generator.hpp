#pragma once
// Random IoT systems as in the paper's Section 6: N units whose family is drawn with the mix
// probabilities, one source per CNN and one sink, all uniform in a square; a unit-disk
// network, redrawn whole until it is connected. Seeded and platform-independent: the same
// options give the same instance (and the same written file) on every machine.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/instance.hpp"

namespace cnnplace {

struct GeneratorOptions {
  int units = 30;
  // (family, share): the probability of each family; shares are normalised to sum to 1.
  // The paper's "50-50" is {{"stm32h7", 0.5}, {"rpi3b+", 0.5}}.
  std::vector<std::pair<std::string, double>> mix{{"stm32h7", 0.5}, {"rpi3b+", 0.5}};
  std::string technology = "wifi4";
  // Zoo CNN kinds; CNN u is cnns_kinds[u % size] ("5layer" for the paper's Table 4).
  std::vector<std::string> cnn_kinds{"5layer"};
  int cnns = 1;
  int shared_first = 0;              // the first k layers shared by all CNNs (0: none)
  int layer_limit = kUnlimitedLayers;  // L for every unit
  double side_m = 30;                // the square's side
  bool scale_density = false;        // side = 30 m * sqrt(units / 30): the paper's density
  std::optional<double> range_m;     // default: the technology's range
  std::optional<double> input_bytes;  // override K_s of every CNN (model.md erratum 4)
  ProcessingWeight processing_weight = ProcessingWeight::as_written;
  std::uint64_t seed = 1;
  int max_attempts = 10000;          // draws before giving up on a connected system
};

// The side actually used (after scale_density).
double generator_side(const GeneratorOptions& options);

// Throws InputError naming the option ("--units", "--mix", ...) for bad options, and when no
// connected system was drawn in max_attempts (with the advice to add units or range).
Instance generate(const GeneratorOptions& options);

}  // namespace cnnplace
