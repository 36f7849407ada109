#include "solver/path_enumeration.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>

#include "bounds/chain_dp.hpp"
#include "bounds/chain_moves.hpp"
#include "bounds/fitting_path.hpp"
#include "model/capacity.hpp"
#include "solver/path_packing.hpp"

namespace cnnplace {

bool one_layer_per_unit(const Problem& p) {
  return !p.has_shared_items() &&
         std::all_of(p.layer_limit.begin(), p.layer_limit.end(), [](int l) { return l == 1; });
}

namespace {

// The paths of one chain whose reduced cost is within the gap, flattened (M units each).
struct ChainPaths {
  int M = 0;
  std::vector<int> units;
  std::vector<double> reduced, plain;
  std::vector<int> by_reduced;  // path indices, cheapest reduced cost first (ties: found first)
  std::vector<int> by_plain;    // path indices, cheapest in seconds first (ties: found first)

  int size() const { return static_cast<int>(reduced.size()); }
  const int* path(int index) const { return units.data() + static_cast<std::size_t>(index) * M; }
};

// The first pass's gap, relative to the bound: on the later suite's L = 1 systems the
// optimum is within 0-0.2 % of the dual found by column generation.
constexpr double kFirstGap = 1e-4;
// Each pass doubles the gap of the last. A factor of 4 took 870 ms to prove one of them
// (later/3xalexnet-sh0/halow/50-50/L1/s8: its optimum sits 18.2 ms above the bound, and the
// pass at 4 x 15.6 ms listed 55 000 paths); 2 took 52 ms.
constexpr double kDeepening = 2;
// A pass's integer program runs first with the subset-row cuts' rows (PackingLimits::
// cut_rows), for at most this many nodes, and then without them: neither way is always the
// quicker. Measured on twenty 5-layer CNNs at N = 100 (`cnnplace generate --units 100
// --cnns 20 --cnn 5layer --L L --tech T --scale-density --connect resample --seed 1`), each
// way alone: at L = 1, Wi-Fi 4, the first pass's 35 341 columns took 2 nodes with the rows
// and more than 237 without; at L = 2, HaLow, the last pass's 259 064 columns were proven
// in 50 nodes with them and not at all without; at L = 2, Wi-Fi 4, a pass's 38 585 columns
// took 6 nodes without them and more than 347 with. With 20 nodes first, the HaLow system
// stayed open.
constexpr double kNodesWithCutRows = 60;

// Shared between the chains' walks: what the budgets allow.
struct Budget {
  const EnumerationLimits& limits;
  double steps = 0, paths = 0;
  double packing_work = 0, packing_nodes = 0;
  int packings = 0;
  bool exhausted = false;

  bool spend_step() {
    steps += 1;
    if (steps > limits.max_steps) exhausted = true;
    if (static_cast<long long>(steps) % 1024 == 0 && limits.stop && limits.stop()) exhausted = true;
    return !exhausted;
  }
};

// Where every unit holds one layer at most (L_i = 1) and no item is shared ("masked mode",
// see Combination below), the slack of a unit's rows at the multipliers: T_i when empty,
// and a known amount once it holds its one layer. A placement's cost is the bound plus its
// reduced costs plus these slacks, so an empty unit with T_i above the gap cannot be part
// of a better placement: with the gap a fraction of one slot's price, nearly every priced
// unit must be used.
struct SlackTerms {
  const Problem& p;
  const Multipliers& lambda;
  std::vector<double> empty;  // per unit: T_i
  std::vector<int> by_empty;  // units with T_i > 0, largest first (ties: lower unit)

