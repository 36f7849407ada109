// Objective values computed by hand on instances read from JSON, against evaluate().
// Rates are chosen so that per-byte times are round: 8 Mbps = 1e6 B/s = 1 us per byte per hop.
#include <catch2/catch.hpp>

#include "model/evaluate.hpp"
#include "model/instance_io.hpp"

using namespace cnnplace;

namespace {
Instance parse(const char* text) { return instance_from_json(nlohmann::json::parse(text), "hand.json"); }
Placement place(const Instance& inst, const nlohmann::json& per_cnn) {
  return placement_from_json({{"placement", per_cnn}}, inst, "hand-placement.json");
}
constexpr double kRel = 1e-12;
}  // namespace

TEST_CASE("hand objective: a 2-layer chain over explicit edges with per-link rates", "[hand]") {
  // s -A: 8 Mbps (1 us/B); A-B: 16 Mbps (0.5 us/B); B-f: 8 Mbps (1 us/B).
  const Instance inst = parse(R"({
    "format": "cnnplace-instance/1", "sink": "f",
    "network": {"nodes": [{"name": "s"}, {"name": "f"}],
                "edges": [{"from": "s", "to": "A", "rate": "8 Mbps"}, {"from": "A", "to": "B", "rate": "16 Mbps"},
                          {"from": "B", "to": "f", "rate": "8 Mbps"}]},
    "units": [{"name": "A", "memory": "1 MB", "speed": "1 M"}, {"name": "B", "memory": "1 MB", "speed": "2 M"}],
    "cnns": [{"name": "c", "input": "1000 B", "source": "s", "layers": [
      {"name": "l1", "memory": 10, "compute": "1 M", "output": "2 KB"},
      {"name": "l2", "memory": 10, "compute": "4 M", "output": "100 B"}]}]})");
  // l1 on A, l2 on B:
  //   source  p1 K_s T(s,A)  = 1 * 1000 * 1e-6          = 1e-3
  //   links   p2 K_1 T(A,B)  = 1 * 2000 * 0.5e-6        = 1e-3
  //   proc    1e6/1e6 + 4e6/2e6                         = 3
  //   sink    g1 = p1 - p2 = 0; g2 = 1: 100 * T(B,f)=1e-6 = 1e-4
  Evaluation ev = evaluate(inst, place(inst, {{"c", {"A", "B"}}}));
  CHECK(ev.total.t_source == Approx(1e-3).epsilon(kRel));
  CHECK(ev.total.t_links == Approx(1e-3).epsilon(kRel));
  CHECK(ev.total.t_processing == Approx(3.0).epsilon(kRel));
  CHECK(ev.total.t_sink == Approx(1e-4).epsilon(kRel));
  CHECK(ev.objective() == Approx(3.0021).epsilon(kRel));
  // Both on A: source 1e-3; links 0; proc 1 + 4 = 5; sink 100 * T(A,f) = 100 * (0.5 + 1) us = 1.5e-4.
  ev = evaluate(inst, place(inst, {{"c", {"A", "A"}}}));
  CHECK(ev.objective() == Approx(5.00115).epsilon(kRel));
}

TEST_CASE("hand objective: a Gate-Classification CNN on a unit-disk line", "[hand]") {
  // s(0) - U1(1) - U2(2) - f(3), range 1 m: a path; 8 Mbps = 1 us per byte per hop.
  const char* text = R"({
    "format": "cnnplace-instance/1", "sink": "f", "processing_weight": "%s",
    "network": {"rate": "8 Mbps", "range": "1 m",
                "nodes": [{"name": "s", "position": [0, 0]}, {"name": "f", "position": [3, 0]}]},
    "units": [{"name": "U1", "memory": "1 MB", "speed": "1 M", "position": [1, 0]},
              {"name": "U2", "memory": "1 MB", "speed": "2 M", "position": [2, 0]}],
    "cnns": [{"name": "gc", "input": 500, "source": "s", "layers": [
      {"name": "l1", "memory": 1, "compute": "2 M", "output": 1000},
      {"name": "gate", "memory": 1, "compute": "1 M", "output": 400, "p": 1},
      {"name": "l3", "memory": 1, "compute": "3 M", "output": 10, "p": 0.25}]}]})";
  // l1, gate on U1; l3 on U2. p = 1, 1, 0.25; g = 0, 0.75, 0.25; K_M = 10 B.
  //   source  1 * 500 * T(s,U1)=1e-6                     = 5e-4
  //   links   p2 * 1000 * T(U1,U1)=0 + p3 * 400 * 1e-6    = 0.25 * 4e-4 = 1e-4
  //   proc    as written: 1*2e6/1e6 + 1*1e6/1e6 + 0.25*3e6/2e6 = 2 + 1 + 0.375 = 3.375
  //           next-layer: p2*2 + p3*1 + 0*1.5                  = 2 + 0.25     = 2.25
  //   sink    0.75 * 10 * T(U1,f)=2e-6 + 0.25 * 10 * T(U2,f)=1e-6 = 1.5e-5 + 2.5e-6 = 1.75e-5
  char buffer[2048];
  std::snprintf(buffer, sizeof buffer, text, "as-written");
  Instance inst = parse(buffer);
  Evaluation ev = evaluate(inst, place(inst, {{"gc", {"U1", "U1", "U2"}}}));
  CHECK(ev.total.t_source == Approx(5e-4).epsilon(kRel));
  CHECK(ev.total.t_links == Approx(1e-4).epsilon(kRel));
  CHECK(ev.total.t_processing == Approx(3.375).epsilon(kRel));
  CHECK(ev.total.t_sink == Approx(1.75e-5).epsilon(kRel));
  CHECK(ev.objective() == Approx(3.3756175).epsilon(kRel));
  std::snprintf(buffer, sizeof buffer, text, "next-layer");
  inst = parse(buffer);
  ev = evaluate(inst, place(inst, {{"gc", {"U1", "U1", "U2"}}}));
  CHECK(ev.total.t_processing == Approx(2.25).epsilon(kRel));
  CHECK(ev.objective() == Approx(2.2506175).epsilon(kRel));
}

