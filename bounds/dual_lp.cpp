#include "bounds/dual_lp.hpp"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <tuple>

#include "bounds/chain_dp.hpp"
#include "bounds/fitting_path.hpp"
#include "bounds/lagrangian.hpp"
#include "bounds/parallel.hpp"
#include "model/capacity.hpp"

namespace cnnplace {
namespace {

// One relaxed row of the master: which unit and which resource.
struct Row {
  enum Kind { count, memory, compute } kind;
  int unit;
};

struct ProbDeleter {
  void operator()(glp_prob* lp) const { glp_delete_prob(lp); }
};

class Master {
 public:
  Master(const Problem& p, double scale) : p_(p), scale_(scale), lp_(glp_create_prob()) {
    const ActiveRows active = active_rows(p);
    for (int i = 0; i < p.units; ++i) {
      if (active.count[i]) rows_.push_back({Row::count, i});
      if (active.memory[i]) rows_.push_back({Row::memory, i});
      if (active.compute[i]) rows_.push_back({Row::compute, i});
    }
    row_of_.assign(static_cast<std::size_t>(p.units) * 3, -1);
    for (std::size_t r = 0; r < rows_.size(); ++r) row_of_[rows_[r].unit * 3 + rows_[r].kind] = static_cast<int>(r);
    const int chains = static_cast<int>(p.chains.size());
    glp_set_obj_dir(lp_.get(), GLP_MIN);
    glp_add_rows(lp_.get(), chains + static_cast<int>(rows_.size()));
    for (int u = 0; u < chains; ++u) glp_set_row_bnds(lp_.get(), u + 1, GLP_FX, 1.0, 1.0);
    for (std::size_t r = 0; r < rows_.size(); ++r)
      glp_set_row_bnds(lp_.get(), chains + static_cast<int>(r) + 1, GLP_UP, 0.0, 1.0);
    glp_init_smcp(&parm_);
    parm_.msg_lev = GLP_MSG_OFF;
    parm_.meth = GLP_PRIMAL;  // new columns keep the basis primal feasible
  }

  int row_count() const { return static_cast<int>(rows_.size()); }

  // A column that only fills chain u's convexity row, at a cost no real path reaches: keeps
  // the master feasible until real columns replace it.
  void add_artificial(int u, double cost) {
    const int c = glp_add_cols(lp_.get(), 1);
    glp_set_col_bnds(lp_.get(), c, GLP_LO, 0.0, 0.0);
    glp_set_obj_coef(lp_.get(), c, cost / scale_);
    const int ind[2] = {0, u + 1};
    const double val[2] = {0, 1.0};
    glp_set_mat_col(lp_.get(), c, 1, ind, val);
    columns_.push_back({u, {}});
  }

  // Adds chain u's path (unit per layer) unless it is there already; true if added.
  bool add_path(int u, const std::vector<int>& path) {
    if (!known_.emplace(std::make_pair(u, path), static_cast<int>(columns_.size())).second) return false;
    const int chains = static_cast<int>(p_.chains.size());
    std::map<int, double> loads;  // master row (1-based) -> coefficient
    loads[u + 1] = 1.0;
    const Chain& ch = p_.chains[u];
    for (int j = 0; j < ch.size(); ++j) {
      const int i = path[j], k = ch.item[j];
      auto add = [&](Row::Kind kind, double v) {
        const int r = row_of_[i * 3 + kind];
        if (r >= 0 && v > 0) loads[chains + r + 1] += ch.share[j] * v;
      };
      add(Row::count, 1.0 / p_.layer_limit[i]);
      add(Row::memory, p_.item_memory[k] / p_.memory_cap[i]);
      add(Row::compute, p_.item_compute[k] / p_.compute_cap[i]);
    }
    for (std::size_t q = 0; q < cuts_.size(); ++q)
      if (const int count = subset_row_count(cuts_[q], path)) loads[cut_row_[q]] = count;
    std::vector<int> ind{0};
    std::vector<double> val{0};
    for (auto [r, v] : loads) ind.push_back(r), val.push_back(v);
    const int c = glp_add_cols(lp_.get(), 1);
    glp_set_col_bnds(lp_.get(), c, GLP_LO, 0.0, 0.0);
    glp_set_obj_coef(lp_.get(), c, chain_path_cost(u, path) / scale_);
    glp_set_mat_col(lp_.get(), c, static_cast<int>(ind.size()) - 1, ind.data(), val.data());
    columns_.push_back({u, path});
    return true;
  }

