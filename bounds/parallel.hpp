#pragma once
// Runs f(0), ..., f(count - 1) on up to `threads` threads (1: in order, on this thread).
// Each index runs once, in no fixed order: callers write index i's result to slot i and
// combine the slots in index order afterwards, so that the answer is the same at any
// thread count. Used for the chains' pricing in the dual (bounds/dual_lp.cpp) and for
// the search's subtrees (solver/search.cpp).
#include <cstddef>
#include <functional>

namespace cnnplace {

void for_each_index(int threads, std::size_t count, const std::function<void(std::size_t)>& f);

}  // namespace cnnplace
