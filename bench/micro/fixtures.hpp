#pragma once
// Instances for the micro-benchmarks: the paper's generator with fixed seeds, by default the
// square grown with N (side = 30 m sqrt(N / 30)) so that large systems stay connected.
#include <cstdint>
#include <string>

#include "bounds/problem.hpp"
#include "model/generator.hpp"
#include "model/instance.hpp"

namespace cnnplace::micro {

// The zoo kind benchmarked for a chain length argument: 5 -> "5layer", 6 -> "gc6",
// 7 -> "alexnet", 8 -> "gc-alexnet" (their M).
std::string kind_for_layers(int layers);

Instance system(int units, const std::string& kind, int cnns, int layer_limit, const std::string& technology = "wifi4",
                int shared = 0, std::uint64_t seed = 1, bool scale_density = true);

}  // namespace cnnplace::micro
