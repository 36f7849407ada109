#pragma once
// Subset-row cuts on the units' layer-count rows (Jepsen, Petersen, Spoorendonk and Pisinger
// 2008, "Subset-row inequalities applied to the vehicle-routing problem with time windows"):
// for a set S of one to three units holding K layers together (the sum of their L_i), the
// chains' paths put more than half of S's slots on S for one chain at most,
//   sum_P floor(|P on S| / d) x_P <= 1,   d = floor(K / 2) + 1,
// the rank-1 Chvatal-Gomory cut of S's count rows with multipliers 1/d. At L = 1 these are
// the classic three-unit subset rows (K = 3, d = 2: one chain at most puts two layers on
// three units); at L = 2 two units (d = 3) or three (d = 4); at L = 3 one unit (d = 2).
//
// Why: the converged column-generation master (bounds/dual_lp.hpp) is fractional *between*
// chains: chain a splits between paths through units {1, 2} and {2, 3}, chain b through
// {1, 3} and elsewhere, half each, and every unit row holds. Measured on the scaling
// benchmark's systems (`cnnplace generate --units N --cnns C --cnn KIND --L L --tech T
// --scale-density --connect resample --seed 1`), the dual alone at L = 1: ten AlexNets at
// N = 500 rise from 33 768.71 to 33 919.76 ms on HaLow and from 14 960.19 to 14 975.25 ms on
// Wi-Fi 4, both the optimum (57-58 cuts, 1 s); twenty 5-layer CNNs at N = 100 on HaLow from
// 3 668.49 to 3 674.94 ms (186 cuts), the best placement known being 3 680.20 ms.
//
// Where every unit of S holds two layers or more, the separation also tries sets of four
// units and every divisor d, with the right-hand side floor(K / d) (the same rank-1 cut of
// S's count rows with multipliers 1/d):
//   sum_P floor(|P on S| / d) x_P <= floor(K / d).
// At L = 2, four units (K = 8) and d = 3: two chains at most put three or more layers on
// them, and one that puts six counts twice. Why: with few Raspberry Pis (the 90-10 mix) at
// L = 2 every layer but a few goes on them, two per unit, and the master shares the pairs of
// slots out by thirds across three or four units, which no cut of one to three units sees.
// Measured (the dual alone, from zero, `cnnplace generate --cnn alexnet --L 2 --mix 90-10
// --tech halow --scale-density --connect resample --seed 2`): eight AlexNets at N = 300 rise
// from 33.534 to 33.780 s (the best placement known 34.205 s); fifty at N = 2000 from
// 245.176 to 245.850 s (63 -> 246 cuts; the best placement known 248.22 s); fifty at
// N = 2000, seed 1, from 235.169 to 235.328 s.
//
// Why the bound stays valid: a cut's price sigma_S >= 0 is charged floor(|P on S| / d) times
// to every path P, and the Lagrangian subtracts sum sigma_S rhs_S (the right-hand sides), so
//   L(lambda, sigma) = sum_u min_P [priced(P) + sum_S sigma_S floor(|P on S| / d_S)]
//                      - lambda . capacity - sum_S sigma_S rhs_S
// is at most any feasible placement's cost (which satisfies every cut). A pricing that
// ignores the penalties (the chain tables, which cannot see them) still gives a lower bound,
// only a weaker one: the penalties are never negative.
#include <vector>

namespace cnnplace {

struct SubsetRow {
  std::vector<int> units;  // one to four distinct units of finite layer capacity
  int divisor = 2;         // d: a path counts once per d of its layers on `units`
  double price = 0;        // sigma >= 0, seconds
  int rhs = 1;             // floor(K / d): how many counts the paths may make together
};

// The divisor of the set's cut: floor(K / 2) + 1, K the layers the units hold together.
int subset_row_divisor(const std::vector<int>& layer_limits);

// How many times the cut counts a path (unit per layer): floor(layers on its units / d).
int subset_row_count(const SubsetRow& row, const std::vector<int>& path);

class SubsetRowPrices {
 public:
  SubsetRowPrices() = default;
  SubsetRowPrices(int units, std::vector<SubsetRow> rows);

  bool empty() const { return rows_.empty(); }
  const std::vector<SubsetRow>& rows() const { return rows_; }
  // The rows (indices) that hold `unit`.
  const std::vector<int>& rows_of(int unit) const { return rows_of_[unit]; }
  // sum of sigma x rhs: the right-hand sides' term of the Lagrangian.
  double constant() const;
  // What a path (unit per layer) pays: sigma_S per d_S of its layers on S, per cut.
  double penalty(const std::vector<int>& path) const;

 private:
  std::vector<SubsetRow> rows_;
  std::vector<std::vector<int>> rows_of_;
};

// A walk's count of layers per cut, as it places and takes back layers one at a time: the
// penalty of a path as it grows.
class SubsetRowHits {
 public:
  explicit SubsetRowHits(const SubsetRowPrices* prices);
  // Layer placed on `unit`: the price it adds (the cuts whose count reaches a multiple of d).
  double enter(int unit) {
    if (!prices_) return 0;
    double added = 0;
    for (int r : prices_->rows_of(unit)) {
      const SubsetRow& row = prices_->rows()[r];
      if (++hits_[r] % row.divisor == 0) added += row.price;
    }
    return added;
  }
  // The last layer placed on `unit` taken back.
  void leave(int unit) {
    if (!prices_) return;
    for (int r : prices_->rows_of(unit)) --hits_[r];
  }

 private:
  const SubsetRowPrices* prices_;
  std::vector<int> hits_;
};

// The sets of one to three units (and, of units that hold two layers or more, of four units
// with any divisor) whose cut the weighted paths (units per layer, and a weight each:
// a master's solution) violate by more than `min_violation`, most violated first, at most
// `max_rows` (prices 0). `layer_limit[i]`: unit i's L_i; units with a limit
// of 0 or above kSubsetRowMaxLayers are in no cut.
inline constexpr int kSubsetRowMaxLayers = 8;
std::vector<SubsetRow> violated_subset_rows(const std::vector<std::pair<const std::vector<int>*, double>>& paths,
                                            const std::vector<int>& layer_limit, double min_violation, int max_rows);

}  // namespace cnnplace