  SlackTerms(const Problem& problem, const Multipliers& l) : p(problem), lambda(l) {
    for (int i = 0; i < p.units; ++i) {
      empty.push_back(l.count[i] + l.memory[i] + l.compute[i]);
      if (empty.back() > 0) by_empty.push_back(i);
    }
    std::stable_sort(by_empty.begin(), by_empty.end(), [&](int a, int b) { return empty[a] > empty[b]; });
  }
  // Unit i's slack once it holds item k alone: its whole lambda less the item's price there.
  double held(int k, int i) const { return empty[i] - lambda.penalty(p, k, i); }
  // The least slack of the free units (`free_total`: their T_i summed) when `items` more
  // layers, one per unit, may still go to them: all but the `items` dearest stay empty.
  template <class Taken>
  double idle(double free_total, int items, Taken taken) const {
    double dearest = 0;
    for (int i : by_empty) {
      if (items == 0) break;
      if (taken(i)) continue;
      dearest += empty[i];
      --items;
    }
    return free_total - dearest;
  }
};

// Depth-first over the layers of one chain: every path whose priced cost can stay within
// `limit` (the chain's minimum plus the gap) and that overfills no unit by itself.
class PathWalk {
 public:
  // `slack`: in masked mode, paths whose reduced cost plus the least slack they leave
  // exceed `gap` are dropped (null: none are).
  // `seconds`: the chain's capacity-free tables (multipliers zero), and `seconds_limit`
  // what the path may cost in seconds (the cutoff less the other chains' least costs).
  // `cuts`: subset-row prices the paths pay on top of the multipliers (null: none).
  PathWalk(const Problem& p, int chain, const ChainTables& tables, double base, ChainMoves& moves, double limit,
           const ChainTables& seconds, double seconds_limit, Budget& budget, ChainPaths& out,
           const SubsetRowPrices* cuts, const SlackTerms* slack = nullptr, double gap = kInf)
      : moves_(moves), seconds_(seconds), seconds_limit_(seconds_limit), slack_(slack), gap_(gap), p_(p), chain_(chain),
        c_(p.chains[chain]), t_(tables), base_(base), limit_(limit), budget_(budget), out_(out),
        prefix_(c_.size(), -1), own_(Residual::empty(p)), hits_(cuts) {
    out_.M = c_.size();
  }

  // Returns false when the budget ran out.
  bool run() {
    const int first = c_.item[0];
    for (int i : p_.candidates[first]) {
      const double priced = t_.node(0, i);
      if (!(priced < kInf)) continue;
      if (!enter(0, i, 1, -1, priced, p_.node_cost(chain_, 0, i))) return false;
    }
    return true;
  }

 private:
  // Layer j goes on unit i (a run of r there; layer j - 1 on prev), the prefix costing
  // `priced` under the multipliers and `plain` in seconds.
  bool enter(int j, int i, int r, int prev, double priced, double plain) {
    if (!own_.has_room(p_, c_.item[j], i)) return true;
    const bool ok = visit(j, i, r, prev, priced + hits_.enter(i), plain);
    hits_.leave(i);
    return ok;
  }

  // enter() once layer j has room on unit i and `priced` holds the cuts it meets.
  bool visit(int j, int i, int r, int prev, double priced, double plain) {
    const int k = c_.item[j];
    const int last = c_.size() - 1;
    if (j < last && priced + t_.tail(j, i, r, prev) > limit_) return true;
    if (j == last && priced > limit_) return true;
    if (j < last && plain + seconds_.tail(j, i, r, prev) > seconds_limit_) return true;
    if (j == last && plain > seconds_limit_) return true;
    if (!budget_.spend_step()) return false;
    own_.place(p_, k, i);
    prefix_[j] = i;
    bool ok = true;
    if (j == last) {
      record(priced, plain);
    } else {
      const double w = c_.arc_weight[j];
      for (const ChainMoves::Move& m : moves_.from(j, i)) {
        if (priced + m.rest > limit_) break;
        const double arc = w * p_.T(i, m.unit), node = t_.node(j + 1, m.unit);
        if (!enter(j + 1, m.unit, 1, i, priced + arc + node, plain + arc + p_.node_cost(chain_, j + 1, m.unit))) {
          ok = false;
          break;
        }
      }
      // The next layer on the same unit, where the run may grow.
      const double stay = t_.node(j + 1, i);
      if (ok && stay < kInf && r + 1 <= t_.max_run(j + 1, i))
        ok = enter(j + 1, i, r + 1, i, priced + stay, plain + p_.node_cost(chain_, j + 1, i));
    }
    own_.remove(p_, k);
    return ok;
  }

  void record(double priced, double plain) {
    const double reduced = std::max(0.0, priced - base_);
    if (slack_ && reduced + least_slack() > gap_) return;
    budget_.paths += 1;
    if (budget_.paths > budget_.limits.max_paths) budget_.exhausted = true;
    out_.units.insert(out_.units.end(), prefix_.begin(), prefix_.end());
    out_.reduced.push_back(reduced);
    out_.plain.push_back(plain);
  }

