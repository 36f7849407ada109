#pragma once
// Subset-row cuts on the units that hold one layer (Jepsen, Petersen, Spoorendonk and
// Pisinger 2008, "Subset-row inequalities applied to the vehicle-routing problem with time
// windows"): for three such units S, the chains' paths together put at most one pair of
// layers on S,
//   sum_P floor(|P on S| / 2) x_P <= 1,
// the rank-1 Chvatal-Gomory cut of S's layer-count rows with multipliers 1/2 (three layers
// at most on S, so at most one chain can put two there).
//
// Why: where units hold one layer (L = 1), the converged column-generation master
// (bounds/dual_lp.hpp) is fractional *between* chains: chain a splits between paths through
// units {1, 2} and {2, 3}, chain b through {1, 3} and elsewhere, half each, and every unit
// row holds. Measured on the scaling benchmark's systems (`cnnplace generate --units N --cnns C
// --cnn KIND --L 1 --tech T --scale-density --connect resample --seed 1`), the dual alone:
// ten AlexNets at N = 500 rise from 33 768.71 to 33 919.76 ms on HaLow and from 14 960.19
// to 14 975.25 ms on Wi-Fi 4, both the optimum (57-58 cuts, 1 s); twenty 5-layer CNNs at
// N = 100 on HaLow from 3 668.49 to 3 674.94 ms (186 cuts), the best placement known being
// 3 680.20 ms.
//
// Why the bound stays valid: a cut's price sigma_S >= 0 is charged to every path that puts
// two layers on S, and the Lagrangian subtracts sum sigma_S (each cut's right-hand side), so
//   L(lambda, sigma) = sum_u min_P [priced(P) + sum_S sigma_S floor(|P on S| / 2)]
//                      - lambda . capacity - sum_S sigma_S
// is at most any feasible placement's cost (which satisfies every cut). A pricing that
// ignores the penalties (the chain tables, which cannot see them) still gives a lower bound,
// only a weaker one: the penalties are never negative.
#include <array>
#include <vector>

namespace cnnplace {

struct SubsetRow {
  std::array<int, 3> units;  // distinct units of layer capacity 1
  double price = 0;          // sigma >= 0, seconds
};

class SubsetRowPrices {
 public:
  SubsetRowPrices() = default;
  SubsetRowPrices(int units, std::vector<SubsetRow> rows);

  bool empty() const { return rows_.empty(); }
  const std::vector<SubsetRow>& rows() const { return rows_; }
  // The rows (indices) that hold `unit`.
  const std::vector<int>& rows_of(int unit) const { return rows_of_[unit]; }
  // sum of sigma: the right-hand side's term of the Lagrangian.
  double constant() const;
  // What a path (unit per layer) pays: sigma_S per pair of its layers on S, per cut.
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
  // Layer placed on `unit`: the price it adds (the cuts whose count becomes even).
  double enter(int unit) {
    if (!prices_) return 0;
    double added = 0;
    for (int r : prices_->rows_of(unit))
      if (++hits_[r] % 2 == 0) added += prices_->rows()[r].price;
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

// The three-unit sets whose cut the weighted paths (units per layer, and a weight each: a
// master's solution) violate by more than `min_violation`, most violated first, at most
// `max_rows`. Only units with `one_layer[i]` count.
std::vector<std::array<int, 3>> violated_subset_rows(const std::vector<std::pair<const std::vector<int>*, double>>& paths,
                                                     const std::vector<char>& one_layer, double min_violation,
                                                     int max_rows);

}  // namespace cnnplace
