#pragma once
// The solver's result as JSON ("format": "cnnplace-result/1"), documented in
// docs/result-format.md. Times in seconds, as objective_s; the placement names units.
#include <nlohmann/json.hpp>

#include "model/instance.hpp"
#include "solver/result.hpp"

namespace cnnplace {

nlohmann::json result_to_json(const Instance& instance, const SolveResult& result);
nlohmann::json breakdown_to_json(const LatencyBreakdown& b);

}  // namespace cnnplace