  // The least slack of a placement that uses this path (masked mode): its units' own, and
  // the other units' when the other chains' layers take the dearest of them.
  double least_slack() const {
    double s = 0, free_total = 0;
    for (int j = 0; j < c_.size(); ++j) s += slack_->held(c_.item[j], prefix_[j]);
    for (int i : slack_->by_empty) free_total += own_.count[i] ? 0.0 : slack_->empty[i];
    const int others = p_.item_count() - c_.size();
    return s + slack_->idle(free_total, others, [&](int i) { return own_.count[i] > 0; });
  }

  ChainMoves& moves_;
  const ChainTables& seconds_;
  const double seconds_limit_;
  const SlackTerms* slack_;
  const double gap_;

  const Problem& p_;
  const int chain_;
  const Chain& c_;
  const ChainTables& t_;
  const double base_;  // the chain's least priced cost: reduced costs are above it
  const double limit_;
  Budget& budget_;
  ChainPaths& out_;
  std::vector<int> prefix_;
  Residual own_;  // what the path's layers so far put on each unit
  SubsetRowHits hits_;
};

// Depth-first over the chains: one path each, sharing items and capacities, cut where
// L + sum rc cannot beat the cutoff (the best value found, less its tolerance).
//
// Where every unit holds one layer at most (L_i = 1) and no item is shared, "fitting
// together" is "using disjoint units": each path carries a bit mask of its units, and each
// level keeps, per chain still to choose, the paths that avoid the units taken. The cut
// then sees further. The cost of a placement x is exactly
//   cost(x) = L + sum_u rc(P_u) + sum_i s_i,   s_i = lambda_i . (1 - load_i(x)) >= 0,
// the slack of unit i's rows at the multipliers; a unit left empty pays its whole lambda.
// So a node's bound adds, to the reduced costs chosen, (a) per chain still to choose, the
// least reduced cost among the paths it has left, (b) the exact slack of the units taken,
// and (c) the full lambda of every free unit that none of those paths uses, plus the
// smallest of the others' when there are more of them than items left to place. Where the
// dual is degenerate (on the later suite's L = 1 systems every path within the gap has
// reduced cost 0), (c) is what cuts. A second bound, in seconds: the cost so far plus each
// chain's cheapest path left. The last chain's paths go by their cost in seconds, so its
// first path that fits completes the best placement under a node.
class Combination {
 public:
  Combination(const Problem& p, const SlackTerms& terms, const std::vector<ChainPaths>& paths,
              std::vector<int> order, double bound, double cutoff, const EnumerationTolerance& tolerance,
              double slack, double work_limit, const std::function<bool()>& stop)
      : p_(p), terms_(terms), paths_(paths), order_(std::move(order)), levels_(static_cast<int>(order_.size())),
        bound_(bound), cutoff_(cutoff), tolerance_(tolerance), slack_(slack), work_limit_(work_limit),
        stop_(stop), residual_(Residual::empty(p)), words_((p.units + 63) / 64),
        lists_(levels_ + 1, std::vector<const std::vector<int>*>(levels_, nullptr)) {
    masked_ = one_layer_per_unit(p);
    for (int l = 0; l < levels_; ++l) lists_[0][l] = &base(l);
    if (!masked_) {
      for (int level = 1; level <= levels_; ++level) lists_[level] = lists_[0];
      return;
    }
    masks_.resize(paths.size());
    for (std::size_t u = 0; u < paths.size(); ++u) {
      const ChainPaths& set = paths[u];
      masks_[u].assign(static_cast<std::size_t>(set.size()) * words_, 0);
      for (int index = 0; index < set.size(); ++index)
        for (int j = 0; j < set.M; ++j) {
          const int i = set.path(index)[j];
          masks_[u][static_cast<std::size_t>(index) * words_ + i / 64] |= std::uint64_t{1} << (i % 64);
        }
    }
    used_.assign(words_, 0);
    reach_.assign(words_, 0);
    kept_.assign(levels_ + 1, std::vector<std::vector<int>>(levels_));
    items_after_.assign(levels_ + 1, 0);
    for (int l = levels_ - 1; l >= 0; --l) items_after_[l] = items_after_[l + 1] + p.chains[order_[l]].size();
    for (int i = 0; i < p.units; ++i) free_total_ += terms.empty[i];
  }

