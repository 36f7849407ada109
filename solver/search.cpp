#include "solver/search.hpp"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <memory>
#include <mutex>
#include <tuple>

#include "bounds/dual_lp.hpp"
#include "bounds/parallel.hpp"
#include "heuristics/local_search.hpp"
#include "model/capacity.hpp"

namespace cnnplace {

SearchTables::SearchTables(const Problem& p, const Multipliers& priced)
    : hall(build_hall_sets(p)), rebuild_on_fill(p.has_shared_items()), twin_class(find_twins(p)) {
  std::vector<Multipliers> lambdas{Multipliers::zero(p.units)};
  if (priced.constant() > 0) lambdas.push_back(priced);
  for (Multipliers& l : lambdas) {
    BoundSystem s;
    for (int u = 0; u < static_cast<int>(p.chains.size()); ++u) s.chains.emplace_back(p, u, l);
    s.constant = l.constant();
    s.lambda = std::move(l);
    systems.push_back(std::move(s));
  }
}

namespace {

// Up to two systems from the root (zero and root multipliers), plus one from the nearest
// ancestor that solved its own dual (node_dual()).
constexpr int kMaxSystems = 3;
constexpr std::size_t kRebuiltBytesBudget = std::size_t{256} << 20;  // per worker

// A chain's filled prefix: layers [0, placed) are assigned, the last on `last` ending a run
// of `run` layers there. Per bound system: the priced prefix cost and the contribution
// (priced prefix + cost-to-go bound).
struct ChainState {
  int placed = 0, last = -1, run = 0;
  int prev = -1;  // the unit of the layer before the last (-1: none)
  double plain = 0;
  double priced[kMaxSystems] = {0, 0, 0};
  double contribution[kMaxSystems] = {0, 0, 0};
};

// A search node's own Lagrangian dual (Worker::node_dual()).
struct NodeDual {
  bool has = false;  // this depth's node solved its dual (warm start for the ones below)
  Multipliers lambda;
  std::vector<ChainPath> columns;
  // While its multipliers are the node system: its tables, and what they replaced.
  bool installed = false;
  std::vector<std::unique_ptr<ChainTables>> tables;
  int previous_systems = 0;
  const Multipliers* previous_lambda = nullptr;
  double previous_constant = 0, previous_sum = 0;
  std::vector<const ChainTables*> previous_tables;
  std::vector<std::pair<double, double>> previous_chains;  // priced, contribution
};

struct Child {
  double bound;  // the child's bound: at least its parent's
  double own;    // the child's own bound, before the parent's: the search order
  int unit;
};

// Per-worker mutable state. Invariant at every node (style.md #3): loads are the sums over
// assigned items; each chain's `plain` equals evaluate() of its prefix; sum_[s] is the sum
// of the chains' contributions in system s; bound() is the larger system's total minus its
// multiplier constant.
class Worker {
 public:
  Worker(const Problem& p, const SearchTables& t, Incumbent& inc, SearchControl& ctl)
      : p_(p), t_(t), inc_(inc), ctl_(ctl), root_systems_(static_cast<int>(t.systems.size())),
        systems_(root_systems_),
        unit_of_(p.item_count(), -1), count_(p.units, 0), memory_(p.units, 0.0), compute_(p.units, 0.0),
        chains_(p.chains.size()), children_(p.item_count() + 1), entered_(p.item_count() + 1),
        duals_(p.item_count() + 1),
        hall_(p, t.hall) {
    for (int s = 0; s < systems_; ++s) {
      lambda_[s] = &t_.systems[s].lambda;
      constant_[s] = t_.systems[s].constant;
      for (std::size_t u = 0; u < chains_.size(); ++u) {
        tables_[s].push_back(&t_.systems[s].chains[u]);
        chains_[u].contribution[s] = t_.systems[s].chains[u].root();
        sum_[s] += chains_[u].contribution[s];
      }
    }
  }

  double bound() const { return combine(sum_, systems_); }
  int depth() const { return static_cast<int>(path_.size()); }

