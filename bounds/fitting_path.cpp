#include "bounds/fitting_path.hpp"

#include <algorithm>
#include <utility>

#include "bounds/chain_moves.hpp"

namespace cnnplace {
namespace {

// Can item k go on unit i? `loads` is a node's residual with the walk's own layers placed on
// it: an item the node assigns stays on its unit (a walk never meets its own items twice, so
// an assigned item is the node's), a free one needs room left.
bool room(const Problem& p, const Residual& loads, int k, int i) {
  const int fixed = loads.unit_of_item[k];
  return fixed >= 0 ? fixed == i : loads.has_room(p, k, i);
}

Residual start_loads(const Problem& p, const Residual* residual) { return residual ? *residual : Residual::empty(p); }

class FittingSearch {
 public:
  FittingSearch(const Problem& p, int chain, const ChainTables& t, const Residual* residual, double max_steps,
                const SubsetRowPrices* cuts)
      : p_(p), c_(p.chains[chain]), t_(t), moves_(p, chain, t), loads_(start_loads(p, residual)), hits_(cuts),
        max_steps_(max_steps), prefix_(c_.size(), -1) {}

  FittingPath run() {
    FittingPath out;
    const int first = c_.item[0], last = c_.size() - 1;
    // The first layer's units, by their priced cost plus cost-to-go.
    std::vector<std::pair<double, int>> starts;
    for (int i : p_.candidates[first]) {
      const double node = t_.node(0, i);
      if (!(node < kInf)) continue;
      const double total = node + (last > 0 ? t_.tail(0, i, 1, -1) : 0.0);
      if (total < kInf) starts.push_back({total, i});
    }
    std::stable_sort(starts.begin(), starts.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    bool complete = true;
    for (const auto& [total, i] : starts) {
      if (total >= best_) break;
      if (!enter(0, i, 1, -1, t_.node(0, i))) {
        complete = false;
        break;
      }
    }
    out.steps = steps_;
    out.path = best_path_;
    out.exact = complete;
    out.value = complete ? best_ : t_.root();
    return out;
  }

 private:
  // Layer j on unit i (a run of r there, layer j - 1 on prev), the prefix costing `priced`.
  // False when the budget ran out.
  bool enter(int j, int i, int r, int prev, double priced) {
    if (!room(p_, loads_, c_.item[j], i)) return true;
    priced += hits_.enter(i);
    const bool ok = priced < best_ ? extend(j, i, r, prev, priced) : true;
    hits_.leave(i);
    return ok;
  }

  // enter() once layer j is on unit i and the cuts it meets are paid.
  bool extend(int j, int i, int r, int prev, double priced) {
    const int k = c_.item[j], last = c_.size() - 1;
    if (j == last) {
      prefix_[j] = i;
      best_ = priced;
      best_path_ = prefix_;
      return true;
    }
    if (priced + t_.tail(j, i, r, prev) >= best_) return true;
    if (++steps_ > max_steps_) return false;
    const bool own = loads_.unit_of_item[k] < 0;  // not the node's: this walk places it
    if (own) loads_.place(p_, k, i);
    prefix_[j] = i;
    bool ok = true;
    const double w = c_.arc_weight[j];
    for (const ChainMoves::Move& m : moves_.from(j, i, best_ - priced)) {
      if (priced + m.rest >= best_) break;
      if (!(ok = enter(j + 1, m.unit, 1, i, priced + w * p_.T(i, m.unit) + t_.node(j + 1, m.unit)))) break;
    }
    // The next layer on the same unit, where the run may grow.
    const double stay = t_.node(j + 1, i);
    if (ok && stay < kInf && r + 1 <= t_.max_run(j + 1, i)) ok = enter(j + 1, i, r + 1, i, priced + stay);
    if (own) loads_.remove(p_, k);
    return ok;
  }

  const Problem& p_;
  const Chain& c_;
  const ChainTables& t_;
  ChainMoves moves_;
  Residual loads_;
  SubsetRowHits hits_;
  const double max_steps_;
  double steps_ = 0;
  double best_ = kInf;
  std::vector<int> prefix_, best_path_;
};

}  // namespace

bool path_fits_alone(const Problem& p, int chain, const std::vector<int>& path, const Residual* residual) {
  const Chain& c = p.chains[chain];
  if (static_cast<int>(path.size()) != c.size()) return false;
  Residual loads = start_loads(p, residual);
  for (int j = 0; j < c.size(); ++j) {
    const int k = c.item[j];
    if (path[j] < 0 || !room(p, loads, k, path[j])) return false;
    if (loads.unit_of_item[k] < 0) loads.place(p, k, path[j]);
  }
  return true;
}

FittingPath cheapest_fitting_path(const Problem& p, int chain, const ChainTables& t, const Residual* residual,
                                  double max_steps, const SubsetRowPrices* cuts) {
  if (!(t.root() < kInf)) return {kInf, {}, true, 0};  // no path at all
  std::vector<int> argmin = t.argmin_path();
  if (path_fits_alone(p, chain, argmin, residual) && (!cuts || cuts->penalty(argmin) == 0))
    return {t.root(), std::move(argmin), true, 0};
  return FittingSearch(p, chain, t, residual, max_steps, cuts).run();
}

}  // namespace cnnplace