  // Returns false when the budget ran out or `stop` said so.
  bool run() {
    const Lookahead ahead = look_ahead(0);
    if (!(ahead.rc_from < kInf)) return true;
    if (bound_ + ahead.rc_from + ahead.slack > cutoff_ + slack_ || !(ahead.plain_from < cutoff_)) return true;
    return search(0, 0.0, 0.0, ahead);
  }

  double work = 0;
  double best_value = kInf;
  std::optional<std::vector<int>> best_units;

 private:
  // Bounds on what the chains from a level on still add (masked mode; zeros otherwise).
  struct Lookahead {
    double rc_from = 0;   // (a) summed over those chains
    double rc_after = 0;  // the same without the level's own chain
    double slack = 0;     // (b) + (c)
    double plain_from = 0, plain_after = 0;  // the same as rc_*, for the cost in seconds
  };

  // The last chain's paths go by their cost in seconds: its first path that fits completes
  // the best placement under the node. The others' go by reduced cost, for the cut.
  const std::vector<int>& base(int level) const {
    const ChainPaths& set = paths_[order_[level]];
    return level + 1 == levels_ ? set.by_plain : set.by_reduced;
  }

  const std::uint64_t* mask(int u, int index) const {
    return masks_[u].data() + static_cast<std::size_t>(index) * words_;
  }
  bool disjoint(int u, int index) const {
    const std::uint64_t* m = mask(u, index);
    for (int w = 0; w < words_; ++w)
      if (m[w] & used_[w]) return false;
    return true;
  }

  // The paths left at `level` (those of level - 1 that avoid the units taken now), and the
  // bounds they give; +inf as soon as a chain has none left or, with `reduced` and `plain`
  // spent so far, the cut is certain before every chain is filtered.
  Lookahead look_ahead(int level, double reduced = 0, double plain = 0) {
    Lookahead out;
    if (!masked_) {
      for (int l = level; l < levels_; ++l) {
        const ChainPaths& set = paths_[order_[l]];
        out.plain_from += set.plain[set.by_plain.front()];
        if (l > level) out.plain_after += set.plain[set.by_plain.front()];
      }
      return out;
    }
    std::fill(reach_.begin(), reach_.end(), 0);
    for (int l = level; l < levels_; ++l) {
      const int u = order_[l];
      const ChainPaths& set = paths_[u];
      std::vector<int>& kept = kept_[level][l];
      kept.clear();
      const std::vector<int>& from = level == 0 ? base(l) : *lists_[level - 1][l];
      work += static_cast<double>(from.size()) / 16;
      double least = kInf, cheapest = kInf;
      for (int index : from) {
        if (!disjoint(u, index)) continue;
        kept.push_back(index);
        least = std::min(least, set.reduced[index]);
        cheapest = std::min(cheapest, set.plain[index]);
        const std::uint64_t* m = mask(u, index);
        for (int w = 0; w < words_; ++w) reach_[w] |= m[w];
      }
      lists_[level][l] = &kept;
      if (kept.empty()) return {kInf, kInf, kInf, kInf, kInf};
      out.rc_from += least;
      out.plain_from += cheapest;
      if (l > level) out.rc_after += least, out.plain_after += cheapest;
      if (bound_ + reduced + out.rc_from + used_slack_ > cutoff_ + slack_ || !(plain + out.plain_from < cutoff_))
        return {kInf, kInf, kInf, kInf, kInf};
    }
    out.slack = used_slack_;
    free_reached_.clear();
    for (int i = 0; i < p_.units; ++i) {
      const std::uint64_t bit = std::uint64_t{1} << (i % 64);
      if (used_[i / 64] & bit) continue;
      if (reach_[i / 64] & bit) free_reached_.push_back(terms_.empty[i]);
      else out.slack += terms_.empty[i];
    }
    const int idle = static_cast<int>(free_reached_.size()) - items_after_[level];
    if (idle > 0) {
      std::nth_element(free_reached_.begin(), free_reached_.begin() + (idle - 1), free_reached_.end());
      for (int t = 0; t < idle; ++t) out.slack += free_reached_[t];
    }
    return out;
  }

  // (b) and the cheap part of (c): the least slack when `items` more layers go to free units.
  double quick_slack(int items) const {
    return used_slack_ + terms_.idle(free_total_, items, [&](int i) { return (used_[i / 64] >> (i % 64)) & 1; });
  }

