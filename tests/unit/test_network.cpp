#include <catch2/catch.hpp>

#include "model/errors.hpp"
#include "model/network.hpp"

using namespace cnnplace;

namespace {
std::vector<NetworkNode> named(int n) {
  std::vector<NetworkNode> nodes;
  for (int k = 0; k < n; ++k) nodes.push_back({"n" + std::to_string(k), Point{double(k), 0}});
  return nodes;
}
}  // namespace

TEST_CASE("hop distances on a path graph are BFS levels", "[network]") {
  // n0 - n1 - n2 - n3 at 1 m spacing, range 1 m: a path.
  auto nodes = named(4);
  Network net(nodes, unit_disk_links(nodes, 1.0, 8e6));
  CHECK(net.hops(NodeId(0), NodeId(0)) == 0);
  CHECK(net.hops(NodeId(0), NodeId(3)) == 3);
  CHECK(net.hops(NodeId(3), NodeId(1)) == 2);
  CHECK(net.uniform_rate());
  // 8e6 bit/s = 1e6 byte/s: 1 us per byte per hop.
  CHECK(net.seconds_per_byte(NodeId(0), NodeId(3)) == Approx(3e-6).epsilon(1e-12));
  CHECK(net.route(NodeId(0), NodeId(3)) == std::vector<NodeId>{NodeId(0), NodeId(1), NodeId(2), NodeId(3)});
}

TEST_CASE("a wider range shortens the paths", "[network]") {
  auto nodes = named(5);
  Network net(nodes, unit_disk_links(nodes, 2.0, 1e6));
  CHECK(net.hops(NodeId(0), NodeId(4)) == 2);
  CHECK(net.hops(NodeId(0), NodeId(3)) == 2);
  CHECK(net.hops(NodeId(0), NodeId(2)) == 1);
}

TEST_CASE("disconnected nodes are unreachable", "[network]") {
  auto nodes = named(3);
  nodes[2].position = Point{10, 0};
  Network net(nodes, unit_disk_links(nodes, 1.0, 1e6));
  CHECK_FALSE(net.reachable(NodeId(0), NodeId(2)));
  CHECK(net.hops(NodeId(0), NodeId(2)) == Network::kUnreachable);
  CHECK(std::isinf(net.seconds_per_byte(NodeId(2), NodeId(0))));
  CHECK(net.route(NodeId(0), NodeId(2)).empty());
}

TEST_CASE("asymmetric per-link rates: Dijkstra on per-byte time, hops by BFS", "[network]") {
  // a -> b fast (8 Mb/s = 1 us/B), b -> a slow (0.8 Mb/s = 10 us/B);
  // a -> c -> b is 2 hops at 0.5 us/B each way.
  std::vector<NetworkNode> nodes{{"a", {}}, {"b", {}}, {"c", {}}};
  const NodeId a(0), b(1), c(2);
  std::vector<Link> links{{a, b, 8e6}, {b, a, 0.8e6}, {a, c, 16e6}, {c, b, 16e6}, {b, c, 16e6}, {c, a, 16e6}};
  Network net(nodes, links);
  CHECK_FALSE(net.uniform_rate());
  CHECK(net.hops(a, b) == 1);
  CHECK(net.hops(b, a) == 1);
  CHECK(net.seconds_per_byte(a, b) == Approx(1e-6).epsilon(1e-12));  // direct beats 2 x 0.5 us? equal: 1 us
  CHECK(net.seconds_per_byte(b, a) == Approx(1e-6).epsilon(1e-12));  // via c: 0.5 + 0.5 us, not 10 us
  CHECK(net.route(b, a) == std::vector<NodeId>{b, c, a});
}

TEST_CASE("a link whose rate is not positive is an input error naming the link, not a Dijkstra failure", "[network]") {
  // Found by fuzz_instance: rates that differ take the Dijkstra route, which Boost aborts
  // on a negative weight; NaN would corrupt every distance through the link.
  std::vector<NetworkNode> nodes{{"a", {}}, {"b", {}}, {"c", {}}};
  const NodeId a(0), b(1), c(2);
  for (double bad : {-1e6, 0.0, std::nan("")}) {
    INFO(bad);
    std::vector<Link> links{{a, b, 8e6}, {b, c, bad}, {c, a, 16e6}};
    try {
      Network net(nodes, links);
      FAIL("no error for the rate " << bad);
    } catch (const InputError& e) {
      CHECK(e.where() == "/network/links/1/rate");
      CHECK_THAT(e.problem(), Catch::Contains("must be positive"));
    }
  }
}

TEST_CASE("reached_from follows links forwards, or backwards to the nodes that reach the source", "[network]") {
  // a -> b -> c one way, d alone, c <-> e.
  const NodeId a(0), b(1), c(2), d(3), e(4);
  const std::vector<Link> links{{a, b, 1}, {b, c, 1}, {c, e, 1}, {e, c, 1}};
  CHECK(reached_from(5, links, a) == std::vector<bool>{true, true, true, false, true});
  CHECK(reached_from(5, links, c) == std::vector<bool>{false, false, true, false, true});
  CHECK(reached_from(5, links, c, true) == std::vector<bool>{true, true, true, false, true});
  CHECK(reached_from(5, links, d, true) == std::vector<bool>{false, false, false, true, false});
  // The same answers as the Network's tables.
  const Network net(named(5), links);
  for (int from = 0; from < 5; ++from) {
    const std::vector<bool> reached = reached_from(5, links, NodeId(from));
    for (int to = 0; to < 5; ++to) CHECK(reached[to] == net.reachable(NodeId(from), NodeId(to)));
  }
}