  // A subset-row cut (bounds/subset_rows.hpp), on every column.
  void add_subset_row(const SubsetRow& cut) {
    const int row = glp_add_rows(lp_.get(), 1);
    glp_set_row_bnds(lp_.get(), row, GLP_UP, 0.0, cut.rhs);
    std::vector<int> ind{0};
    std::vector<double> val{0};
    for (std::size_t c = 0; c < columns_.size(); ++c)
      if (const int count = subset_row_count(cut, columns_[c].path)) ind.push_back(static_cast<int>(c) + 1), val.push_back(count);
    glp_set_mat_row(lp_.get(), row, static_cast<int>(ind.size()) - 1, ind.data(), val.data());
    cuts_.push_back(cut);
    cut_row_.push_back(row);
  }

  // The cuts with their duals as prices (sigma = -dual >= 0, seconds).
  SubsetRowPrices cut_duals() const {
    std::vector<SubsetRow> rows = cuts_;
    for (std::size_t q = 0; q < cuts_.size(); ++q)
      rows[q].price = std::max(0.0, -glp_get_row_dual(lp_.get(), cut_row_[q]) * scale_);
    return SubsetRowPrices(p_.units, std::move(rows));
  }

  // Solves the master; false if GLPK could not (numerical trouble): keep what we have.
  bool solve() {
    if (glp_simplex(lp_.get(), &parm_) != 0 || glp_get_status(lp_.get()) != GLP_OPT) {
      parm_.meth = GLP_DUALP;  // one retry from a fresh basis
      glp_adv_basis(lp_.get(), 0);
      const bool ok = glp_simplex(lp_.get(), &parm_) == 0 && glp_get_status(lp_.get()) == GLP_OPT;
      parm_.meth = GLP_PRIMAL;
      return ok;
    }
    return true;
  }

  double value() const { return glp_get_obj_val(lp_.get()) * scale_; }

  // The row duals as multipliers (lambda = -dual of a <= row in a minimisation, >= 0).
  Multipliers duals() const {
    Multipliers m = Multipliers::zero(p_.units);
    const int chains = static_cast<int>(p_.chains.size());
    for (std::size_t r = 0; r < rows_.size(); ++r) {
      const double lambda = std::max(0.0, -glp_get_row_dual(lp_.get(), chains + static_cast<int>(r) + 1) * scale_);
      (rows_[r].kind == Row::count ? m.count : rows_[r].kind == Row::memory ? m.memory : m.compute)[rows_[r].unit] =
          lambda;
    }
    return m;
  }

  // The real columns the master's solution uses, with their values.
  std::vector<std::pair<ChainPath, double>> solution() const {
    std::vector<std::pair<ChainPath, double>> out;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const double x = glp_get_col_prim(lp_.get(), static_cast<int>(c) + 1);
      if (x > 1e-6 && !columns_[c].path.empty()) out.push_back({{columns_[c].chain, columns_[c].path}, x});
    }
    return out;
  }

  // Per chain, how many columns the master's solution uses.
  std::vector<int> paths_in_use() const {
    std::vector<int> n(p_.chains.size(), 0);
    for (std::size_t c = 0; c < columns_.size(); ++c)
      if (glp_get_col_prim(lp_.get(), static_cast<int>(c) + 1) > 1e-6) n[columns_[c].chain] += 1;
    return n;
  }