  // Puts chain u's path `index` in place; false (and nothing placed) if it does not fit.
  bool place(int u, int index, std::vector<int>& placed) {
    placed.clear();
    const Chain& c = p_.chains[u];
    const int* path = paths_[u].path(index);
    for (int j = 0; j < c.size(); ++j) {
      const int k = c.item[j], i = path[j];
      bool ok;
      if (residual_.unit_of_item[k] >= 0) {
        ok = residual_.unit_of_item[k] == i;  // a shared item, placed by an earlier chain
      } else {
        ok = masked_ || residual_.has_room(p_, k, i);  // masked: the path's units are free
        if (ok) {
          residual_.place(p_, k, i), placed.push_back(k);
          if (masked_) used_slack_ += terms_.held(k, i), free_total_ -= terms_.empty[i];
        }
      }
      if (!ok) {
        take_back(placed);
        return false;
      }
    }
    if (masked_) {
      const std::uint64_t* m = mask(u, index);
      for (int w = 0; w < words_; ++w) used_[w] |= m[w];
    }
    return true;
  }
  void take_back(const std::vector<int>& placed) {
    for (auto it = placed.rbegin(); it != placed.rend(); ++it) {
      const int k = *it, i = residual_.unit_of_item[k];
      if (masked_) {
        used_slack_ -= terms_.held(k, i), free_total_ += terms_.empty[i];
        used_[i / 64] &= ~(std::uint64_t{1} << (i % 64));
      }
      residual_.remove(p_, k);
    }
  }

  bool out_of_budget() const {
    return work > work_limit_ || (++checks_ % 256 == 0 && stop_ && stop_());
  }

  // The best completion by the last chain, whose paths at `level`'s lists go by their cost
  // in seconds: the first that fits. False when the budget ran out.
  bool complete_with_last(int level, double reduced, double plain) {
    const int u = order_[levels_ - 1];
    const ChainPaths& set = paths_[u];
    if (masked_ && bound_ + reduced + quick_slack(p_.chains[u].size()) > cutoff_ + slack_) return true;
    std::vector<int> placed;
    for (int index : *lists_[level][levels_ - 1]) {
      const double value = plain + set.plain[index];
      if (!(value < cutoff_)) break;
      work += masked_ ? 1.0 / 16 : 1.0;  // a mask test, or a placement tried item by item
      if (out_of_budget()) return false;
      if (masked_ ? !disjoint(u, index) : !place(u, index, placed)) continue;
      if (masked_) place(u, index, placed);
      best_value = value, best_units = residual_.unit_of_item, cutoff_ = value - tolerance_(value);
      take_back(placed);
      break;
    }
    return true;
  }

  // Masked mode, at the level before the last: which of the last chain's paths left (by
  // their position in its list) use each unit. The paths that avoid the path chosen at
  // that level are then the zero bits of the OR of its units' rows: a few dozen word
  // operations where testing the paths one by one took thousands.
  void index_last(int level) {
    const std::vector<int>& list = *lists_[level][levels_ - 1];
    const ChainPaths& set = paths_[order_[levels_ - 1]];
    position_words_ = static_cast<int>((list.size() + 63) / 64);
    uses_.assign(static_cast<std::size_t>(p_.units) * position_words_, 0);
    for (std::size_t pos = 0; pos < list.size(); ++pos) {
      const int* path = set.path(list[pos]);
      for (int j = 0; j < set.M; ++j)
        uses_[static_cast<std::size_t>(path[j]) * position_words_ + pos / 64] |= std::uint64_t{1} << (pos % 64);
    }
    work += static_cast<double>(list.size()) / 16;
  }

  // complete_with_last() in masked mode, after chain u's path `chosen` at `level`.
  void complete_indexed(int level, int u, int chosen, double plain) {
    const std::vector<int>& list = *lists_[level][levels_ - 1];
    const ChainPaths& set = paths_[order_[levels_ - 1]];
    blocked_.assign(position_words_, 0);
    const int* path = paths_[u].path(chosen);
    for (int j = 0; j < paths_[u].M; ++j) {
      const std::uint64_t* row = uses_.data() + static_cast<std::size_t>(path[j]) * position_words_;
      for (int w = 0; w < position_words_; ++w) blocked_[w] |= row[w];
    }
    work += static_cast<double>(paths_[u].M * position_words_) / 16;
    for (int w = 0; w < position_words_; ++w) {
      const std::uint64_t open = ~blocked_[w];
      if (!open) continue;
      const std::size_t pos = static_cast<std::size_t>(w) * 64 + __builtin_ctzll(open);
      if (pos >= list.size()) return;
      const int index = list[pos];
      const double value = plain + set.plain[index];
      if (!(value < cutoff_)) return;  // the cheapest that fits
      std::vector<int> placed;
      place(order_[levels_ - 1], index, placed);
      best_value = value, best_units = residual_.unit_of_item, cutoff_ = value - tolerance_(value);
      take_back(placed);
      return;
    }
  }

