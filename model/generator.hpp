#pragma once
// Random IoT systems as in the paper's Section 6: N units whose family is drawn with the mix
// probabilities, one source per CNN and one sink, all uniform in a square; a unit-disk
// network, redrawn until it is connected. Seeded and platform-independent: the same
// options give the same instance (and the same written file) on every machine.
//
// At scale (issue 8) the paper's density (side = 30 m * sqrt(N / 30), range 7.5 m) gives a
// mean degree near 6, and a random geometric graph of that degree is almost never connected
// once N is in the thousands (about N e^-6 isolated nodes: 5 at N = 2000), so redrawing the
// whole system would take thousands of draws. `Connect::resample` keeps the largest
// connected component and redraws only the positions of the nodes outside it, round after
// round, until everything is connected: the same density, deterministic, in a few rounds.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/instance.hpp"

namespace cnnplace {

enum class Connect {
  redraw,    // the paper's way: redraw the whole system until it is connected
  resample,  // keep the largest component, redraw the others' positions (for large N)
};

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
  Connect connect = Connect::redraw;
  int max_attempts = 10000;          // draws (redraw) or rounds (resample) before giving up
};

// How the connected system was reached (for the CLI's report and the benchmarks).
struct GenerationReport {
  int draws = 1;              // whole systems drawn (redraw) or rounds of resampling + 1
  int resampled_nodes = 0;    // node positions redrawn in total (resample)
};

// The side actually used (after scale_density).
double generator_side(const GeneratorOptions& options);

// Throws InputError naming the option ("--units", "--mix", ...) for bad options, and when no
// connected system was drawn in max_attempts (with the advice to add units or range).
Instance generate(const GeneratorOptions& options, GenerationReport* report = nullptr);

}  // namespace cnnplace
