// The incumbent, the search's one shared mutable object (style.md #9), under contention from
// plain std::threads: whatever the schedule, it ends as the least placement offered (by value,
// then search path), and readers never see a torn state. Run under ThreadSanitizer in CI
// (scripts/test.sh): std::thread start and join are visible to TSan, whereas the
// synchronisation inside Debian's libtbb (not built with TSan) is not (docs/reliability.md).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <thread>
#include <vector>

#include "solver/incumbent.hpp"
#include "support/random_instances.hpp"

using namespace cnnplace;

namespace {

struct Offer {
  double value;
  SearchPath path;
  std::vector<int> units;
};

// Values far apart or exactly equal (ties broken by path), so that "least" is a total order.
std::vector<Offer> offers_of(int thread, int count) {
  testing::Rng rng(static_cast<std::uint64_t>(thread) + 1);
  std::vector<Offer> offers;
  for (int k = 0; k < count; ++k) {
    const double value = 1 + 0.01 * rng.below(40);
    SearchPath path{static_cast<std::uint16_t>(rng.below(3)), static_cast<std::uint16_t>(thread),
                    static_cast<std::uint16_t>(k)};
    offers.push_back({value, path, {thread, k}});
  }
  return offers;
}

bool less(const Offer& a, const Offer& b) {
  if (a.value != b.value) return a.value < b.value;
  return std::lexicographical_compare(a.path.begin(), a.path.end(), b.path.begin(), b.path.end());
}

}  // namespace

TEST_CASE("the incumbent keeps the least placement offered by four threads at once", "[reliability][tsan]") {
  constexpr int kThreads = 4, kOffers = 3000;
  for (int round = 0; round < 5; ++round) {
    Incumbent inc(1e-9, 1e-9);
    std::vector<std::vector<Offer>> offers;
    for (int t = 0; t < kThreads; ++t) offers.push_back(offers_of(t + round * kThreads, kOffers));
    std::vector<int> torn(kThreads, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        for (const Offer& o : offers[t]) {
          inc.offer(o.value, o.units, &o.path, 0);
          // Readers during the writes: the units always come as one offered pair.
          if (inc.has_value() && inc.units().size() != 2) ++torn[t];
          (void)inc.worth_exploring(o.value, o.path);
        }
      });
    for (std::thread& th : threads) th.join();
    Offer best = offers[0][0];
    for (const auto& list : offers)
      for (const Offer& o : list)
        if (less(o, best)) best = o;
    INFO("round " << round);
    CHECK(inc.value() == best.value);
    CHECK(inc.units() == best.units);
    CHECK(std::count(torn.begin(), torn.end(), 0) == kThreads);
  }
}