  // Entering the node at depth k. Where a new chain starts (every earlier chain complete)
  // or the last item filled its unit, the incomplete chains' tables are rebuilt against the
  // remaining capacities (bounds/chain_dp.hpp, Residual): they then know which units are
  // full. Returns the node's bound, which can only rise. Both the search and the frontier
  // replay call this, so every worker sees the same bounds and child order.
  //
  // A chain whose optimal completion under its current tables still fits what the units
  // have left keeps its tables: rebuilt, they would give it the same contribution here
  // (they only drop options, and not the ones its completion uses), and tables built
  // against more capacity are a relaxation, so still admissible further down. Rebuilt
  // tables are also skipped once the worker's stack of them holds kRebuiltBytesBudget:
  // the memory of a deep dive at N = 2000 and C = 50 stays bounded. Both decisions depend
  // on the path alone, so every thread count sees the same bounds.
  double enter(double node_bound) {
    const int k = depth();
    Entered& e = entered_[k];
    e.clear();
    if (!starts_chain(k) && !(t_.rebuild_on_fill && filled_a_unit(k))) return node_dual(node_bound);
    const int first = p_.items.items[k].members.front().cnn.value;
    const Residual residual{count_, memory_, compute_, unit_of_};
    for (int s = 0; s < systems_; ++s) {
      for (int u = first; u < static_cast<int>(chains_.size()); ++u) {
        if (completion_fits(s, u) || rebuilt_bytes_ >= kRebuiltBytesBudget) continue;
        e.rebuilt[s].push_back(std::make_unique<ChainTables>(p_, u, *lambda_[s], &residual));
        rebuilt_bytes_ += e.rebuilt[s].back()->bytes();
        e.saved[s].push_back({u, tables_[s][u], chains_[u].contribution[s]});
        tables_[s][u] = e.rebuilt[s].back().get();
        const double c = contribution(s, u, chains_[u]);
        sum_[s] += c - chains_[u].contribution[s];
        chains_[u].contribution[s] = c;
      }
    }
    return std::max(node_bound, node_dual(std::max(node_bound, bound())));
  }

  void leave() {
    restore_node_system();
    Entered& e = entered_[depth()];
    for (int s = 0; s < kMaxSystems; ++s) {
      for (auto it = e.saved[s].rbegin(); it != e.saved[s].rend(); ++it) {
        tables_[s][it->chain] = it->tables;
        sum_[s] += it->contribution - chains_[it->chain].contribution[s];
        chains_[it->chain].contribution[s] = it->contribution;
      }
      for (const auto& t : e.rebuilt[s]) rebuilt_bytes_ -= t->bytes();
    }
    e.clear();
  }

  // The Lagrangian dual of the node's own subproblem (bounds/dual_lp.hpp), warm-started from
  // the nearest ancestor that computed one: near the root, where a subtree is large and the
  // root multipliers, tuned for the whole problem, fit the node worst. Its multipliers
  // become the node system for the subtree, so the children's bounds use them too. They
  // depend on the incumbent (the dual stops once it cannot prune), so the node system only
  // prunes; the children's order comes from the root systems and stays the same at any
  // thread count.
  double node_dual(double node_bound) {
    const int k = depth();
    NodeDual& d = duals_[k];
    d.has = false;
    if (k == 0 || k > t_.node_dual_depth || k >= p_.item_count()) return node_bound;
    if (!inc_.worth_exploring(node_bound, path_)) return node_bound;
    int from = k - 1;
    while (from > 0 && !duals_[from].has) --from;
    const Residual residual{count_, memory_, compute_, unit_of_};
    DualLpStart start;
    start.residual = &residual;
    start.warm = duals_[from].has ? &duals_[from].lambda : lambda_[systems_ - 1];
    if (duals_[from].has) start.columns = &duals_[from].columns;
    if (inc_.has_value()) {
      start.upper_bound = inc_.value();
      start.tolerance = inc_.tolerance(inc_.value());
      start.prune_only = true;
    }
    DualLpResult r = lagrangian_dual_lp(p_, start);
    stats_.node_duals += 1;
    d.has = true;
    d.lambda = std::move(r.lambda);
    d.columns = std::move(r.columns);
    if (!(r.bound > node_bound)) return node_bound;
    if (!inc_.worth_exploring(r.bound, path_)) return r.bound;  // pruned: no subtree to serve
    install_node_system(d, residual);
    return std::max(node_bound, bound());
  }

