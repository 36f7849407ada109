#pragma once
// The search's view of an instance: compact arrays built once and shared read-only by
// every bound, heuristic and search worker (style.md #4).
//
// Costs fold into one layered graph per CNN (design.md "Bounds" 1): placing layer j of
// chain u on unit i costs node_cost(u, j, i) = q_j c_j / e_i + g_j K_M T(i, f_u)
// (+ p_1 K_s T(s_u, i) for j = 0), and consecutive layers on units i, k cost
// arc_weight(u, j) * T(i, k) with arc_weight = p_{j+1} K_j. Summed over all chains this is
// exactly evaluate()'s objective.
//
// Candidate filtering (design.md "Bounds" 3): a unit is a candidate for an item only if
// the item fits there alone (memory, compute, L_i >= 1); node_cost is +inf elsewhere.
#include <limits>
#include <memory>
#include <vector>

#include "model/instance.hpp"
#include "model/items.hpp"
#include "model/placement.hpp"

namespace cnnplace {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

struct Chain {
  std::vector<int> item;          // item of each layer
  std::vector<double> arc_weight; // p_{j+1} K_j, size M - 1
  std::vector<double> node_cost;  // M x N, +inf where the layer's item does not fit alone
  std::vector<double> share;      // 1 / (number of chains sharing the layer's item)

  int size() const { return static_cast<int>(item.size()); }
};

struct Problem {
  const Instance* instance = nullptr;
  ItemIndex items;
  int units = 0;
  // Seconds per byte between units, units x units. Shared by copies rather than copied: a
  // large neighbourhood's problem (restrict_to_chains) keeps the whole network, and at
  // N = 2000 the matrix is 32 MB. `transfer` is its data, for T().
  std::shared_ptr<const std::vector<double>> transfer_matrix;
  const double* transfer = nullptr;
  std::vector<double> min_transfer;  // per unit i: min over k != i of transfer(i, k)
  // The network itself, for shortest paths at scale (bounds/nearest_sources.hpp): nodes are
  // the network's (units, sources, sinks, relays); in_begin/in_tail list, per node v, the
  // links into v (compressed rows) with their seconds per byte; unit i is node
  // unit_node[i], node v is unit node_unit[v] (-1: none).
  std::vector<int> in_begin, in_tail;
  std::vector<double> arc_seconds_per_byte;
  std::vector<int> unit_node, node_unit;
  double uniform_hop_seconds_per_byte = 0;  // 8 / rate when every link has one rate, else 0
  // From how many units on the chain tables find moves by multi-source shortest paths
  // instead of the sorted pairwise scan (-1: never). Measured crossover; tests set it.
  int nearest_sources_from_units = 400;
  // ... except between two layers with few units each: there the scan of their pairs is
  // cheaper than a run over the whole network, which visits every node however few units
  // can take the layers. It scans where (units of layer j) x (units of layer j + 1) is at
  // most this many times N. Measured on one round of fifty AlexNets' tables at zero prices:
  // N = 2000, 90-10 (191 Raspberry Pis take the six layers after the first; 18 N pairs),
  // 0.061 s instead of 0.123 s; N = 1000, 80-20 (217; 47 N), 0.046 s against 0.044 s;
  // N = 500, 50-50 (254; 129 N), 0.017 s against 0.015 s. Tests set 0 (nearest sources
  // on every layer).
  double scan_pairs_per_unit = 20;
  // Chain tables forbid i -> k -> i where unit i cannot hold both layers (bounds/chain_dp.hpp);
  // tests switch it off to compare the move step alone.
  bool forbid_returns = true;
  // With nearest sources, only up to this many table cells (layers x units): there a unit
  // asks for its three nearest sources instead of one, and a round of tables costs about 2.8
  // times as much (50 AlexNets at N = 2000: 0.46 s instead of 0.16 s). At 60 s, measured
  // against the same tables without it: ten and twenty AlexNets at N = 500, L = 1 (35 000 and
  // 70 000 cells) closed their gaps from 0.61-4.27 % to 0.55-2.72 %; fifty at N = 2000
  // (700 000 cells) went from 0.71 % to 0.84 % (Wi-Fi 4) and from 3.4 % to 4.2 % (HaLow), as
  // their column generation made 65 rounds instead of 171.
  double forbid_returns_at_scale_cells = 3e5;
  std::vector<double> item_memory, item_compute;
  std::vector<std::vector<int>> candidates;  // per item: units where it fits alone, ascending
  std::vector<Chain> chains;
  std::vector<int> layer_limit;
  std::vector<double> memory_cap, compute_cap;

  int item_count() const { return items.size(); }
  double T(int i, int k) const { return transfer[static_cast<std::size_t>(i) * units + k]; }
  double node_cost(int u, int j, int i) const {
    return chains[u].node_cost[static_cast<std::size_t>(j) * units + i];
  }
  bool fits_alone(int item, int unit) const;
  // Layers x units: the cells of one pricing round (every chain's tables).
  double table_cells() const;
  // Do some CNNs share layers (an item with more than one member)?
  bool has_shared_items() const;
};

Problem build_problem(const Instance& instance);

// The problem of `chains` alone: their items, renumbered in the chains' order, on what the
// other chains' items, placed in `kept` (bounds/chain_dp.hpp), leave of every unit (its
// layer count, memory and compute less theirs; a unit left without room for an item is no
// candidate for it). Its placements' costs are those of the chains in p; `item[k]` is item
// k's number in p. For a large neighbourhood (solver/neighbourhoods.cpp): the whole exact
// machinery (the dual, the path enumeration) then runs on the freed chains alone. Not for
// shared items.
struct Residual;
struct RestrictedProblem {
  Problem problem;
  std::vector<int> item;
};
RestrictedProblem restrict_to_chains(const Problem& p, const std::vector<int>& chains, const Residual& kept);

// Interchangeable units (same capacities, node costs and transfer times to everything else,
// symmetric between them): the result's [i] is the least unit equivalent to i. Swapping two
// such units in any placement changes neither its cost nor its feasibility, so the search
// tries only the first of several empty twins (solver/search.cpp). Computed for
// N <= kTwinUnits (pairwise, O(N^2 (N + layers))), and only when a search runs; elsewhere
// every unit is its own class.
inline constexpr int kTwinUnits = 300;
std::vector<int> find_twins(const Problem& p);

// Conversions between the item view (unit per item) and the model's Placement.
Placement to_placement(const Problem& p, const std::vector<int>& unit_of_item);
std::vector<int> to_item_units(const Problem& p, const Placement& placement);

}  // namespace cnnplace

namespace cnnplace {
// The objective of a complete item assignment, from the folded costs (equals evaluate()).
double placement_cost(const Problem& p, const std::vector<int>& unit_of_item);
double chain_cost(const Problem& p, int chain, const std::vector<int>& unit_of_item);
}  // namespace cnnplace