  // The chain at `level` and those after it; `ahead`: bounds on what they add, from the
  // parent (its rc_after, not rc_from, leaves this level's chain out).
  bool search(int level, double reduced, double plain, const Lookahead& ahead) {
    if (level + 1 == levels_) return complete_with_last(level, reduced, plain);
    const int u = order_[level];
    const ChainPaths& set = paths_[u];
    const bool indexed = masked_ && level + 2 == levels_;
    if (indexed) index_last(level);
    std::vector<int> placed;
    for (int index : *lists_[level][level]) {
      // cost >= L + sum rc + slack: once that reaches the cutoff, so do dearer paths.
      const double rc = reduced + set.reduced[index];
      if (bound_ + rc + ahead.rc_after + ahead.slack > cutoff_ + slack_) break;
      // cost >= the seconds so far + the cheapest paths left of the other chains.
      if (!(plain + set.plain[index] + ahead.plain_after < cutoff_)) continue;
      work += 1;
      if (out_of_budget()) return false;
      if (!place(u, index, placed)) continue;
      bool ok = true;
      if (masked_ && bound_ + rc + ahead.rc_after + quick_slack(items_after_[level + 1]) > cutoff_ + slack_) {
        // cut: the units this leaves free cost too much
      } else if (indexed) {
        complete_indexed(level, u, index, plain + set.plain[index]);
      } else if (level + 2 == levels_) {
        ok = complete_with_last(level, rc, plain + set.plain[index]);
      } else {
        const Lookahead next = look_ahead(level + 1, rc, plain + set.plain[index]);
        if (bound_ + rc + next.rc_from + next.slack <= cutoff_ + slack_ &&
            plain + set.plain[index] + next.plain_from < cutoff_)
          ok = search(level + 1, rc, plain + set.plain[index], next);
      }
      take_back(placed);
      if (!ok) return false;
    }
    return true;
  }