  // Makes d.lambda the node system (index root_systems_): fresh tables for every chain
  // against the residual state, and each chain's prefix priced again at these multipliers.
  void install_node_system(NodeDual& d, const Residual& residual) {
    const int s = root_systems_;
    d.installed = true;
    d.previous_systems = systems_;
    d.previous_lambda = lambda_[s];
    d.previous_constant = constant_[s];
    d.previous_sum = sum_[s];
    d.previous_tables = tables_[s];
    d.previous_chains.clear();
    for (const ChainState& c : chains_) d.previous_chains.emplace_back(c.priced[s], c.contribution[s]);
    lambda_[s] = &d.lambda;
    constant_[s] = d.lambda.constant();
    tables_[s].assign(chains_.size(), nullptr);
    sum_[s] = 0;
    for (int u = 0; u < static_cast<int>(chains_.size()); ++u) {
      d.tables.push_back(std::make_unique<ChainTables>(p_, u, d.lambda, &residual));
      tables_[s][u] = d.tables.back().get();
      ChainState& c = chains_[u];
      const Chain& chain = p_.chains[u];
      c.priced[s] = 0;
      for (int j = 0; j < c.placed; ++j) {
        const int unit = unit_of_[chain.item[j]];
        c.priced[s] += tables_[s][u]->node(j, unit);
        if (j > 0) c.priced[s] += chain.arc_weight[j - 1] * p_.T(unit_of_[chain.item[j - 1]], unit);
      }
      c.contribution[s] = contribution(s, u, c);
      sum_[s] += c.contribution[s];
    }
    systems_ = s + 1;
  }

  void restore_node_system() {
    NodeDual& d = duals_[depth()];
    if (!d.installed) return;
    const int s = root_systems_;
    systems_ = d.previous_systems;
    lambda_[s] = d.previous_lambda;
    constant_[s] = d.previous_constant;
    sum_[s] = d.previous_sum;
    tables_[s] = d.previous_tables;
    for (std::size_t u = 0; u < chains_.size(); ++u)
      std::tie(chains_[u].priced[s], chains_[u].contribution[s]) = d.previous_chains[u];
    d.tables.clear();
    d.installed = false;
  }

  // Children of the node at depth `d` (item d), sorted by bound (ties by unit).
  const std::vector<Child>& expand(double node_bound) {
    const int k = depth();
    std::vector<Child>& kids = children_[k];
    kids.clear();
    tried_twins_.clear();
    for (int i : p_.candidates[k]) {
      // Of several empty interchangeable units, only the first (bounds/problem.hpp find_twins).
      const int twin = t_.twin_class[i];
      const bool empty = count_[i] == 0;
      if (empty && std::find(tried_twins_.begin(), tried_twins_.end(), twin) != tried_twins_.end()) continue;
      if (!capacity_allows(k, i) || !hall_.allows(p_, t_.hall, k, i)) {
        stats_.pruned_by_capacity += 1;
        continue;
      }
      if (empty) tried_twins_.push_back(twin);
      const auto [own, all] = child_bound(k, i);
      kids.push_back({std::max(node_bound, all), own, i});
    }
    // By the children's own bounds: a node bound raised by its own dual would otherwise tie
    // them all and leave the order to the unit numbers.
    std::sort(kids.begin(), kids.end(), [](const Child& a, const Child& b) {
      return a.own < b.own || (a.own == b.own && a.unit < b.unit);
    });
    return kids;
  }

  struct Undo {
    std::vector<std::pair<int, ChainState>> chains;
  };

  Undo assign(int k, int i, std::uint16_t rank) {
    Undo undo;
    for (const LayerRef& r : p_.items.items[k].members) {
      const int u = r.cnn.value;
      if (r.layer != chains_[u].placed) continue;  // beyond the prefix: joins it later
      undo.chains.emplace_back(u, chains_[u]);
      const ChainState next = extended(u, r.layer, i);
      for (int s = 0; s < systems_; ++s) sum_[s] += next.contribution[s] - chains_[u].contribution[s];
      chains_[u] = next;
    }
    unit_of_[k] = i;
    count_[i] += 1;
    memory_[i] += p_.item_memory[k];
    compute_[i] += p_.item_compute[k];
    hall_.apply(p_, t_.hall, k, i, +1);
    path_.push_back(rank);
    return undo;
  }

  void unassign(int k, const Undo& undo) {
    const int i = unit_of_[k];
    path_.pop_back();
    count_[i] -= 1;
    memory_[i] -= p_.item_memory[k];
    compute_[i] -= p_.item_compute[k];
    hall_.apply(p_, t_.hall, k, i, -1);
    unit_of_[k] = -1;
    for (auto it = undo.chains.rbegin(); it != undo.chains.rend(); ++it) {
      for (int s = 0; s < systems_; ++s) sum_[s] += it->second.contribution[s] - chains_[it->first].contribution[s];
      chains_[it->first] = it->second;
    }
  }

