#pragma once
// The communication network: nodes (units, sources, sinks, relays), directed links with
// data rates, and the two matrices everything else reads: hop distances d(a, b) and
// transfer time per byte T(a, b). This is the only file that knows about Boost.Graph.
//
// With one rate rho for every link (the paper), T(a, b) = d(a, b) * 8 / rho. With per-link
// rates (the paper's footnote 2: heterogeneous or asymmetric links) T is a shortest path
// on per-byte link times (Dijkstra); d stays the hop count of a fewest-hop path.
// Relaying through any node is allowed, as in the paper.
#include <optional>
#include <string>
#include <vector>

#include "model/ids.hpp"

namespace cnnplace {

struct Point {
  double x = 0, y = 0;  // metres
};

struct NetworkNode {
  std::string name;
  std::optional<Point> position;
};

// A link from `from` to `to`. Undirected links are stored as two directed ones.
struct Link {
  NodeId from, to;
  double rate_bps = 0;  // bit/s
};

class Network {
 public:
  Network() = default;
  // Computes hop distances by BFS from every node and per-byte times by BFS (uniform
  // rates) or Dijkstra (per-link rates). A rate that is not positive (or NaN) is an
  // InputError at "/network/links/<k>/rate".
  Network(std::vector<NetworkNode> nodes, std::vector<Link> links);

  int node_count() const { return static_cast<int>(nodes_.size()); }
  const std::vector<NetworkNode>& nodes() const { return nodes_; }
  const std::vector<Link>& links() const { return links_; }
  const NetworkNode& node(NodeId n) const { return nodes_[n.index()]; }
  std::optional<NodeId> find(const std::string& name) const;

  // Fewest hops from a to b; kUnreachable if b cannot be reached from a.
  int hops(NodeId a, NodeId b) const { return hops_[a.index() * nodes_.size() + b.index()]; }
  // Seconds to move one byte from a to b along the fastest route; +inf if unreachable.
  double seconds_per_byte(NodeId a, NodeId b) const {
    return seconds_per_byte_[a.index() * nodes_.size() + b.index()];
  }
  bool reachable(NodeId a, NodeId b) const { return hops(a, b) != kUnreachable; }
  // One fewest-time route from a to b, both ends included (for explanations and pictures).
  std::vector<NodeId> route(NodeId a, NodeId b) const;
  // True when every link has the same rate (then T = d * 8 / rate).
  bool uniform_rate() const { return uniform_rate_; }
  double rate_if_uniform() const { return uniform_rate_ ? links_.front().rate_bps : 0; }

  static constexpr int kUnreachable = -1;

 private:
  std::vector<NetworkNode> nodes_;
  std::vector<Link> links_;
  std::vector<int> hops_;                 // row-major node_count x node_count
  std::vector<double> seconds_per_byte_;  // row-major node_count x node_count
  std::vector<int> next_hop_;             // first node after a on a fastest route to b
  bool uniform_rate_ = true;
};

// The nodes that `source` reaches over `links` (with `backwards`, the nodes that reach it):
// one breadth-first search, O(N + E). The readers check connectivity with it before they
// build a Network, whose tables take O(N^2) memory even when the answer is an error.
// Every link's ends and `source` must be below `node_count` (validate() checks links first).
std::vector<bool> reached_from(std::size_t node_count, const std::vector<Link>& links, NodeId source,
                               bool backwards = false);

// The paper's unit-disk graph: a link both ways between every two nodes whose positions
// are within `range_m` metres (inclusive). Every node needs a position.
std::vector<Link> unit_disk_links(const std::vector<NetworkNode>& nodes, double range_m,
                                  double rate_bps);

}  // namespace cnnplace