TEST_CASE("hand objective: two CNNs sharing their first layer", "[hand]") {
  // s(0) - A(1) - B(2) - f(3) - C(4), range 1 m, 1 us per byte per hop.
  const Instance inst = parse(R"({
    "format": "cnnplace-instance/1", "sink": "f", "L": 1,
    "network": {"rate": "8 Mbps", "range": 1, "nodes": [{"name": "s", "position": [0, 0]}, {"name": "f", "position": [3, 0]}]},
    "units": [{"name": "A", "memory": "1000 B", "speed": "1 M", "position": [1, 0]},
              {"name": "B", "memory": "1 MB", "speed": "2 M", "position": [2, 0]},
              {"name": "C", "memory": "1 MB", "speed": "4 M", "position": [4, 0]}],
    "cnns": [
      {"name": "x", "input": 100, "source": "s", "layers": [
        {"name": "shared", "memory": 1000, "compute": "1 M", "output": 200},
        {"name": "x2", "memory": 1, "compute": "2 M", "output": 10}]},
      {"name": "y", "input": 100, "source": "s", "layers": [
        {"name": "shared", "memory": 1000, "compute": "1 M", "output": 200},
        {"name": "y2", "memory": 1, "compute": "4 M", "output": 20}]}],
    "shared": [{"layers": [["x", "shared"], ["y", 1]]}]})");
  // Shared layer on A (A holds its 1000 B once: feasible with L = 1); x2 on B; y2 on C.
  //   x: source 100 * 1e-6 = 1e-4; links 200 * T(A,B)=1e-6 = 2e-4; proc 1 + 2e6/2e6 = 2;
  //      sink 10 * T(B,f)=1e-6 = 1e-5                       -> 2.00031
  //   y: source 1e-4; links 200 * T(A,C)=3e-6 = 6e-4; proc 1 + 4e6/4e6 = 2;
  //      sink 20 * T(C,f)=1e-6 = 2e-5                       -> 2.00072
  //   total                                                 -> 4.00103
  const Placement p = place(inst, {{"x", {"A", "B"}}, {"y", {"A", "C"}}});
  const Evaluation ev = evaluate(inst, p);
  REQUIRE(ev.per_cnn.size() == 2);
  CHECK(ev.per_cnn[0].total() == Approx(2.00031).epsilon(kRel));
  CHECK(ev.per_cnn[1].total() == Approx(2.00072).epsilon(kRel));
  CHECK(ev.objective() == Approx(4.00103).epsilon(kRel));
  CHECK(check(inst, p).empty());
  // Split across units, the group is violated (and A/B each count a layer).
  const auto violations = check(inst, place(inst, {{"x", {"A", "B"}}, {"y", {"B", "C"}}}));
  REQUIRE_FALSE(violations.empty());
  CHECK(violations.front().kind == ViolationKind::shared_split);
}

TEST_CASE("hand objective: the 5-layer CNN on one Raspberry Pi gives the paper's t_p", "[hand]") {
  // t_p = (3.81 + 20.08 + 1.20 + 0.07 + 0.002) M / 560 M/s = 25.162 / 560 s = 44.932 ms
  // (Table 5: 44.93). Source and sink on the Pi's neighbour node: t_t = (9410 + 40) B * 8 / 72.2e6.
  const Instance inst = parse(R"({
    "format": "cnnplace-instance/1", "sink": "sf", "L": "unlimited",
    "network": {"technology": "wifi4", "nodes": [{"name": "sf", "position": [0, 0]}]},
    "units": [{"name": "pi", "family": "rpi3b+", "position": [5, 0]}],
    "cnns": [{"name": "c", "zoo": "5layer", "source": "sf"}]})");
  const Evaluation ev = evaluate(inst, place(inst, {{"c", {"pi", "pi", "pi", "pi", "pi"}}}));
  CHECK(ev.total.t_processing == Approx(25.162e6 / 560e6).epsilon(kRel));
  CHECK(ev.total.transmission() == Approx((9410.0 + 40.0) * 8 / 72.2e6).epsilon(kRel));
}