  // Replays a frontier node's assignments, entering each node on the way exactly as dfs()
  // does, so the bounds (and so the child ranks) match the sequential search. Returns the
  // bound the last step's child had in its parent's expansion.
  double replay_path(const std::vector<std::pair<int, std::uint16_t>>& steps) {
    double b = bound();
    for (auto [unit, rank] : steps) {
      b = enter(b);
      b = std::max(b, child_bound(depth(), unit).second);
      assign(depth(), unit, rank);
    }
    return b;
  }

  double leaf_value() const {
    double v = 0;
    for (const ChainState& c : chains_) v += c.plain;
    return v;
  }

  const SearchPath& path() const { return path_; }
  SolveStats stats_;

  // Depth-first search below the current node. Returns false when stopped by a limit, after
  // folding the bounds of what it left unexplored into `open_bound`.
  bool dfs(double node_bound, double& open_bound);


 private:
  bool capacity_allows(int k, int i) const {
    return count_[i] + 1 <= p_.layer_limit[i] && fits(memory_[i] + p_.item_memory[k], p_.memory_cap[i]) &&
           fits(compute_[i] + p_.item_compute[k], p_.compute_cap[i]);
  }

  // Chain u's state after its layer j (= placed) goes on unit i, then through any later
  // layers whose items are already assigned (shared with an earlier chain).
  ChainState extended(int u, int j, int i) const {
    ChainState s = chains_[u];
    const Chain& c = p_.chains[u];
    for (int unit = i;;) {
      const double arc = j > 0 ? c.arc_weight[j - 1] * p_.T(s.last, unit) : 0.0;
      for (int sys = 0; sys < systems_; ++sys) s.priced[sys] += tables_[sys][u]->node(j, unit) + arc;
      s.plain += p_.node_cost(u, j, unit) + arc;
      s.run = (j > 0 && s.last == unit) ? s.run + 1 : 1;
      s.prev = s.last;
      s.last = unit;
      s.placed = ++j;
      if (j == c.size() || unit_of_[c.item[j]] < 0) break;
      unit = unit_of_[c.item[j]];
    }
    for (int sys = 0; sys < systems_; ++sys) s.contribution[sys] = contribution(sys, u, s);
    return s;
  }

  double contribution(int sys, int u, const ChainState& s) const {
    const ChainTables& t = *tables_[sys][u];
    if (s.placed == 0) return t.root();
    if (s.placed == p_.chains[u].size()) return s.priced[sys];
    return s.priced[sys] + t.tail(s.placed - 1, s.last, s.run, s.prev);
  }

  // The bound from the first `count` systems.
  double combine(const double* sums, int count) const {
    double b = -kInf;
    for (int sys = 0; sys < count; ++sys) b = std::max(b, sums[sys] - constant_[sys]);
    return b;
  }

  // Does chain u's optimal completion under system s's tables fit the remaining capacities
  // (and agree with the units of shared items placed since)?
  bool completion_fits(int s, int u) const {
    const ChainState& st = chains_[u];
    const Chain& c = p_.chains[u];
    if (st.placed == c.size()) return true;
    const std::vector<int> path = tables_[s][u]->completion(st.placed, st.last, st.run, st.prev);
    if (static_cast<int>(path.size()) != c.size() - st.placed) return false;
    for (int j = st.placed; j < c.size(); ++j) {
      const int i = path[j - st.placed], k = c.item[j];
      if (unit_of_[k] >= 0) {
        if (unit_of_[k] != i) return false;
        continue;
      }
      int count = count_[i];
      double memory = memory_[i], compute = compute_[i];
      for (int t = st.placed; t < c.size(); ++t) {  // the completion's own load on unit i
        if (path[t - st.placed] != i || unit_of_[c.item[t]] >= 0) continue;
        count += 1;
        memory += p_.item_memory[c.item[t]];
        compute += p_.item_compute[c.item[t]];
      }
      if (count > p_.layer_limit[i] || !fits(memory, p_.memory_cap[i]) || !fits(compute, p_.compute_cap[i]))
        return false;
    }
    return true;
  }

  // Did the item placed last (item k - 1) take its unit's last layer slot? Then every
  // chain still to complete may have lost a unit it counted on.
  bool filled_a_unit(int k) const {
    if (k == 0 || k >= p_.item_count()) return false;
    const int i = unit_of_[k - 1];
    return count_[i] >= p_.layer_limit[i];
  }

