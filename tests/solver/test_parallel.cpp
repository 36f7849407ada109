// for_each_index (bounds/parallel.hpp): every index runs exactly once, at any thread count.
#include <catch2/catch.hpp>

#include <atomic>
#include <vector>

#include "bounds/parallel.hpp"

using namespace cnnplace;

TEST_CASE("for_each_index runs every index exactly once at 1, 2 and 8 threads", "[threads]") {
  for (const int threads : {0, 1, 2, 8})
    for (const std::size_t count : {0, 1, 2, 7, 1000}) {
      INFO(threads << " threads, " << count << " indices");
      std::vector<std::atomic<int>> runs(count);
      for_each_index(threads, count, [&](std::size_t i) { runs[i].fetch_add(1); });
      int once = 0;
      for (const std::atomic<int>& r : runs) once += r.load() == 1;
      CHECK(once == static_cast<int>(count));
    }
}