  const Problem& p_;
  const SlackTerms& terms_;
  const std::vector<ChainPaths>& paths_;
  const std::vector<int> order_;
  const int levels_;
  const double bound_;
  double cutoff_;
  const EnumerationTolerance& tolerance_;
  const double slack_, work_limit_;
  const std::function<bool()>& stop_;
  mutable long long checks_ = 0;
  Residual residual_;
  const int words_;
  bool masked_ = false;
  // Per level, per chain from that level on: its paths still open, cheapest first.
  std::vector<std::vector<const std::vector<int>*>> lists_;
  std::vector<std::vector<std::vector<int>>> kept_;  // masked mode: the storage of lists_
  std::vector<std::vector<std::uint64_t>> masks_;    // per chain: words_ per path
  std::vector<std::uint64_t> used_, reach_;          // units taken; units a path left may take
  std::vector<int> items_after_;                     // per level: items of the chains from there on
  std::vector<double> free_reached_;                 // scratch
  double used_slack_ = 0;                            // the slack of the units taken
  double free_total_ = 0;                            // T_i summed over the free units
  std::vector<std::uint64_t> uses_, blocked_;        // index_last(): units x positions; scratch
  int position_words_ = 0;
};

}  // namespace

namespace {

// One pass below one cutoff: every placement cheaper than it examined (complete), or a
// budget ran out.
struct Pass {
  bool complete = false;
  std::optional<std::vector<int>> units;
  double value = kInf;
  // Not complete: a lower bound on every placement below the cutoff (its program's).
  double bound = -kInf;
};

// Keeps the paths of `set` for which `keep` holds, in their order.
template <class Keep>
void filter_paths(ChainPaths& set, Keep keep) {
  ChainPaths kept;
  kept.M = set.M;
  for (int index = 0; index < set.size(); ++index) {
    if (!keep(index)) continue;
    kept.units.insert(kept.units.end(), set.path(index), set.path(index) + set.M);
    kept.reduced.push_back(set.reduced[index]);
    kept.plain.push_back(set.plain[index]);
  }
  set = std::move(kept);
}

void sort_paths(ChainPaths& set) {
  set.by_reduced.resize(set.size());
  std::iota(set.by_reduced.begin(), set.by_reduced.end(), 0);
  std::stable_sort(set.by_reduced.begin(), set.by_reduced.end(),
                   [&](int a, int b) { return set.reduced[a] < set.reduced[b]; });
  set.by_plain = set.by_reduced;
  std::stable_sort(set.by_plain.begin(), set.by_plain.end(),
                   [&](int a, int b) { return set.plain[a] < set.plain[b]; });
}

// `walk_order`: the chains in the order to list their paths (in: the last pass's fewest
// first; out: this pass's).
Pass enumerate_once(const Problem& p, const Multipliers& lambda, const SubsetRowPrices* cuts,
                    const std::vector<ChainTables>& tables,
                    const std::vector<double>& base, std::vector<ChainMoves>& moves,
                    const std::vector<ChainTables>& seconds, double bound, double cutoff,
                    const EnumerationTolerance& tolerance, double slack, Budget& budget, double& work,
                    std::vector<int>& walk_order) {
  Pass out;
  const int chains = static_cast<int>(p.chains.size());
  const double gap = cutoff - bound;
  const SlackTerms terms(p, lambda);
  const bool masked = one_layer_per_unit(p);
  // A path costs at least what the other chains' cheapest paths leave of the cutoff: their
  // capacity-free optimum, or, once listed, their cheapest path listed.
  std::vector<double> least(chains);
  double least_total = 0;
  for (int u = 0; u < chains; ++u) least_total += least[u] = seconds[u].root();
  std::vector<ChainPaths> paths(chains);
  for (int u : walk_order) {
    const double seconds_limit = cutoff - (least_total - least[u]) + slack;
    PathWalk walk(p, u, tables[u], base[u], moves[u], base[u] + gap + slack, seconds[u], seconds_limit, budget,
                  paths[u], cuts, masked ? &terms : nullptr, gap + slack);
    if (!walk.run() || budget.exhausted) return out;
    ChainPaths& set = paths[u];
    if (set.size() == 0) {
      // This chain has no path good enough: nothing beats the cutoff. The next pass lists
      // it first: with a little more gap it will have few paths, and they limit the others.
      walk_order.erase(std::find(walk_order.begin(), walk_order.end(), u));
      walk_order.insert(walk_order.begin(), u);
      out.complete = true;
      return out;
    }
    const double cheapest = *std::min_element(set.plain.begin(), set.plain.end());
    least_total += cheapest - least[u];
    least[u] = cheapest;
  }
  // The chains listed first met looser limits.
  for (int u = 0; u < chains; ++u) {
    const double seconds_limit = cutoff - (least_total - least[u]) + slack;
    filter_paths(paths[u], [&](int index) { return paths[u].plain[index] <= seconds_limit; });
    if (paths[u].size() == 0) {
      out.complete = true;
      return out;
    }
    sort_paths(paths[u]);
  }
  std::vector<int> order(chains);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return paths[a].size() < paths[b].size(); });
  walk_order = order;
  Combination combination(p, terms, paths, order, bound, cutoff, tolerance, slack,
                          budget.limits.max_combinations - work, budget.limits.stop);
  out.complete = combination.run();
  work += combination.work;
  out.units = std::move(combination.best_units);
  out.value = combination.best_value;
  if (!out.complete && budget.limits.max_packing_work > 0 && !(budget.limits.stop && budget.limits.stop())) {
    // The combination search ran out of budget: the same paths as an integer program, below
    // what it found.
    std::vector<ListedPaths> listed;
    double columns = 0;
    for (int u = 0; u < chains; ++u) {
      listed.push_back({u, &paths[u].units, &paths[u].plain});
      columns += paths[u].size();
    }
    // First with the cuts' rows, for a few nodes; where that does not settle it, again
    // without them (see kNodesWithCutRows).
    const bool cut_rows = budget.limits.cut_rows && cuts && !cuts->empty();
    for (const bool with_cuts : {true, false}) {
      if (with_cuts && !cut_rows) continue;
      const double below = out.units ? out.value - tolerance(out.value) : cutoff;
      const double work_left = budget.limits.max_packing_work - budget.packing_work;
      if (work_left < columns || (budget.limits.stop && budget.limits.stop())) break;
      double nodes = std::floor(work_left / columns);
      if (with_cuts) nodes = std::min(nodes, kNodesWithCutRows);
      PackingLimits packing{nodes, budget.limits.stop};
      packing.hard_stop = budget.limits.hard_stop;
      packing.seconds_left = budget.limits.seconds_left;
      packing.gomory_cuts = true;  // a proof, mostly: see PackingLimits
      packing.branch_on_units = masked;
      if (with_cuts) packing.cut_rows = cuts;
      PackingResult packed = pack_paths(p, listed, below, tolerance(below), packing);
      budget.packing_work += packed.nodes * columns;
      budget.packing_nodes += packed.nodes;
      budget.packings += 1;
      out.complete = packed.complete;
      out.bound = std::max(out.bound, std::min(packed.bound, below));
      if (packed.units) out.units = std::move(packed.units), out.value = packed.value;
      if (out.complete) break;
    }
  }
  return out;
}

}  // namespace

