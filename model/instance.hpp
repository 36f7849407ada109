#pragma once
// The problem data: units, network, CNN chains, shared-layer groups (model.md "Inputs").
// Plain value types in SI base units: bytes, bit/s, multiplications, multiplications/s, s.
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "model/ids.hpp"
#include "model/network.hpp"

namespace cnnplace {

inline constexpr double kUnlimited = std::numeric_limits<double>::infinity();
inline constexpr int kUnlimitedLayers = std::numeric_limits<int>::max();

// An IoT computing unit. It sits on a node of the network.
struct Unit {
  std::string name;
  std::string family;                   // zoo family name, or "" for a custom unit
  NodeId node;                          // where it sits in the network
  double memory_bytes = 0;              // mbar_i
  double compute_mults = kUnlimited;    // cbar_i: multiplications per inference
  double speed_mults_per_s = 0;         // e_i
  int layer_limit = kUnlimitedLayers;   // L_i
};

// One layer (or fused group of operations, as the paper's tables count them) of a CNN.
struct Layer {
  std::string name;
  double memory_bytes = 0;   // m_uj: weights
  double compute_mults = 0;  // c_uj
  double output_bytes = 0;   // K_uj: sent to layer j+1 (for the last layer: the decision)
  double probability = 1;    // p_uj: probability that the layer runs
};

// A chain of layers fed by a source and reporting to a sink.
struct Cnn {
  std::string name;
  std::string kind;          // zoo name it came from, or "" for an inline CNN
  double input_bytes = 0;    // K_us
  std::vector<Layer> layers;
  NodeId source;
  NodeId sink;

  int size() const { return static_cast<int>(layers.size()); }
  double decision_bytes() const { return layers.empty() ? 0 : layers.back().output_bytes; }
  // g_uj = p_uj - p_u,j+1; g_uM = p_uM (model.md).
  double exit_probability(int j) const {
    const double next = j + 1 < size() ? layers[j + 1].probability : 0.0;
    return layers[j].probability - next;
  }
};

// A layer of one CNN, addressed by CNN and 0-based position.
struct LayerRef {
  CnnId cnn;
  int layer = 0;
  auto operator<=>(const LayerRef&) const = default;
};

// Layers that are one and the same (transfer learning): they run on one unit and count
// once in its capacities; each CNN still waits for them, so their time counts per CNN.
struct SharedGroup {
  std::vector<LayerRef> members;
};

// Which probability weights a layer's processing time (model.md erratum 2).
enum class ProcessingWeight {
  as_written,  // p_uj, the model as the paper writes it (default)
  next_layer,  // p_u,j+1 (0 after the last layer): what the paper's Table 5 t_p matches
};

struct Instance {
  std::string name;
  Network network;
  std::vector<Unit> units;
  std::vector<Cnn> cnns;
  std::vector<SharedGroup> shared_groups;
  ProcessingWeight processing_weight = ProcessingWeight::as_written;

  int unit_count() const { return static_cast<int>(units.size()); }
  int cnn_count() const { return static_cast<int>(cnns.size()); }
  int layer_count() const;  // sum of the chains' lengths (shared layers once per CNN)
  const Layer& layer(LayerRef r) const { return cnns[r.cnn.index()].layers[r.layer]; }

  // The probability that weights layer j's processing time under processing_weight.
  double processing_probability(const Cnn& cnn, int j) const {
    if (processing_weight == ProcessingWeight::as_written) return cnn.layers[j].probability;
    return j + 1 < cnn.size() ? cnn.layers[j + 1].probability : 0.0;
  }
  // Seconds per byte between two units / a node and a unit (T in design.md).
  double transfer(UnitId a, UnitId b) const {
    return network.seconds_per_byte(units[a.index()].node, units[b.index()].node);
  }
  double transfer(NodeId a, UnitId b) const {
    return network.seconds_per_byte(a, units[b.index()].node);
  }
  double transfer(UnitId a, NodeId b) const {
    return network.seconds_per_byte(units[a.index()].node, b);
  }
};

const char* to_string(ProcessingWeight w);

}  // namespace cnnplace