  // The real columns whose reduced cost is at most `within` (seconds): the others cannot be
  // part of a placement that beats the bound by less than that.
  std::vector<ChainPath> real_columns(double within) const {
    std::vector<ChainPath> out;
    for (std::size_t c = 0; c < columns_.size(); ++c)
      if (!columns_[c].path.empty() && glp_get_col_dual(lp_.get(), static_cast<int>(c) + 1) * scale_ <= within)
        out.push_back({columns_[c].chain, columns_[c].path});
    return out;
  }

  // The chains' paths when the master's solution picks one real column per chain.
  std::optional<std::vector<std::vector<int>>> integral_paths() const {
    std::vector<std::vector<int>> paths(p_.chains.size());
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const double x = glp_get_col_prim(lp_.get(), static_cast<int>(c) + 1);
      if (x > 1e-6 && x < 1 - 1e-6) return std::nullopt;
      if (x >= 1 - 1e-6) {
        if (columns_[c].path.empty()) return std::nullopt;
        paths[columns_[c].chain] = columns_[c].path;
      }
    }
    return paths;
  }

 private:
  double chain_path_cost(int u, const std::vector<int>& path) const {
    const Chain& ch = p_.chains[u];
    double v = 0;
    for (int j = 0; j < ch.size(); ++j) {
      v += p_.node_cost(u, j, path[j]);
      if (j > 0) v += ch.arc_weight[j - 1] * p_.T(path[j - 1], path[j]);
    }
    return v;
  }

  struct Column {
    int chain;
    std::vector<int> path;  // empty: artificial
  };

  const Problem& p_;
  const double scale_;  // objective divided by this: GLPK's tolerances are absolute
  std::unique_ptr<glp_prob, ProbDeleter> lp_;
  glp_smcp parm_;
  std::vector<Row> rows_;
  std::vector<int> row_of_;  // unit * 3 + kind -> row index, -1: not relaxed
  std::vector<Column> columns_;
  std::map<std::pair<int, std::vector<int>>, int> known_;
  std::vector<SubsetRow> cuts_;
  std::vector<int> cut_row_;  // GLPK row per cut
};

// Does the column fit the node: assigned items on their units, free ones only where their
// unit has room left for what this path puts there?
bool respects(const Problem& p, const ChainPath& c, const Residual* residual) {
  const Chain& ch = p.chains[c.chain];
  if (static_cast<int>(c.path.size()) != ch.size()) return false;
  if (!residual) return true;
  std::map<int, std::tuple<int, double, double>> extra;  // unit -> this path's free load there
  for (int j = 0; j < ch.size(); ++j) {
    const int i = c.path[j], k = ch.item[j], fixed = residual->unit_of_item[k];
    if (fixed >= 0) {
      if (fixed != i) return false;
      continue;
    }
    auto& [count, memory, compute] = extra[i];
    count += 1, memory += p.item_memory[k], compute += p.item_compute[k];
  }
  for (const auto& [i, load] : extra) {
    const auto& [count, memory, compute] = load;
    if (residual->count[i] + count > p.layer_limit[i] || !fits(residual->memory[i] + memory, p.memory_cap[i]) ||
        !fits(residual->compute[i] + compute, p.compute_cap[i]))
      return false;
  }
  return true;
}

Multipliers blend(const Multipliers& a, const Multipliers& b, double alpha) {
  Multipliers m = b;
  for (std::size_t i = 0; i < m.count.size(); ++i) {
    m.count[i] = alpha * a.count[i] + (1 - alpha) * b.count[i];
    m.memory[i] = alpha * a.memory[i] + (1 - alpha) * b.memory[i];
    m.compute[i] = alpha * a.compute[i] + (1 - alpha) * b.compute[i];
  }
  return m;
}

// Cuts per separation round, the most violated first: enough to move the master, few
// enough that its rows stay a small share of the unit rows.
constexpr int kSubsetRowsPerRound = 30;
constexpr double kMinViolation = 1e-3;

