#pragma once
// Structural validation of an instance: every value in range, every name unique, every
// reference resolved, every source, sink and unit able to reach the others. Throws
// InputError naming the field (JSON-pointer style, "/cnns/0/layers/2/p") and the fix.
// Feasibility (is there any placement?) is not checked here: that is an answer, not an
// error, and the solver explains it.
#include "model/instance.hpp"

namespace cnnplace {

// Largest magnitude accepted for any size, count, speed or rate: beyond it sums and
// products lose meaning long before they overflow. 1e18 is an exabyte.
inline constexpr double kMaxQuantity = 1e18;
// Smallest speed or data rate accepted: with every amount at most kMaxQuantity, every time
// (amount / speed or rate, times hops and layers) then stays far below a double's overflow,
// where 1e-300 multiplications per second would make a latency infinite.
inline constexpr double kMinRate = 1 / kMaxQuantity;

void validate(const Instance& instance);

// validate() for an instance whose network is still its parts (`instance.network` is not
// read): the readers check these before they build the Network, whose tables take O(N^2)
// time and memory even where the answer is an error (a 300-byte file of 10 000 disconnected
// units took 1.6 GB and 4 s to refuse).
void validate(const Instance& instance, const std::vector<NetworkNode>& nodes, const std::vector<Link>& links);

}  // namespace cnnplace