EnumerationResult enumerate_below(const Problem& p, const Multipliers& lambda, double upper_bound,
                                  const EnumerationTolerance& tolerance, const EnumerationLimits& limits,
                                  const SubsetRowPrices* cuts) {
  EnumerationResult out;
  const int chains = static_cast<int>(p.chains.size());
  std::vector<ChainTables> tables, seconds;
  tables.reserve(chains);
  seconds.reserve(chains);
  // Each chain's least priced cost over the paths that fit their units by themselves
  // (bounds/fitting_path.hpp): the walk lists only such paths, and where the tables' optimum
  // is a cycle that no placement can take, the bound and every reduced cost start higher.
  std::vector<double> base;
  double bound = -lambda.constant() - (cuts ? cuts->constant() : 0.0);
  for (int u = 0; u < chains; ++u) {
    tables.emplace_back(p, u, lambda);
    seconds.emplace_back(p, u, Multipliers::zero(p.units));
    base.push_back(cheapest_fitting_path(p, u, tables.back(), nullptr, kFittingPathSteps, cuts).value);
    bound += base.back();
  }
  out.lagrangian_bound = out.proven_bound = bound;
  if (!(bound < kInf)) return out;
  std::vector<ChainMoves> moves;
  moves.reserve(chains);
  for (int u = 0; u < chains; ++u) moves.emplace_back(p, u, tables[u]);
  const double target = upper_bound - tolerance(upper_bound);
  // Sums of a few dozen terms in a different order: forgive their rounding in favour of
  // looking at more (never less) than the proof needs.
  const double slack = 1e-12 * std::max(1.0, std::fabs(bound));
  const double gap = target - bound;
  if (gap + slack < 0) {
    out.complete = true;  // nothing is cheaper than the bound
    return out;
  }
  // Deepening: the paths within a gap grow fast with it, and the incumbent may be far above
  // the optimum. A pass below bound + g that finds nothing proves bound + g; one that finds
  // a placement proves it optimal.
  Budget budget{limits};
  std::vector<int> walk_order(chains);
  std::iota(walk_order.begin(), walk_order.end(), 0);
  for (double g = std::min(gap, kFirstGap * std::max(1.0, std::fabs(bound)));; g = std::min(gap, kDeepening * g)) {
    const double pass_cutoff = g < gap ? bound + g : target;
    const Pass pass = enumerate_once(p, lambda, cuts, tables, base, moves, seconds, bound, pass_cutoff, tolerance, slack,
                                     budget, out.combinations, walk_order);
    out.steps = budget.steps;
    out.paths = budget.paths;
    out.packing_nodes = budget.packing_nodes;
    out.packings = budget.packings;
    if (pass.units) out.units = pass.units, out.value = pass.value;
    if (!pass.complete) {
      out.proven_bound = std::max(out.proven_bound, pass.bound);
      return out;
    }
    if (pass.units || !(g < gap)) {
      out.complete = true;
      out.proven_bound = std::max(bound, pass.units ? pass.value - tolerance(pass.value) : target);
      return out;
    }
    out.proven_bound = bound + g;
  }
}

}  // namespace cnnplace