// After the dual converged: rounds of subset-row cuts on the master's solution, each
// followed by column generation priced with the cuts, until no cut is violated, the bound
// reaches `target`, or a limit. The master's value with the cuts is not a bound (its columns
// are a few); each pricing's L(lambda, sigma) is.
template <class Price>
void add_subset_rows(const Problem& p, Master& master, Price& price, const DualLpOptions& options, double target,
                     DualLpResult& result) {
  if (std::none_of(p.layer_limit.begin(), p.layer_limit.end(), [](int l) { return l <= kSubsetRowMaxLayers; }))
    return;
  DualLpResult::WithCuts& best = result.with_cuts;
  std::vector<std::vector<int>> paths;
  const int chains = static_cast<int>(p.chains.size());
  while (best.rows < options.max_subset_rows && result.rounds < options.max_rounds) {
    if (options.stop && options.stop()) return;
    const std::vector<std::pair<ChainPath, double>> solution = master.solution();
    std::vector<std::pair<const std::vector<int>*, double>> weighted;
    for (const auto& [column, x] : solution) weighted.push_back({&column.path, x});
    const std::vector<SubsetRow> violated = violated_subset_rows(
        weighted, p.layer_limit, kMinViolation, std::min(kSubsetRowsPerRound, options.max_subset_rows - best.rows));
    if (violated.empty()) return;
    for (const SubsetRow& cut : violated) master.add_subset_row(cut);
    best.rows += static_cast<int>(violated.size());
    // Column generation with the cuts, at the master's duals.
    while (result.rounds < options.max_rounds) {
      if (options.stop && options.stop()) return;
      if (!master.solve()) return;
      result.rounds += 1;
      const double master_value = master.value();
      const Multipliers lambda = master.duals();
      SubsetRowPrices cuts = master.cut_duals();
      const double bound = price(lambda, paths, &cuts);
      if (bound > best.bound) best = {lambda, std::move(cuts), bound, best.rows};
      if (options.on_bound) options.on_bound(std::max(result.bound, best.bound));
      if (best.bound >= target) return;
      bool added = false;
      for (int u = 0; u < chains; ++u)
        if (!paths[u].empty()) added = master.add_path(u, paths[u]) || added;
      const double slack = 1e-9 * std::max(1.0, std::fabs(master_value));
      if (!added || master_value - bound <= slack) break;
    }
  }
}

}  // namespace