  bool starts_chain(int k) const {
    return k > 0 && k < p_.item_count() &&
           p_.items.items[k].members.front().cnn != p_.items.items[k - 1].members.front().cnn;
  }

  // The bounds of the child that puts item k on unit i: from the root systems (the search
  // order) and from every system (pruning).
  std::pair<double, double> child_bound(int k, int i) const {
    double sums[kMaxSystems] = {sum_[0], sum_[1], sum_[2]};
    for (const LayerRef& r : p_.items.items[k].members) {
      const int u = r.cnn.value;
      if (r.layer != chains_[u].placed) continue;
      const ChainState next = extended(u, r.layer, i);
      for (int sys = 0; sys < systems_; ++sys) sums[sys] += next.contribution[sys] - chains_[u].contribution[sys];
    }
    return {combine(sums, root_systems_), combine(sums, systems_)};
  }

  // Checked at every node: at N = 2000 with 50 chains one node can take 0.3 s, so checking
  // every 256th node answered a 60 s limit at 75 s and Ctrl-C minutes late. A clock read
  // costs about 25 ns against microseconds per node. The shared node count grows in batches
  // of 256 (one atomic add each); this worker adds its own unflushed nodes for the check, so
  // a node limit is exact on one thread and within 255 per other worker.
  bool limits_reached() {
    if (ctl_.stop.load(std::memory_order_relaxed)) return true;
    const long long unflushed = static_cast<long long>(stats_.nodes) & 255;
    if (unflushed == 0) ctl_.nodes.fetch_add(256);
    const double now = ctl_.elapsed_s();
    report_progress(now);
    const double total = ctl_.nodes.load(std::memory_order_relaxed) + static_cast<double>(unflushed);
    if (total >= ctl_.node_limit || now >= ctl_.options->time_limit_s ||
        (ctl_.options->interrupt && ctl_.options->interrupt->load(std::memory_order_relaxed)))
      ctl_.stop = true;
    return ctl_.stop.load(std::memory_order_relaxed);
  }

  void report_progress(double now) const {
    const SolverOptions& o = *ctl_.options;
    if (!o.on_progress || !(o.progress_interval_s > 0)) return;
    double next = ctl_.next_progress_s.load();
    if (now < next || !ctl_.next_progress_s.compare_exchange_strong(next, now + o.progress_interval_s)) return;
    Progress pr;
    pr.seconds = now;
    pr.nodes = ctl_.nodes.load();
    pr.incumbent_s = inc_.value();
    pr.bound_s = std::min(ctl_.root_bound_s, pr.incumbent_s);
    std::lock_guard lock(ctl_.progress_mutex);
    o.on_progress(pr);
  }

