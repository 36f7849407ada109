#include "bounds/chain_moves.hpp"

#include <algorithm>
#include <cmath>

namespace cnnplace {

ChainMoves::ChainMoves(const Problem& p, int chain, const ChainTables& t)
    : p_(p), c_(p.chains[chain]), t_(t), from_(static_cast<std::size_t>(c_.size()) * p.units),
      built_to_(from_.size(), -1.0) {}

const std::vector<ChainMoves::Move>& ChainMoves::from(int j, int i, double max_rest) {
  const std::size_t s = static_cast<std::size_t>(j) * p_.units + i;
  if (built_to_[s] < max_rest) {
    // A little beyond what was asked: a caller's own test (prefix + rest > limit) and
    // max_rest = limit - prefix may round apart in the last bit.
    const double upto = max_rest < kInf ? max_rest + 1e-9 * std::max(1.0, std::fabs(max_rest)) : kInf;
    from_[s].clear();
    build(j, i, upto, from_[s]);
    built_to_[s] = upto;
  }
  return from_[s];
}

void ChainMoves::build(int j, int i, double max_rest, std::vector<Move>& moves) const {
  const int last = c_.size() - 1;
  for (int k : p_.candidates[c_.item[j + 1]]) {
    const double node = t_.node(j + 1, k);
    if (k == i || !(node < kInf)) continue;
    const double rest = c_.arc_weight[j] * p_.T(i, k) + node + (j + 1 < last ? t_.tail(j + 1, k, 1, i) : 0.0);
    if (rest < kInf && rest <= max_rest) moves.push_back({rest, k});
  }
  std::stable_sort(moves.begin(), moves.end(), [](const Move& a, const Move& b) { return a.rest < b.rest; });
}

}  // namespace cnnplace
