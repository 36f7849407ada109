#include "model/network.hpp"

#include <fmt/format.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <limits>

#include "model/errors.hpp"

namespace cnnplace {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                                    boost::no_property,
                                    boost::property<boost::edge_weight_t, double>>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;

Graph make_graph(std::size_t n, const std::vector<Link>& links) {
  Graph g(n);
  for (const Link& l : links) boost::add_edge(l.from.index(), l.to.index(), 8.0 / l.rate_bps, g);
  return g;
}

// BFS from `source`, recording hop counts and BFS-tree parents.
void bfs_from(const Graph& g, Vertex source, int* hops, std::vector<Vertex>& parent) {
  const std::size_t n = boost::num_vertices(g);
  std::vector<int> dist(n, Network::kUnreachable);
  dist[source] = 0;
  parent.assign(n, source);
  std::vector<Vertex> queue{source};
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const Vertex v = queue[head];
    for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) {
      const Vertex w = boost::target(*e, g);
      if (dist[w] != Network::kUnreachable) continue;
      dist[w] = dist[v] + 1;
      parent[w] = v;
      queue.push_back(w);
    }
  }
  std::copy(dist.begin(), dist.end(), hops);
}

}  // namespace

Network::Network(std::vector<NetworkNode> nodes, std::vector<Link> links)
    : nodes_(std::move(nodes)), links_(std::move(links)) {
  const std::size_t n = nodes_.size();
  // Dijkstra needs weights 8 / rate >= 0; a negative or NaN rate would make Boost throw
  // from inside the search, so it is refused here, where the link can still be named.
  for (std::size_t k = 0; k < links_.size(); ++k)
    if (!(links_[k].rate_bps > 0))
      throw InputError(fmt::format("/network/links/{}/rate", k),
                       fmt::format("the data rate is {:g}; it must be positive", links_[k].rate_bps),
                       "give every link a positive rate in bit/s");
  hops_.assign(n * n, kUnreachable);
  seconds_per_byte_.assign(n * n, std::numeric_limits<double>::infinity());
  next_hop_.assign(n * n, -1);
  for (const Link& l : links_) uniform_rate_ = uniform_rate_ && l.rate_bps == links_.front().rate_bps;

  const Graph g = make_graph(n, links_);
  std::vector<Vertex> parent;
  std::vector<double> dist(n);
  std::vector<std::size_t> order(n);
  auto set_next_hops = [&](std::size_t a) {
    // Parents come before their children in order of distance (weights are positive), so
    // each node's next hop is its parent's, or itself when its parent is a.
    const double* dist_a = &seconds_per_byte_[a * n];
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return dist_a[x] < dist_a[y]; });
    for (std::size_t b : order) {
      if (b == a || hops_[a * n + b] == kUnreachable) continue;
      next_hop_[a * n + b] = parent[b] == a ? static_cast<int>(b) : next_hop_[a * n + parent[b]];
    }
  };
  for (std::size_t a = 0; a < n; ++a) {
    bfs_from(g, a, &hops_[a * n], parent);
    if (uniform_rate_) {
      const double per_hop = links_.empty() ? 0.0 : 8.0 / links_.front().rate_bps;
      for (std::size_t b = 0; b < n; ++b)
        if (hops_[a * n + b] != kUnreachable) seconds_per_byte_[a * n + b] = hops_[a * n + b] * per_hop;
    } else {
      boost::dijkstra_shortest_paths(
          g, a,
          boost::predecessor_map(boost::make_iterator_property_map(parent.begin(),
                                                                   boost::get(boost::vertex_index, g)))
              .distance_map(boost::make_iterator_property_map(dist.begin(),
                                                              boost::get(boost::vertex_index, g))));
      for (std::size_t b = 0; b < n; ++b)
        if (hops_[a * n + b] != kUnreachable) seconds_per_byte_[a * n + b] = dist[b];
    }
    set_next_hops(a);
  }
}

std::optional<NodeId> Network::find(const std::string& name) const {
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].name == name) return NodeId(i);
  return std::nullopt;
}

std::vector<NodeId> Network::route(NodeId a, NodeId b) const {
  std::vector<NodeId> path{a};
  if (!reachable(a, b)) return {};
  const std::size_t n = nodes_.size();
  for (std::size_t v = a.index(); v != b.index();) {
    v = static_cast<std::size_t>(next_hop_[v * n + b.index()]);
    path.emplace_back(v);
  }
  return path;
}

std::vector<bool> reached_from(std::size_t node_count, const std::vector<Link>& links, NodeId source,
                               bool backwards) {
  // Adjacency in compressed rows: links are not sorted by their first end.
  std::vector<std::size_t> start(node_count + 1, 0), next(links.size());
  auto tail = [&](const Link& l) { return (backwards ? l.to : l.from).index(); };
  auto head = [&](const Link& l) { return (backwards ? l.from : l.to).index(); };
  for (const Link& l : links) ++start[tail(l) + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<std::size_t> fill(start.begin(), start.end() - 1);
  for (const Link& l : links) next[fill[tail(l)]++] = head(l);
  std::vector<bool> reached(node_count, false);
  std::vector<std::size_t> queue{source.index()};
  reached[source.index()] = true;
  for (std::size_t k = 0; k < queue.size(); ++k)
    for (std::size_t e = start[queue[k]]; e < start[queue[k] + 1]; ++e)
      if (!reached[next[e]]) reached[next[e]] = true, queue.push_back(next[e]);
  return reached;
}

std::vector<Link> unit_disk_links(const std::vector<NetworkNode>& nodes, double range_m,
                                  double rate_bps) {
  std::vector<Link> links;
  for (std::size_t a = 0; a < nodes.size(); ++a)
    for (std::size_t b = a + 1; b < nodes.size(); ++b) {
      const Point p = *nodes[a].position, q = *nodes[b].position;
      if (std::hypot(p.x - q.x, p.y - q.y) <= range_m) {
        links.push_back({NodeId(a), NodeId(b), rate_bps});
        links.push_back({NodeId(b), NodeId(a), rate_bps});
      }
    }
  return links;
}

}  // namespace cnnplace
