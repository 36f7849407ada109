#pragma once
// The moves out of each state of one chain (layer j on unit i, the next layer on another
// unit), by the least priced cost of finishing the chain that way, built when a walk first
// asks for them. Walks over a chain's paths (the reduced-cost enumeration,
// solver/path_enumeration.hpp; the fitting-path pricing, bounds/fitting_path.hpp) stop at
// the first move that overshoots instead of testing every unit.
//
// Why lazily, per state: a walk reaches few of the M x N states, and all of their lists
// would take O(M N^2) memory (0.8 GB at N = 2000). A state's list holds the moves whose
// cost is within the bound asked for; a later call that asks for more rebuilds it (O(N)
// plus the sort of what it keeps), so a walk that asks for everything (kInf) pays one
// O(N log N) build per state.
#include <vector>

#include "bounds/chain_dp.hpp"
#include "bounds/problem.hpp"

namespace cnnplace {

class ChainMoves {
 public:
  struct Move {
    double rest;  // transfer + the next layer's priced cost + its cost-to-go
    int unit;
  };

  ChainMoves(const Problem& p, int chain, const ChainTables& t);

  // From layer j on unit i: every move to another unit k for layer j + 1 whose rest is at
  // most max_rest (perhaps more), cheapest first; ties in candidate order.
  const std::vector<Move>& from(int j, int i, double max_rest = kInf);

 private:
  void build(int j, int i, double max_rest, std::vector<Move>& moves) const;

  const Problem& p_;
  const Chain& c_;
  const ChainTables& t_;
  std::vector<std::vector<Move>> from_;
  std::vector<double> built_to_;  // per state: the max_rest its list was built for (-1: none)
};

}  // namespace cnnplace
