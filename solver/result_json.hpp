#pragma once
// The solver's result as JSON ("format": "cnnplace-result/1"), documented in
// docs/result-format.md and docs/result.schema.json. Times in seconds, as objective_s; the
// placement names units. With a placement it also explains it: each unit's load against its
// capacities ("unit_loads"), every transfer with its hop-by-hop route and expected time
// ("transfers", summing to t_t per CNN), and per CNN the transfer and processing shares.
#include <nlohmann/json.hpp>

#include "model/instance.hpp"
#include "solver/result.hpp"

namespace cnnplace {

// The whole result, as `cnnplace solve --json` writes it.
nlohmann::json result_to_json(const Instance& instance, const SolveResult& result);
// {t_source_s, t_links_s, t_sink_s, t_processing_s, t_t_s, t_p_s, t_s, transfer_share, processing_share}.
nlohmann::json breakdown_to_json(const LatencyBreakdown& b);

}  // namespace cnnplace