  const Problem& p_;
  const SearchTables& t_;
  Incumbent& inc_;
  SearchControl& ctl_;
  const int root_systems_;
  int systems_;  // root_systems_, plus one while a node system is installed
  const Multipliers* lambda_[kMaxSystems] = {nullptr, nullptr, nullptr};  // per system
  double constant_[kMaxSystems] = {0, 0, 0};                              // lambda_[s]->constant()
  std::vector<int> unit_of_, count_;
  std::vector<double> memory_, compute_;
  std::vector<ChainState> chains_;
  std::vector<std::vector<Child>> children_;  // per depth, reused
  std::vector<int> tried_twins_;              // twin classes with an empty unit among the children
  SearchPath path_;
  std::vector<const ChainTables*> tables_[kMaxSystems];  // per system, per chain: the tables read now
  double sum_[kMaxSystems] = {0, 0, 0};
  struct Saved {
    int chain;
    const ChainTables* tables;  // before this node
    double contribution;
  };
  struct Entered {
    std::vector<std::unique_ptr<ChainTables>> rebuilt[kMaxSystems];
    std::vector<Saved> saved[kMaxSystems];
    void clear() {
      for (int s = 0; s < kMaxSystems; ++s) rebuilt[s].clear(), saved[s].clear();
    }
  };
  std::size_t rebuilt_bytes_ = 0;             // held by entered_'s tables
  std::vector<Entered> entered_;              // per depth
  std::vector<NodeDual> duals_;               // per depth
  HallState hall_;
};

bool Worker::dfs(double parent_bound, double& open_bound) {
  const int k = depth();
  if (k == p_.item_count()) {
    stats_.leaves += 1;
    const double v = leaf_value();
    if (inc_.offer(v, unit_of_, &path_, ctl_.elapsed_s()) && ctl_.stop_at_first_leaf) ctl_.stop = true;
    return true;
  }
  stats_.nodes += 1;
  if (limits_reached()) {
    open_bound = std::min(open_bound, parent_bound);
    return false;
  }
  const double node_bound = enter(parent_bound);
  struct Leave {
    Worker& w;
    ~Leave() { w.leave(); }
  } leave_on_return{*this};
  if (node_bound > parent_bound && !inc_.worth_exploring(node_bound, path_)) {
    stats_.pruned_by_bound += 1;
    return true;
  }
  const std::vector<Child> kids = expand(node_bound);
  for (std::size_t c = 0; c < kids.size(); ++c) {
    path_.push_back(static_cast<std::uint16_t>(c));
    const bool worth = inc_.worth_exploring(kids[c].bound, path_);
    path_.pop_back();
    if (!worth) {
      stats_.pruned_by_bound += 1;
      continue;
    }
    const Undo undo = assign(k, kids[c].unit, static_cast<std::uint16_t>(c));
    const bool finished = dfs(kids[c].bound, open_bound);
    unassign(k, undo);
    if (!finished) {
      for (std::size_t rest = c + 1; rest < kids.size(); ++rest) open_bound = std::min(open_bound, kids[rest].bound);
      return false;
    }
  }
  return true;
}

// A node of the frontier: the assignments on its path, replayed by the worker that takes it.
struct FrontierNode {
  std::vector<std::pair<int, std::uint16_t>> steps;  // (unit, rank) per depth
  double bound;
};

// Expands the root breadth-first, in search order, until there are enough subtrees to
// keep `threads` workers busy.
std::vector<FrontierNode> build_frontier(const Problem& p, const SearchTables& t, Incumbent& inc,
                                         SearchControl& ctl, int threads, SolveStats& stats) {
  std::vector<FrontierNode> level{{{}, Worker(p, t, inc, ctl).bound()}};
  const std::size_t target = threads <= 1 ? 1 : static_cast<std::size_t>(64 * threads);
  for (int depth = 0; depth < p.item_count() && level.size() < target; ++depth) {
    std::vector<FrontierNode> next;
    for (const FrontierNode& node : level) {
      Worker w(p, t, inc, ctl);
      const double bound = w.enter(w.replay_path(node.steps));
      const std::vector<Child> kids = w.expand(bound);
      stats.nodes += 1;
      stats.pruned_by_capacity += w.stats_.pruned_by_capacity;
      for (std::size_t c = 0; c < kids.size(); ++c) {
        FrontierNode child{node.steps, kids[c].bound};
        child.steps.emplace_back(kids[c].unit, static_cast<std::uint16_t>(c));
        next.push_back(std::move(child));
      }
    }
    level = std::move(next);
    if (level.empty()) break;
  }
  return level;
}

}  // namespace

SearchOutcome run_search(const Problem& p, const SearchTables& t, Incumbent& inc,
                         SearchControl& ctl, int threads) {
  SearchOutcome out;
  out.root_bound = Worker(p, t, inc, ctl).bound();
  std::vector<FrontierNode> frontier = build_frontier(p, t, inc, ctl, threads, out.stats);
  std::mutex merge;
  std::atomic<bool> all_done{true};
  double open_bound = std::numeric_limits<double>::infinity();

  auto search_subtree = [&](const FrontierNode& node) {
    Worker w(p, t, inc, ctl);
    w.replay_path(node.steps);
    double open = std::numeric_limits<double>::infinity();
    bool finished = true;
    if (ctl.stop.load()) {
      open = node.bound;
      finished = false;
    } else if (inc.worth_exploring(node.bound, w.path())) {
      finished = w.dfs(node.bound, open);
    } else {
      w.stats_.pruned_by_bound += 1;
    }
    std::lock_guard lock(merge);
    if (!finished) all_done = false;
    open_bound = std::min(open_bound, open);
    out.stats.nodes += w.stats_.nodes;
    out.stats.leaves += w.stats_.leaves;
    out.stats.node_duals += w.stats_.node_duals;
    out.stats.pruned_by_bound += w.stats_.pruned_by_bound;
    out.stats.pruned_by_capacity += w.stats_.pruned_by_capacity;
  };

  for_each_index(threads, frontier.size(), [&](std::size_t n) { search_subtree(frontier[n]); });
  out.complete = all_done.load();
  out.open_bound = open_bound;
  return out;
}

}  // namespace cnnplace
