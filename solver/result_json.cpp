#include "solver/result_json.hpp"

#include <cmath>

#include "model/capacity.hpp"

namespace cnnplace {
namespace {

// JSON has no infinity: unbounded values are written as null.
nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json unit_loads(const Instance& inst, const Placement& placement) {
  struct Load {
    int layers = 0;
    double memory = 0, compute = 0;
    std::vector<std::string> names;
  };
  std::vector<Load> load(inst.units.size());
  std::vector<std::vector<bool>> counted(inst.cnns.size());
  for (std::size_t u = 0; u < inst.cnns.size(); ++u) counted[u].assign(inst.cnns[u].layers.size(), false);
  for (std::size_t u = 0; u < inst.cnns.size(); ++u)
    for (int j = 0; j < inst.cnns[u].size(); ++j) {
      const std::size_t i = placement.unit_of[u][j].index();
      load[i].names.push_back(inst.cnns[u].name + "/" + inst.cnns[u].layers[j].name);
      if (counted[u][j]) continue;
      // A shared group counts once: mark its other members.
      for (const SharedGroup& g : inst.shared_groups)
        for (const LayerRef& r : g.members)
          if (r.cnn.index() == u && r.layer == j)
            for (const LayerRef& o : g.members) counted[o.cnn.index()][o.layer] = true;
      const Layer& l = inst.cnns[u].layers[j];
      load[i].layers += 1;
      load[i].memory += l.memory_bytes;
      load[i].compute += l.compute_mults;
    }
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = 0; i < inst.units.size(); ++i) {
    if (load[i].layers == 0) continue;
    const Unit& unit = inst.units[i];
    out.push_back({{"unit", unit.name},
                   {"layers", load[i].names},
                   {"layer_count", load[i].layers},
                   {"layer_limit", unit.layer_limit == kUnlimitedLayers ? nlohmann::json(nullptr) : nlohmann::json(unit.layer_limit)},
                   {"memory_bytes", load[i].memory},
                   {"memory_capacity_bytes", number(unit.memory_bytes)},
                   {"compute_mults", load[i].compute},
                   {"compute_capacity_mults", number(unit.compute_mults)}});
  }
  return out;
}

// Every transfer of data a placement implies, with the route it takes and its expected time
// (probability x bytes x seconds per byte along the route); per CNN they sum to t_t.
nlohmann::json transfers(const Instance& inst, const Placement& placement) {
  nlohmann::json out = nlohmann::json::array();
  const Network& net = inst.network;
  auto add = [&](const Cnn& c, const char* kind, nlohmann::json from_layer, nlohmann::json to_layer, NodeId from, NodeId to,
                 double bytes, double probability) {
    nlohmann::json route = nlohmann::json::array();
    for (NodeId n : net.route(from, to)) route.push_back(net.node(n).name);
    out.push_back({{"cnn", c.name}, {"kind", kind}, {"from_layer", from_layer}, {"to_layer", to_layer},
                   {"from", net.node(from).name}, {"to", net.node(to).name}, {"bytes", bytes},
                   {"probability", probability}, {"hops", net.hops(from, to)}, {"route", route},
                   {"time_s", probability * bytes * net.seconds_per_byte(from, to)}});
  };
  for (std::size_t u = 0; u < inst.cnns.size(); ++u) {
    const Cnn& c = inst.cnns[u];
    auto node = [&](int j) { return inst.units[placement.unit_of[u][j].index()].node; };
    add(c, "source", nullptr, 1, c.source, node(0), c.input_bytes, c.layers[0].probability);
    for (int j = 0; j + 1 < c.size(); ++j)
      add(c, "layer", j + 1, j + 2, node(j), node(j + 1), c.layers[j].output_bytes, c.layers[j + 1].probability);
    for (int j = 0; j < c.size(); ++j) {
      const bool last = j + 1 == c.size();
      if (last || c.exit_probability(j) > 0)
        add(c, last ? "sink" : "exit", j + 1, nullptr, node(j), c.sink, c.decision_bytes(), c.exit_probability(j));
    }
  }
  return out;
}

}  // namespace

nlohmann::json breakdown_to_json(const LatencyBreakdown& b) {
  return {{"t_source_s", b.t_source}, {"t_links_s", b.t_links},   {"t_processing_s", b.t_processing},
          {"t_sink_s", b.t_sink},     {"t_t_s", b.transmission()}, {"t_p_s", b.t_processing},
          {"t_s", b.total()},
          {"transfer_share", b.total() > 0 ? b.transmission() / b.total() : 0.0},
          {"processing_share", b.total() > 0 ? b.t_processing / b.total() : 0.0}};
}

nlohmann::json result_to_json(const Instance& inst, const SolveResult& r) {
  nlohmann::json j;
  j["format"] = "cnnplace-result/1";
  j["instance"] = inst.name;
  j["status"] = to_string(r.status);
  if (!r.message.empty()) j["message"] = r.message;
  j["objective_s"] = number(r.objective_s);
  j["lower_bound_s"] = number(r.lower_bound_s);
  j["gap"] = number(r.gap);
  j["processing_weight"] = to_string(inst.processing_weight);
  if (r.placement) {
    nlohmann::json placement = nlohmann::json::object();
    for (std::size_t u = 0; u < inst.cnns.size(); ++u) {
      nlohmann::json units = nlohmann::json::array();
      for (UnitId id : r.placement->unit_of[u]) units.push_back(inst.units[id.index()].name);
      placement[inst.cnns[u].name] = units;
    }
    j["placement"] = placement;
    nlohmann::json per_cnn = nlohmann::json::object();
    for (std::size_t u = 0; u < inst.cnns.size(); ++u)
      per_cnn[inst.cnns[u].name] = breakdown_to_json(r.evaluation->per_cnn[u]);
    j["breakdown"] = {{"total", breakdown_to_json(r.evaluation->total)}, {"per_cnn", per_cnn}};
    j["unit_loads"] = unit_loads(inst, *r.placement);
    j["transfers"] = transfers(inst, *r.placement);
  }
  const SolveStats& s = r.stats;
  j["stats"] = {{"nodes", s.nodes},
                {"pruned_by_bound", s.pruned_by_bound},
                {"pruned_by_capacity", s.pruned_by_capacity},
                {"leaves", s.leaves},
                {"node_duals", s.node_duals},
                {"enumerated_paths", s.enumerated_paths},
                {"packing_nodes", s.packing_nodes},
                {"neighbourhoods", s.neighbourhoods},
                {"subset_rows", s.subset_rows},
                {"seconds", s.seconds},
                {"time_to_first_s", number(s.time_to_first_s < 0 ? NAN : s.time_to_first_s)},
                {"time_to_best_s", number(s.time_to_best_s < 0 ? NAN : s.time_to_best_s)},
                {"root_bound_s", number(s.root_bound_s)},
                {"root_lagrangian_bound_s", number(s.root_lagrangian_bound_s)},
                {"lagrangian_iterations", s.lagrangian_iterations},
                {"heuristic_objective_s", number(s.heuristic_objective_s < 0 ? NAN : s.heuristic_objective_s)},
                {"threads", s.threads}};
  nlohmann::json options = nlohmann::json::object();
  for (const OptionSpec& spec : solver_option_specs()) options[spec.name] = number(spec.get(r.options));
  j["options"] = options;
  return j;
}

}  // namespace cnnplace
