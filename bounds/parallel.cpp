#include "bounds/parallel.hpp"

#include <atomic>
#include <thread>
#include <vector>

#if !defined(__SANITIZE_THREAD__)
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#endif

namespace cnnplace {

void for_each_index(int threads, std::size_t count, const std::function<void(std::size_t)>& f) {
  if (threads <= 1 || count <= 1) {
    for (std::size_t i = 0; i < count; ++i) f(i);
    return;
  }
#if defined(__SANITIZE_THREAD__)
  // Under ThreadSanitizer the same dynamic schedule runs on std::threads. Debian's libtbb
  // is not built with TSan, which then cannot see TBB's own synchronisation and reports it
  // by the hundred; thread start and join are visible to it, so every access of our own
  // code across threads is still checked (docs/reliability.md).
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> pool;
  for (int w = 0; w < threads; ++w)
    pool.emplace_back([&] {
      for (std::size_t i; (i = next.fetch_add(1)) < count;) f(i);
    });
  for (std::thread& worker : pool) worker.join();
#else
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count, 1), [&](const tbb::blocked_range<std::size_t>& r) {
      for (std::size_t i = r.begin(); i != r.end(); ++i) f(i);
    });
  });
#endif
}

}  // namespace cnnplace
