#include "bounds/fitting_path.hpp"

#include <algorithm>
#include <numeric>

#include "bounds/chain_moves.hpp"
#include "model/capacity.hpp"

namespace cnnplace {
namespace {

// What the chain's own free layers put on each unit, on top of the residual's loads.
class OwnLoads {
 public:
  OwnLoads(const Problem& p, const Residual* residual) : p_(p), residual_(residual) {
    if (residual) {
      count_ = residual->count, memory_ = residual->memory, compute_ = residual->compute;
    } else {
      count_.assign(p.units, 0), memory_.assign(p.units, 0.0), compute_.assign(p.units, 0.0);
    }
  }
  // An item the residual assigns is counted there already.
  bool assigned(int k) const { return residual_ && residual_->unit_of_item[k] >= 0; }
  bool room(int k, int i) const {
    if (assigned(k)) return residual_->unit_of_item[k] == i;
    return count_[i] + 1 <= p_.layer_limit[i] && fits(memory_[i] + p_.item_memory[k], p_.memory_cap[i]) &&
           fits(compute_[i] + p_.item_compute[k], p_.compute_cap[i]);
  }
  void load(int k, int i, int sign) {
    if (assigned(k)) return;
    count_[i] += sign;
    memory_[i] += sign * p_.item_memory[k];
    compute_[i] += sign * p_.item_compute[k];
  }

 private:
  const Problem& p_;
  const Residual* residual_;
  std::vector<int> count_;
  std::vector<double> memory_, compute_;
};

class FittingSearch {
 public:
  FittingSearch(const Problem& p, int chain, const ChainTables& t, const Residual* residual, double max_steps)
      : p_(p), c_(p.chains[chain]), t_(t), moves_(p, chain, t), loads_(p, residual), max_steps_(max_steps),
        prefix_(c_.size(), -1) {}

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
    const int k = c_.item[j], last = c_.size() - 1;
    if (!loads_.room(k, i)) return true;
    if (j == last) {
      if (priced < best_) {
        prefix_[j] = i;
        best_ = priced;
        best_path_ = prefix_;
      }
      return true;
    }
    if (priced + t_.tail(j, i, r, prev) >= best_) return true;
    if (++steps_ > max_steps_) return false;
    loads_.load(k, i, +1);
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
    loads_.load(k, i, -1);
    return ok;
  }

  const Problem& p_;
  const Chain& c_;
  const ChainTables& t_;
  ChainMoves moves_;
  OwnLoads loads_;
  const double max_steps_;
  double steps_ = 0;
  double best_ = kInf;
  std::vector<int> prefix_, best_path_;
};

}  // namespace

bool path_fits_alone(const Problem& p, int chain, const std::vector<int>& path, const Residual* residual) {
  const Chain& c = p.chains[chain];
  if (static_cast<int>(path.size()) != c.size()) return false;
  OwnLoads loads(p, residual);
  for (int j = 0; j < c.size(); ++j) {
    if (path[j] < 0 || !loads.room(c.item[j], path[j])) return false;
    loads.load(c.item[j], path[j], +1);
  }
  return true;
}

FittingPath cheapest_fitting_path(const Problem& p, int chain, const ChainTables& t, const Residual* residual,
                                  double max_steps) {
  if (!(t.root() < kInf)) return {kInf, {}, true, 0};  // no path at all
  std::vector<int> argmin = t.argmin_path();
  if (path_fits_alone(p, chain, argmin, residual)) return {t.root(), std::move(argmin), true, 0};
  return FittingSearch(p, chain, t, residual, max_steps).run();
}

}  // namespace cnnplace
