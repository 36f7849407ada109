// The exported model without any solver: on every placement of small instances, the rows hold
// exactly when check() passes and the objective equals evaluate(); names, files, decoding.
#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <sstream>

#include "mip_fixtures.hpp"
#include "tests/support/brute_force.hpp"
#include "model/errors.hpp"
#include "model/evaluate.hpp"
#include "model/mip_export.hpp"

using namespace cnnplace;
using namespace cnnplace::testing;

namespace {

const MipFormulation kAll[] = {MipFormulation::strong, MipFormulation::strong_tight,
                               MipFormulation::naive};

SmallSpec spec_for(std::uint64_t seed) {
  SmallSpec s;
  s.units = 3 + static_cast<int>(seed % 3);  // 3..5
  s.cnns = 1 + static_cast<int>(seed % 2);
  s.min_layers = 2;
  s.max_layers = s.cnns == 1 ? 4 : 3;
  s.shared_first = s.cnns == 2 && seed % 4 == 1 ? 1 : 0;
  s.gate = seed % 3 == 0;
  return s;
}

int count_prefix(const MipModel& m, const std::string& prefix) {
  int n = 0;
  for (const MipVariable& v : m.variables) n += v.name.rfind(prefix, 0) == 0 ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("rows hold exactly for feasible placements, and the objective equals evaluate()", "[mip][export]") {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    const Instance inst = small_instance(spec_for(seed), seed);
    for (MipFormulation f : kAll) {
      CAPTURE(seed, to_string(f));
      const MipModel model = build_mip(inst, f);
      long feasible = 0;
      double least = 0;
      for_each_placement(inst, [&](const Placement& p) {
        const bool ok = check(inst, p).empty();
        const auto values = values_of(model, p);
        // A placement that uses a non-candidate unit has no x for it: the assignment row fails.
        REQUIRE(satisfies_rows(model, values) == ok);
        if (!ok) return;
        ++feasible;
        const double expected = evaluate(inst, p).objective();
        REQUIRE(mip_objective(model, values) == Approx(expected).epsilon(1e-12));
        if (feasible == 1 || expected < least) least = expected;
        REQUIRE(decode_mip_solution(inst, model, values) == p);
      });
      const BruteForceResult best = brute_force(inst);
      REQUIRE(best.feasible == (feasible > 0));
      if (feasible > 0) CHECK(least == Approx(best.objective).epsilon(1e-12));
    }
  }
}

TEST_CASE("names are valid LP/MPS identifiers and unique", "[mip][export]") {
  const std::regex valid("^[a-z][a-z0-9_]*$");
  SmallSpec s;
  s.units = 6;
  s.cnns = 2;
  s.shared_first = 2;
  const Instance inst = small_instance(s, 42);
  for (MipFormulation f : kAll) {
    const MipModel m = build_mip(inst, f);
    std::set<std::string> names;
    for (const MipVariable& v : m.variables) {
      CHECK(std::regex_match(v.name, valid));
      CHECK(names.insert(v.name).second);
    }
    for (const MipRow& r : m.rows) {
      CHECK(std::regex_match(r.name, valid));
      CHECK(names.insert(r.name).second);
    }
    CHECK(m.assignment_of.size() == m.assignment_variables.size());
    CHECK(m.objective_constant == 0);
  }
}

TEST_CASE("strong_tight drops exactly the same-unit flows of layers that cannot share", "[mip][export]") {
  SmallSpec s;
  s.units = 5;
  s.tight_limits = false;  // L unlimited, memory 1 MB: every pair may share every unit
  s.min_layers = s.max_layers = 4;
  Instance inst = small_instance(s, 7);
  const MipModel strong = build_mip(inst, MipFormulation::strong);
  CHECK(build_mip(inst, MipFormulation::strong_tight).variables.size() == strong.variables.size());
  // 4 layers, 3 links, 5 x 5 flows each; 4 x 5 assignments.
  CHECK(count_prefix(strong, "x_") == 20);
  CHECK(count_prefix(strong, "y_") == 75);

  for (Unit& u : inst.units) u.layer_limit = 1;
  const MipModel tight = build_mip(inst, MipFormulation::strong_tight);
  CHECK(count_prefix(tight, "y_") == 75 - 3 * 5);
  for (const MipVariable& v : tight.variables) {
    int a, b, i, k;
    if (std::sscanf(v.name.c_str(), "y_%d_%d_%d_%d", &a, &b, &i, &k) == 4) CHECK(i != k);
  }
  // The naive form keeps only the pairs that cost something: i != k.
  CHECK(count_prefix(build_mip(inst, MipFormulation::naive), "y_") == 3 * 5 * 4);
}

TEST_CASE("shared layers are one item, and both chains' transfers ride one flow", "[mip][export]") {
  SmallSpec s;
  s.units = 4;
  s.cnns = 2;
  s.shared_first = 2;
  s.min_layers = s.max_layers = 3;
  s.tight_limits = false;
  const Instance inst = small_instance(s, 3);
  const MipModel m = build_mip(inst, MipFormulation::strong);
  CHECK(m.items.size() == 4);  // 2 shared + one private last layer each
  CHECK(count_prefix(m, "x_") == 16);
  CHECK(count_prefix(m, "y_0_1_") == 16);  // one flow for the shared link, not two
  CHECK(count_prefix(m, "y_") == 3 * 16);
}

TEST_CASE("an item that fits nowhere keeps an empty assignment row, written on const_one", "[mip][export]") {
  SmallSpec s;
  s.units = 3;
  Instance inst = small_instance(s, 5);
  inst.cnns[0].layers[1].memory_bytes = 5e6;  // more than any unit's 1 MB
  const MipModel m = build_mip(inst, MipFormulation::strong_tight);
  bool empty_assign = false;
  for (const MipRow& r : m.rows) empty_assign = empty_assign || (r.name == "assign_1" && r.terms.empty());
  CHECK(empty_assign);
  std::ostringstream lp, mps;
  write_lp(m, lp);
  write_mps(m, mps);
  CHECK_THAT(lp.str(), Catch::Contains(" assign_1: + 1 const_one = 2"));
  CHECK_THAT(lp.str(), Catch::Contains(" const_one = 1\n"));
  CHECK_THAT(mps.str(), Catch::Contains(" const_one assign_1 1\n"));
  CHECK_THAT(mps.str(), Catch::Contains(" FX bnd const_one 1\n"));
}

TEST_CASE("LP and MPS text: sections, every name, 17 significant digits", "[mip][export]") {
  SmallSpec s;
  s.units = 4;
  const Instance inst = small_instance(s, 11);
  const MipModel m = build_mip(inst, MipFormulation::strong_tight);
  std::ostringstream lp, mps;
  write_lp(m, lp);
  write_mps(m, mps);
  for (const char* section : {"Minimize\n obj:", "\nSubject To\n", "\nBounds\n", "\nBinaries\n", "\nEnd\n"})
    CHECK_THAT(lp.str(), Catch::Contains(section));
  for (const char* section : {"\nNAME cnnplace\n", "\nROWS\n N obj\n", "\nCOLUMNS\n", "\nRHS\n", "\nBOUNDS\n", "\nENDATA\n"})
    CHECK_THAT(mps.str(), Catch::Contains(section));
  CHECK_THAT(lp.str(), !Catch::Contains("const_one"));
  for (const MipVariable& v : m.variables) {
    CHECK_THAT(lp.str(), Catch::Contains(" " + v.name));
    CHECK_THAT(mps.str(), Catch::Contains(" " + v.name + " "));
  }
  // The first x's cost, printed so that it parses back to the same double.
  const MipVariable& x = m.variables[m.assignment_variables.front()];
  char printed[64];
  std::snprintf(printed, sizeof printed, "%.17g", x.cost);
  CHECK_THAT(lp.str(), Catch::Contains(std::string(printed) + " " + x.name));
  CHECK(std::stod(printed) == x.cost);
}

TEST_CASE("decoding needs an x above 0.5 for every item", "[mip][export]") {
  SmallSpec s;
  s.units = 3;
  const Instance inst = small_instance(s, 9);
  const MipModel m = build_mip(inst, MipFormulation::strong);
  std::map<std::string, double> values;
  CHECK_THROWS_AS(decode_mip_solution(inst, m, values), InputError);
  const BruteForceResult best = brute_force(inst);
  REQUIRE(best.feasible);
  values = values_of(m, best.placement);
  CHECK(decode_mip_solution(inst, m, values) == best.placement);
}