DualLpResult lagrangian_dual_lp(const Problem& p, const DualLpStart& start, const DualLpOptions& options) {
  glp_term_out(GLP_OFF);
  DualLpResult result;
  result.lambda = start.warm ? *start.warm : Multipliers::zero(p.units);
  const int chains = static_cast<int>(p.chains.size());

  // L(lambda) and the chains' best paths there: the bound and the candidate columns. At a
  // node the tables keep assigned items in place and free ones within the residual
  // capacities; the assigned items' penalties in root() add up to lambda . (used load), so
  // sum - lambda.constant() is the node's Lagrangian: sum - lambda . (remaining capacity).
  // A chain whose items are all assigned has one path: its value without tables, summed as
  // the tables sum it (a large neighbourhood keeps most chains so, solver/neighbourhoods.hpp).
  std::vector<char> fixed(chains, 0);
  if (start.residual)
    for (int u = 0; u < chains; ++u) fixed[u] = start.residual->places_all(p.chains[u]);
  // The chains' tables are independent: priced on options.threads threads, each into its
  // own slot, and summed in chain order, so the bound is the same at any thread count.
  std::vector<int> free_chains;
  for (int u = 0; u < chains; ++u)
    if (!fixed[u]) free_chains.push_back(u);
  std::vector<double> chain_value(chains, 0.0);
  auto price = [&](const Multipliers& lambda, std::vector<std::vector<int>>& paths,
                   const SubsetRowPrices* cuts = nullptr) {
    paths.assign(chains, {});
    for (int u = 0; u < chains; ++u)
      if (fixed[u]) {
        for (int k : p.chains[u].item) paths[u].push_back(start.residual->unit_of_item[k]);
        chain_value[u] = assigned_chain_root(p, u, lambda, paths[u]);
      }
    for_each_index(options.threads, free_chains.size(), [&](std::size_t n) {
      const int u = free_chains[n];
      const ChainTables t(p, u, lambda, start.residual);
      FittingPath f = cheapest_fitting_path(p, u, t, start.residual, kFittingPathSteps, cuts);
      chain_value[u] = f.value;
      paths[u] = f.path.empty() ? t.argmin_path() : std::move(f.path);
    });
    double sum = 0;
    for (int u = 0; u < chains; ++u) sum += chain_value[u];
    return sum - lambda.constant() - (cuts ? cuts->constant() : 0.0);
  };
  auto consider = [&](const Multipliers& lambda, double bound, const std::vector<std::vector<int>>& paths) {
    if (bound > result.bound) result.bound = bound, result.lambda = lambda;
    if (auto f = feasible_item_units(p, paths)) result.feasible_item_units.push_back(*f);
  };

  std::vector<std::vector<int>> paths;
  const double first = price(result.lambda, paths);
  if (!(first < kInf)) {  // some chain has no path at all: nothing to generate
    result.bound = first;
    return result;
  }
  consider(result.lambda, first, paths);
  if (start.upper_bound - result.bound <= start.tolerance) return result;  // closed already
  Master master(p, std::max(std::fabs(first), 1e-9));
  if (master.row_count() == 0) {  // nothing relaxed: L(0) is the bound
    result.converged = true;
    return result;
  }
  const double artificial = start.upper_bound < kInf ? 10 * start.upper_bound : 1e3 * std::max(std::fabs(first), 1e-9);
  for (int u = 0; u < chains; ++u) {
    // Costlier than any real path can be: keeps the master feasible.
    master.add_artificial(u, artificial);
    master.add_path(u, paths[u]);
  }
  for (const std::vector<int>& units : start.placements)
    for (int u = 0; u < chains; ++u) {
      ChainPath c{u, {}};
      for (int k : p.chains[u].item) c.path.push_back(units[k]);
      if (respects(p, c, start.residual)) master.add_path(u, c.path);
    }
  if (start.columns)
    for (const ChainPath& c : *start.columns)
      if (respects(p, c, start.residual)) master.add_path(c.chain, c.path);

  for (int round = 0; round < options.max_rounds; ++round) {
    if (options.stop && options.stop()) break;
    if (start.upper_bound - result.bound <= start.tolerance) break;
    if (!master.solve()) break;
    result.rounds = round + 1;
    const double master_value = master.value();
    if (auto integral = master.integral_paths())
      if (auto f = feasible_item_units(p, *integral)) result.feasible_item_units.push_back(*f);
    // The restricted master's value is at least the dual's optimum: below the incumbent,
    // this node can no longer be pruned, which is all a search node asks.
    if (start.prune_only && master_value < start.upper_bound - start.tolerance) break;
    const Multipliers exact = master.duals();
    // Smoothed pricing first; if it adds nothing, price at the master's duals themselves.
    bool added = false;
    for (const double alpha : {options.smoothing, 0.0}) {
      if (alpha > 0 && !(result.bound > -kInf)) continue;
      const Multipliers lambda = alpha > 0 ? blend(result.lambda, exact, alpha) : exact;
      const double bound = price(lambda, paths);
      consider(lambda, bound, paths);
      for (int u = 0; u < chains; ++u)
        if (!paths[u].empty()) added = master.add_path(u, paths[u]) || added;
      if (added) break;
    }
    if (options.on_bound) options.on_bound(result.bound);
    // No new column at the master's own duals: the master's value is the dual's optimum.
    const double slack = 1e-9 * std::max(1.0, std::fabs(master_value));
    if (!added || master_value - result.bound <= slack) {
      result.converged = true;
      break;
    }
  }
  if (result.converged && options.max_subset_rows > 0 && !start.residual && !p.has_shared_items())
    add_subset_rows(p, master, price, options, start.upper_bound - start.tolerance, result);
  if (result.rounds > 0) {
    result.columns = master.real_columns(start.upper_bound - result.bound);
    result.paths_in_use = master.paths_in_use();
    result.solution = master.solution();
  }
  return result;
}

}  // namespace cnnplace
