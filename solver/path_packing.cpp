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
// Reduced-cost fixing when the first node branches, by its LP's duals after its cuts
// (columns_above_cutoff): where it rules out at least this share of the columns, the program
// starts again without them (GLPK cannot drop columns from a running search), at most
// kMaxRestarts times.
constexpr double kRestartShare = 0.25;
constexpr int kMaxRestarts = 2;

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
};

// Columns that cannot be in a placement below `cutoff`, by the duals of the current LP
// (with whatever cuts it has) as Lagrangian multipliers: for any duals y of the right signs
// and d = c - yA, every integer solution x has cx >= (y, the rows' bounds) + dx, and dx
// is the sum of d over its one column per chain. So a column j of chain c is in none below
// the cutoff when that term + d_j + the other chains' least d reaches it. This holds for any
// y, so LP tolerances cannot make it wrong: duals of the wrong sign are taken as zero.
// Returns the bound with no column fixed (the program's own Lagrangian bound).
double columns_above_cutoff(glp_prob* lp, const std::vector<Column>& columns, int chains, double cutoff,
                            std::vector<char>& drop) {
  const int m = glp_get_num_rows(lp), n = glp_get_num_cols(lp);
  std::vector<double> d(n + 1);
  for (int j = 1; j <= n; ++j) d[j] = glp_get_obj_coef(lp, j);
  double constant = glp_get_obj_coef(lp, 0);
  std::vector<int> ind(n + 1);
  std::vector<double> val(n + 1);
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
  drop.assign(n, 0);
  for (int j = 1; j <= n; ++j) drop[j - 1] = reaches(bound - least[columns[j - 1].listed] + d[j], cutoff);
  return bound;
}

void on_node(glp_tree* tree, void* info) {
  auto& s = *static_cast<SearchState*>(info);
  const int reason = glp_ios_reason(tree);
  if (reason == GLP_IBRANCH && s.fix && glp_ios_node_level(tree, glp_ios_curr_node(tree)) == 0) {
    s.fix = false;
    glp_prob* lp = glp_ios_get_prob(tree);
    const double bound = columns_above_cutoff(lp, *s.columns, s.chains, s.cutoff, s.drop);
    const auto dropped = static_cast<double>(std::count(s.drop.begin(), s.drop.end(), 1));
    if (reaches(bound, s.cutoff)) {
      s.bounded = true;
      glp_ios_terminate(tree);
      return;
    }
    if (glp_mip_status(lp) != GLP_FEAS && dropped >= kRestartShare * static_cast<double>(s.drop.size())) {
      s.restart = true;
      glp_ios_terminate(tree);
      return;
    }
  }
  if (reason != GLP_ISELECT) {
    if (s.limits->hard_stop && s.limits->hard_stop()) {
      s.stopped = true;
      glp_ios_terminate(tree);
    }
    return;
  }
  s.nodes += 1;
  const int best = glp_ios_best_node(tree);
  if (best != 0 && glp_ios_node_bound(tree, best) >= s.cutoff) {
    s.bounded = true;
    glp_ios_terminate(tree);
  } else if (s.nodes > s.limits->max_nodes || (s.limits->stop && s.limits->stop())) {
    s.stopped = true;
    glp_ios_terminate(tree);
  }
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
  glp_scale_prob(lp.get(), GLP_SF_AUTO);
  glp_smcp simplex;
  glp_init_smcp(&simplex);
  simplex.msg_lev = GLP_MSG_OFF;
  simplex.tol_dj = 1e-9;  // of costs between 0 and 1
  glp_adv_basis(lp.get(), 0);
  const int lp_code = glp_simplex(lp.get(), &simplex);
  if (lp_code != 0) return out;
  if (glp_get_status(lp.get()) == GLP_NOFEAS) {
    out.complete = true;  // not even fractionally: no placement of these paths
    return out;
  }
  if (glp_get_status(lp.get()) != GLP_OPT) return out;

  SearchState state;
  state.limits = &limits;
  state.cutoff = spread / unit;
  state.columns = &columns;
  state.chains = chains;
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
    code = glp_intopt(lp.get(), &mip);
    if (!state.restart || state.stopped) break;
    if (limits.hard_stop && limits.hard_stop()) {
      state.stopped = true;
      break;
    }
    // Again without the columns the first node's duals ruled out (see kRestartShare).
    state.restart = false;
    out.restarts += 1;
    std::vector<int> gone{0};
    std::size_t kept = 0;
    for (std::size_t col = 0; col < columns.size(); ++col) {
      if (state.drop[col]) gone.push_back(static_cast<int>(col) + 1);
      else columns[kept++] = columns[col];
    }
    columns.resize(kept);
    glp_del_cols(lp.get(), static_cast<int>(gone.size()) - 1, gone.data());
    glp_adv_basis(lp.get(), 0);
    if (glp_simplex(lp.get(), &simplex) != 0) return out;
    if (glp_get_status(lp.get()) == GLP_NOFEAS) {
      out.complete = true;
      out.nodes = state.nodes;
      return out;
    }
    if (glp_get_status(lp.get()) != GLP_OPT) return out;
  }
  out.nodes = state.nodes;
  const int status = glp_mip_status(lp.get());
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
