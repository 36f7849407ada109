#include "solver/path_packing.hpp"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "heuristics/local_search.hpp"

namespace cnnplace {
namespace {

// The program's costs are in units of the spread (the cutoff less the cheapest
// combination), so every placement below the cutoff costs between 0 and 1. GLPK prunes a
// node whose relaxation is within kPruneTolerance (1 + value) of its incumbent: beyond this
// many resolutions in the spread, that could hide a difference that counts, and the program
// is not solved.
constexpr double kPruneTolerance = 1e-10;
constexpr double kMaxSpreadInResolutions = 1e9;
// What a stopped program's bound (PackingResult::bound) gives away, in the program's units,
// for the simplex's tolerances: its relaxations are optimal to 1e-9 per reduced cost.
constexpr double kBoundMargin = 1e-8;
// Reduced-cost fixing when the first node branches, by its LP's duals after its cuts
// (columns_above_cutoff): where it rules out at least this share of the columns, the program
// starts again without them (GLPK cannot drop columns from a running search), at most
// kMaxRestarts times.
constexpr double kRestartShare = 0.25;
constexpr int kMaxRestarts = 2;
// GLPK's scaling time per column, about (fifty 5-layer CNNs at N = 2000, L = 2, 90-10, HaLow:
// 1.0e-5 s at 40 198 columns, 1.3e-5 s at 359 606), with a margin.
constexpr double kScalingSecondsPerColumn = 2e-5;
// Unit shares (PackingLimits::branch_on_units). GLPK branches on single paths: one branch
// forbids one path of the tens of thousands, so the bound barely moves. A unit share is how
// many items of chain c unit i holds, the sum of its paths' items there: an integer in any
// placement, and a branch on it settles every path of c that uses i at once (the
// Ryan-Foster rule of set-partitioning codes, and the arc branching of vehicle-routing
// ones). Twenty 5-layer CNNs on 100 units, L = 1, Wi-Fi 4 (`cnnplace generate --units 100
// --cnns 20 --cnn 5layer --L 1 --tech wifi4 --scale-density --connect resample --seed 1`),
// the pass of 81 206 columns: on paths, GLPK's bound stays at the first node's 0.99955 of
// the cutoff (CBC's too, over 1 817 nodes); on shares it is at 0.99984 after a few dozen nodes.
// The shares join when the first node branches, after its cuts, which are kept as rows: with
// them from the start, GLPK's Gomory cuts there no longer closed what they close without
// them (the first pass of that system, proven at its first node, was still open after 256).
// At L >= 2 they are not used: twenty 5-layer CNNs at L = 2, Wi-Fi 4, took 467 nodes instead
// of 6 on a pass.

struct ProbDeleter {
  void operator()(glp_prob* lp) const { glp_delete_prob(lp); }
};

// A unit's load from one path, per relaxed row.
struct Load {
  int unit;
  double count = 0, memory = 0, compute = 0;
};

// The rows a unit needs: count always where the paths can overfill it; memory and compute
// only where L_i items of the largest size could exceed them (the count row bounds the rest).
struct UnitRows {
  int count = 0, memory = 0, compute = 0;  // GLPK row numbers, 0: none
};

// Path `path` of `chain` as loads per unit (one entry per unit it uses), into `loads`.
void path_loads(const Problem& p, const Chain& chain, const int* path, std::vector<Load>& loads) {
  loads.clear();
  for (int j = 0; j < chain.size(); ++j) {
    const int i = path[j], k = chain.item[j];
    auto it = std::find_if(loads.begin(), loads.end(), [&](const Load& x) { return x.unit == i; });
    if (it == loads.end()) it = loads.insert(loads.end(), Load{i});
    it->count += 1, it->memory += p.item_memory[k], it->compute += p.item_compute[k];
  }
}

// A program column: path `index` of listed chain `listed`.
struct Column {
  int listed, index;
};

// Does a bound reach the cutoff, within GLPK's own pruning tolerance (like the nodes it keeps)?
bool reaches(double bound, double cutoff) { return bound >= cutoff + kPruneTolerance * (1 + std::fabs(cutoff)); }

// A row that GLPK's cut generators added to the program (`ind`, `val` from 1, as GLPK's).
struct CutRow {
  int type, status;
  double lb, ub;
  std::vector<int> ind;
  std::vector<double> val;
};

struct SearchState {
  const PackingLimits* limits = nullptr;
  double cutoff = 0;  // in the program's units
  const std::vector<Column>* columns = nullptr;  // GLPK's column j is (*columns)[j - 1]
  int chains = 0;
  double nodes = 0;
  bool stopped = false;    // a limit stopped it
  bool bounded = false;    // every open node's bound reached the cutoff
  bool fix = false;        // try reduced-cost fixing when the first node branches
  bool restart = false;    // stopped to drop the columns in `drop` and start again
  std::vector<char> drop;  // per column: in no placement below the cutoff
  // The unit-share columns: this many, after the path columns.
  int shares = 0;
  // Stop when the first node branches, keep its cuts (`cuts`: the program's rows after
  // `program_rows`), and start again with the unit-share columns.
  bool want_shares = false;
  int program_rows = 0;
  std::vector<CutRow> cuts;
  // The best bound of the open nodes, the most it has been (they only rise): the least
  // cost of a placement below the cutoff that the search has not yet found.
  double bound = -kInf;
};

// Columns that cannot be in a placement below `cutoff`, by the duals of the current LP
// (with whatever cuts it has) as Lagrangian multipliers: for any duals y of the right signs
// and d = c - yA, every integer solution x has cx >= (y, the rows' bounds) + dx, and dx
// is the sum of d over its one column per chain. So a column j of chain c is in none below
// the cutoff when that term + d_j + the other chains' least d reaches it. This holds for any
// y, so LP tolerances cannot make it wrong: duals of the wrong sign are taken as zero.
// Returns the bound with no column fixed (the program's own Lagrangian bound).
// The unit-share columns (after the paths') are bounded: each adds the least of its reduced
// cost at its bounds.
double columns_above_cutoff(glp_prob* lp, const std::vector<Column>& columns, int chains, double cutoff,
                            std::vector<char>& drop) {
  const int m = glp_get_num_rows(lp), all = glp_get_num_cols(lp), n = static_cast<int>(columns.size());
  std::vector<double> d(all + 1);
  for (int j = 1; j <= all; ++j) d[j] = glp_get_obj_coef(lp, j);
  double constant = glp_get_obj_coef(lp, 0);
  std::vector<int> ind(all + 1);
  std::vector<double> val(all + 1);
  for (int r = 1; r <= m; ++r) {
    double y = glp_get_row_dual(lp, r);
    const int type = glp_get_row_type(lp, r);
    const double lb = glp_get_row_lb(lp, r), ub = glp_get_row_ub(lp, r);
    if (type == GLP_FR || (type == GLP_UP && y > 0) || (type == GLP_LO && y < 0)) y = 0;
    if (y == 0) continue;
    constant += y > 0 ? y * lb : y * ub;  // FX: lb = ub
    const int len = glp_get_mat_row(lp, r, ind.data(), val.data());
    for (int t = 1; t <= len; ++t) d[ind[t]] -= y * val[t];
  }
  std::vector<double> least(chains, kInf);
  for (int j = 1; j <= n; ++j) least[columns[j - 1].listed] = std::min(least[columns[j - 1].listed], d[j]);
  double bound = constant;
  for (double x : least) bound += x;
  for (int j = n + 1; j <= all; ++j) bound += std::min(d[j] * glp_get_col_lb(lp, j), d[j] * glp_get_col_ub(lp, j));
  drop.assign(n, 0);
  for (int j = 1; j <= n; ++j) drop[j - 1] = reaches(bound - least[columns[j - 1].listed] + d[j], cutoff);
  return bound;
}

// The first node's cuts, to keep: made from the first node's relaxation under the
// program's own bounds (no incumbent has fixed any column yet), they hold for all of its
// placements.
void keep_cuts(glp_prob* lp, SearchState& s) {
  const int n = glp_get_num_cols(lp);
  std::vector<int> ind(n + 1);
  std::vector<double> val(n + 1);
  for (int r = s.program_rows + 1; r <= glp_get_num_rows(lp); ++r) {
    const int len = glp_get_mat_row(lp, r, ind.data(), val.data());
    s.cuts.push_back({glp_get_row_type(lp, r), glp_get_row_stat(lp, r), glp_get_row_lb(lp, r), glp_get_row_ub(lp, r),
                      std::vector<int>(ind.begin(), ind.begin() + 1 + len),
                      std::vector<double>(val.begin(), val.begin() + 1 + len)});
  }
}

// Branches on the most fractional unit-share column (the first of equals), share <= floor
// first; where every share is whole, GLPK chooses a path.
void branch_on_share(glp_tree* tree, const SearchState& s) {
  glp_prob* lp = glp_ios_get_prob(tree);
  const int first = static_cast<int>(s.columns->size()) + 1;
  int chosen = 0;
  double most = 0;
  for (int j = first; j < first + s.shares; ++j) {
    if (!glp_ios_can_branch(tree, j)) continue;
    const double x = glp_get_col_prim(lp, j), fraction = std::min(x - std::floor(x), std::ceil(x) - x);
    if (fraction > most) most = fraction, chosen = j;
  }
  if (chosen) glp_ios_branch_upon(tree, chosen, GLP_DN_BRNCH);
}

void on_node(glp_tree* tree, void* info) {
  auto& s = *static_cast<SearchState*>(info);
  const int reason = glp_ios_reason(tree);
  if (reason == GLP_IBRANCH && (s.fix || s.want_shares) && glp_ios_node_level(tree, glp_ios_curr_node(tree)) == 0) {
    glp_prob* lp = glp_ios_get_prob(tree);
    const double bound = columns_above_cutoff(lp, *s.columns, s.chains, s.cutoff, s.drop);
    if (!s.fix) std::fill(s.drop.begin(), s.drop.end(), 0);  // (fixing spent: for the shares only)
    s.fix = false;
    const auto dropped = static_cast<double>(std::count(s.drop.begin(), s.drop.end(), 1));
    if (reaches(bound, s.cutoff)) {
      s.bounded = true;
      glp_ios_terminate(tree);
      return;
    }
    // A restart loses GLPK's incumbent: only before it has one.
    const bool again = s.want_shares || dropped >= kRestartShare * static_cast<double>(s.drop.size());
    if (glp_mip_status(lp) != GLP_FEAS && again) {
      if (s.want_shares) keep_cuts(lp, s);
      s.restart = true;
      glp_ios_terminate(tree);
      return;
    }
    s.want_shares = false;
  }
  if (reason == GLP_IBRANCH && s.shares > 0) branch_on_share(tree, s);
  if (reason != GLP_ISELECT) {
    if (s.limits->hard_stop && s.limits->hard_stop()) {
      s.stopped = true;
      glp_ios_terminate(tree);
    }
    return;
  }
  s.nodes += 1;
  const int best = glp_ios_best_node(tree);
  const double best_bound = best != 0 ? glp_ios_node_bound(tree, best) : -kInf;
  s.bound = std::max(s.bound, best_bound);
  if (best_bound >= s.cutoff) {
    s.bounded = true;
    glp_ios_terminate(tree);
  } else if (s.nodes > s.limits->max_nodes || (s.limits->stop && s.limits->stop())) {
    s.stopped = true;
    glp_ios_terminate(tree);
  }
}

// Adds a unit-share column for every (chain, unit with a count row) that a path column
// puts items on, each with the row that defines it: share - the items of its paths = 0.
// Returns how many; they follow the path columns.
int add_unit_shares(glp_prob* lp, const Problem& p, const std::vector<ListedPaths>& listed,
                    const std::vector<Column>& columns, const std::vector<UnitRows>& rows) {
  std::map<std::pair<int, int>, std::vector<std::pair<int, double>>> members;  // (chain, unit): (column, items)
  std::vector<Load> loads;
  for (std::size_t k = 0; k < columns.size(); ++k) {
    const ListedPaths& l = listed[columns[k].listed];
    const Chain& chain = p.chains[l.chain];
    path_loads(p, chain, l.units->data() + static_cast<std::size_t>(columns[k].index) * chain.size(), loads);
    for (const Load& x : loads)
      if (rows[x.unit].count) members[{columns[k].listed, x.unit}].emplace_back(static_cast<int>(k) + 1, x.count);
  }
  std::vector<int> ind;
  std::vector<double> val;
  for (const auto& [share, paths] : members) {
    const int col = glp_add_cols(lp, 1), row = glp_add_rows(lp, 1);
    double most = 0;
    ind.assign({0, col}), val.assign({0.0, -1.0});
    for (const auto& [path, items] : paths) ind.push_back(path), val.push_back(items), most = std::max(most, items);
    glp_set_col_kind(lp, col, GLP_IV);
    glp_set_col_bnds(lp, col, GLP_DB, 0.0, most);
    glp_set_row_bnds(lp, row, GLP_FX, 0.0, 0.0);
    glp_set_mat_row(lp, row, static_cast<int>(ind.size()) - 1, ind.data(), val.data());
    glp_set_col_stat(lp, col, GLP_BS);
    glp_set_row_stat(lp, row, GLP_NS);
  }
  return static_cast<int>(members.size());
}

}  // namespace

PackingResult pack_paths(const Problem& p, const std::vector<ListedPaths>& listed, double cutoff, double resolution,
                         const PackingLimits& limits) {
  PackingResult out;
  if (p.has_shared_items() || listed.empty()) return out;
  glp_term_out(GLP_OFF);

  // Costs relative to each chain's cheapest listed path.
  double base_total = 0;
  std::vector<double> base(listed.size(), kInf);
  for (std::size_t c = 0; c < listed.size(); ++c) {
    for (double s : *listed[c].seconds) base[c] = std::min(base[c], s);
    if (!(base[c] < kInf)) {
      out.complete = true;  // a chain without a path: no placement below the cutoff
      return out;
    }
    base_total += base[c];
  }
  const double spread = cutoff - base_total;
  if (!(spread > 0)) {
    out.complete = true;
    return out;
  }
  if (!(resolution > 0) || spread / resolution > kMaxSpreadInResolutions) return out;
  const double unit = spread;

  // Which units the paths can overfill, and by what.
  std::vector<double> most_count(p.units, 0.0), largest_memory(p.units, 0.0), largest_compute(p.units, 0.0);
  std::vector<double> chain_count(p.units, 0.0);
  std::vector<Load> loads;
  for (const ListedPaths& l : listed) {
    const Chain& chain = p.chains[l.chain];
    std::fill(chain_count.begin(), chain_count.end(), 0.0);
    for (std::size_t index = 0; index < l.seconds->size(); ++index) {
      const int* path = l.units->data() + index * chain.size();
      for (int j = 0; j < chain.size(); ++j) {
        const int i = path[j], k = chain.item[j];
        largest_memory[i] = std::max(largest_memory[i], p.item_memory[k]);
        largest_compute[i] = std::max(largest_compute[i], p.item_compute[k]);
      }
      path_loads(p, chain, path, loads);
      for (const Load& x : loads) chain_count[x.unit] = std::max(chain_count[x.unit], x.count);
    }
    for (int i = 0; i < p.units; ++i) most_count[i] += chain_count[i];
  }

  std::unique_ptr<glp_prob, ProbDeleter> lp(glp_create_prob());
  glp_set_obj_dir(lp.get(), GLP_MIN);
  const int chains = static_cast<int>(listed.size());
  glp_add_rows(lp.get(), chains);
  for (int c = 0; c < chains; ++c) glp_set_row_bnds(lp.get(), c + 1, GLP_FX, 1.0, 1.0);
  std::vector<UnitRows> rows(p.units);
  auto add_row = [&](double cap) {
    const int r = glp_add_rows(lp.get(), 1);
    glp_set_row_bnds(lp.get(), r, GLP_UP, 0.0, cap);
    return r;
  };
  for (int i = 0; i < p.units; ++i) {
    if (most_count[i] == 0) continue;
    const double L = p.layer_limit[i];
    if (most_count[i] > L) rows[i].count = add_row(L);
    const double items = std::min(most_count[i], L);
    if (items * largest_memory[i] > p.memory_cap[i]) rows[i].memory = add_row(p.memory_cap[i]);
    if (p.compute_cap[i] < kInf && items * largest_compute[i] > p.compute_cap[i])
      rows[i].compute = add_row(p.compute_cap[i]);
  }

  // The cuts' rows, where the listed paths can break them: their counts, each chain's most,
  // sum to more than the right-hand side. A path's counts come from the cuts on its units
  // (hundreds of cuts, hundreds of thousands of paths).
  const std::vector<SubsetRow>* cuts = limits.cut_rows ? &limits.cut_rows->rows() : nullptr;
  const int cut_count = cuts ? static_cast<int>(cuts->size()) : 0;
  std::vector<int> hits(cut_count, 0), touched;
  // Path `path` of `chain`: (cut, count) for each cut it counts on, into `counts`.
  auto cut_counts = [&](const Chain& chain, const int* path, std::vector<std::pair<int, int>>& counts) {
    counts.clear();
    for (int j = 0; j < chain.size(); ++j)
      for (int c : limits.cut_rows->rows_of(path[j]))
        if (hits[c]++ == 0) touched.push_back(c);
    for (int c : touched) {
      if (const int n = hits[c] / (*cuts)[c].divisor; n > 0) counts.emplace_back(c, n);
      hits[c] = 0;
    }
    touched.clear();
  };
  std::vector<int> cut_row(cut_count, 0);  // per cut: its row (0: none)
  if (cut_count) {
    std::vector<int> most(cut_count, 0), chain_most(cut_count, 0);
    std::vector<std::pair<int, int>> counts;
    for (const ListedPaths& l : listed) {
      const Chain& chain = p.chains[l.chain];
      std::fill(chain_most.begin(), chain_most.end(), 0);
      for (std::size_t index = 0; index < l.seconds->size(); ++index) {
        cut_counts(chain, l.units->data() + index * chain.size(), counts);
        for (const auto& [c, n] : counts) chain_most[c] = std::max(chain_most[c], n);
      }
      for (int c = 0; c < cut_count; ++c) most[c] += chain_most[c];
    }
    for (int c = 0; c < cut_count; ++c)
      if (most[c] > (*cuts)[c].rhs) cut_row[c] = add_row((*cuts)[c].rhs);
  }
  std::vector<std::pair<int, int>> path_cuts;

  // One binary column per path, but paths of a chain that load the rows alike differ only in
  // cost: only the cheapest of them can be in a best placement. At L = 1 a chain's paths over
  // the same units in another order are such twins; they are 35-45 % of the listed paths of
  // twenty 5-layer CNNs on 100 units.
  std::vector<Column> columns;
  std::vector<int> ind{0};
  std::vector<double> val{0.0};
  using RowLoads = std::vector<std::pair<int, double>>;  // (row, coefficient), by row
  using Cheapest = std::map<RowLoads, std::size_t>;        // per chain: the path (index)
  Cheapest cheapest;
  std::vector<Cheapest::const_iterator> first_seen;        // in the order first listed
  for (int c = 0; c < chains; ++c) {
    const ListedPaths& l = listed[c];
    const Chain& chain = p.chains[l.chain];
    const int M = chain.size();
    cheapest.clear(), first_seen.clear();
    for (std::size_t index = 0; index < l.seconds->size(); ++index) {
      if ((*l.seconds)[index] - base[c] > spread) continue;  // no placement below the cutoff uses it
      path_loads(p, chain, l.units->data() + index * M, loads);
      RowLoads key;
      for (const Load& x : loads) {
        const UnitRows& r = rows[x.unit];
        if (r.count) key.emplace_back(r.count, x.count);
        if (r.memory) key.emplace_back(r.memory, x.memory);
        if (r.compute) key.emplace_back(r.compute, x.compute);
      }
      if (cut_count) {
        cut_counts(chain, l.units->data() + index * M, path_cuts);
        for (const auto& [cut, n] : path_cuts)
          if (cut_row[cut]) key.emplace_back(cut_row[cut], n);
      }
      std::sort(key.begin(), key.end());
      auto [it, fresh] = cheapest.try_emplace(std::move(key), index);
      if (fresh) first_seen.push_back(it);
      else if ((*l.seconds)[index] < (*l.seconds)[it->second]) it->second = index;
    }
    for (const Cheapest::const_iterator& it : first_seen) {
      const auto& [key, index] = *it;
      ind.resize(1), val.resize(1);
      ind.push_back(c + 1), val.push_back(1.0);
      for (const auto& [row, coefficient] : key) ind.push_back(row), val.push_back(coefficient);
      const int col = glp_add_cols(lp.get(), 1);
      glp_set_col_kind(lp.get(), col, GLP_BV);
      glp_set_obj_coef(lp.get(), col, ((*l.seconds)[index] - base[c]) / unit);
      glp_set_mat_col(lp.get(), col, static_cast<int>(ind.size()) - 1, ind.data(), val.data());
      columns.push_back({c, static_cast<int>(index)});
    }
  }

  out.columns = static_cast<double>(columns.size());
  // GLPK's scaling calls nothing back either, and on large programs it takes seconds (0.39 s
  // for 40 198 columns, 4.7 s for 359 606): a program whose scaling would run past the limit
  // is not started.
  if (limits.seconds_left && limits.seconds_left() < kScalingSecondsPerColumn * out.columns) return out;
  glp_scale_prob(lp.get(), GLP_SF_AUTO);
  glp_smcp simplex;
  glp_init_smcp(&simplex);
  simplex.msg_lev = GLP_MSG_OFF;
  simplex.tol_dj = 1e-9;  // of costs between 0 and 1
  // GLPK's own time limits, in whole milliseconds (at least one: zero would be none).
  auto milliseconds_left = [&] {
    const double ms = std::floor(limits.seconds_left() * 1e3);
    return static_cast<int>(std::clamp(ms, 1.0, 1e9));
  };
  if (limits.seconds_left) simplex.tm_lim = milliseconds_left();
  glp_adv_basis(lp.get(), 0);
  const int lp_code = glp_simplex(lp.get(), &simplex);
  if (lp_code != 0) return out;
  if (glp_get_status(lp.get()) == GLP_NOFEAS) {
    out.complete = true;  // not even fractionally: no placement of these paths
    return out;
  }
  if (glp_get_status(lp.get()) != GLP_OPT) return out;
  // The relaxation bounds every placement below the cutoff, in the program's units.
  double relaxation = glp_get_obj_val(lp.get());

  SearchState state;
  state.limits = &limits;
  state.cutoff = spread / unit;
  state.columns = &columns;
  state.chains = chains;
  state.want_shares = limits.branch_on_units;
  state.program_rows = glp_get_num_rows(lp.get());
  int code = 0;
  for (int run = 0;; ++run) {
    glp_iocp mip;
    glp_init_iocp(&mip);
    mip.msg_lev = GLP_MSG_OFF;
    mip.presolve = GLP_OFF;  // node bounds stay in the program's own units
    mip.br_tech = GLP_BR_DTH;
    mip.bt_tech = GLP_BT_BLB;
    mip.mip_gap = 0;
    mip.tol_obj = kPruneTolerance;
    if (limits.gomory_cuts) mip.gmi_cuts = GLP_ON;
    mip.cb_func = on_node;
    mip.cb_info = &state;
    state.fix = limits.reduced_cost_fixing && run < kMaxRestarts;
    if (limits.seconds_left) mip.tm_lim = milliseconds_left();
    code = glp_intopt(lp.get(), &mip);
    if (!state.restart || state.stopped) break;
    if (limits.hard_stop && limits.hard_stop()) {
      state.stopped = true;
      break;
    }
    // Again without the columns the first node's duals ruled out (see kRestartShare), and
    // with the unit-share columns and the first node's cuts, if it stopped for them.
    state.restart = false;
    out.restarts += 1;
    for (const CutRow& cut : state.cuts) {
      const int row = glp_add_rows(lp.get(), 1);
      glp_set_row_bnds(lp.get(), row, cut.type, cut.lb, cut.ub);
      glp_set_mat_row(lp.get(), row, static_cast<int>(cut.ind.size()) - 1, cut.ind.data(), cut.val.data());
      glp_set_row_stat(lp.get(), row, cut.status);
    }
    state.cuts.clear();
    std::vector<int> gone{0};
    std::size_t kept = 0;
    for (std::size_t col = 0; col < columns.size(); ++col) {
      if (state.drop[col]) gone.push_back(static_cast<int>(col) + 1);
      else columns[kept++] = columns[col];
    }
    columns.resize(kept);
    if (gone.size() > 1) glp_del_cols(lp.get(), static_cast<int>(gone.size()) - 1, gone.data());
    if (state.want_shares) {
      state.want_shares = false;
      state.shares = add_unit_shares(lp.get(), p, listed, columns, rows);
      glp_scale_prob(lp.get(), GLP_SF_AUTO);
    }
    state.program_rows = glp_get_num_rows(lp.get());
    // From the first node's basis where it is still one (the shares basic, their rows
    // tight), else from scratch.
    if (limits.seconds_left) simplex.tm_lim = milliseconds_left();
    if (glp_simplex(lp.get(), &simplex) != 0) {
      glp_adv_basis(lp.get(), 0);
      if (glp_simplex(lp.get(), &simplex) != 0) return out;
    }
    if (glp_get_status(lp.get()) == GLP_NOFEAS) {
      out.complete = true;
      out.nodes = state.nodes;
      return out;
    }
    if (glp_get_status(lp.get()) != GLP_OPT) return out;
    relaxation = std::max(relaxation, glp_get_obj_val(lp.get()));  // fewer columns, same placements
  }
  out.nodes = state.nodes;
  const int status = glp_mip_status(lp.get());
  {
    // A placement below the cutoff is the one GLPK found or costs at least its open nodes'
    // bound (or the relaxation's, before the first).
    double least = std::max(relaxation, state.bound);
    if (status == GLP_OPT || status == GLP_FEAS) least = std::min(least, glp_mip_obj_val(lp.get()));
    out.bound = base_total + (least - kBoundMargin) * unit;
  }
  // Stopped by a limit, the best placement found is still a placement, but proves nothing.
  out.complete = !state.stopped && (code == 0 || (code == GLP_ESTOP && state.bounded));
  if (!out.complete && !state.stopped) return out;
  if (status != GLP_OPT && status != GLP_FEAS) return out;

  // The placement, re-costed exactly and checked against the capacities.
  // GLPK's answer must give every item one unit and keep every capacity; if it breaks a row,
  // trust none of it.
  std::vector<int> units(p.item_count(), -1);
  for (std::size_t col = 0; col < columns.size(); ++col) {
    if (glp_mip_col_val(lp.get(), static_cast<int>(col) + 1) < 0.5) continue;
    const ListedPaths& l = listed[columns[col].listed];
    const Chain& chain = p.chains[l.chain];
    const int* path = l.units->data() + static_cast<std::size_t>(columns[col].index) * chain.size();
    for (int j = 0; j < chain.size(); ++j) {
      if (units[chain.item[j]] >= 0) {
        out.complete = false;
        return out;
      }
      units[chain.item[j]] = path[j];
    }
  }
  if (std::find(units.begin(), units.end(), -1) != units.end() || !respects_capacities(p, units)) {
    out.complete = false;
    return out;
  }
  // (A placement from a stopped search is kept only if below the cutoff, like any other.)
  const double value = placement_cost(p, units);
  if (value < cutoff) out.units = std::move(units), out.value = value;
  return out;
}

}  // namespace cnnplace
