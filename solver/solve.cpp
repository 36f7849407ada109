#include "solver/solve.hpp"

#include <fmt/format.h>
#include <tbb/info.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

#include "bounds/assignment_prices.hpp"
#include "bounds/dual_lp.hpp"
#include "bounds/lagrangian.hpp"
#include "heuristics/column_dive.hpp"
#include "heuristics/greedy.hpp"
#include "heuristics/local_search.hpp"
#include "heuristics/sequential_dp.hpp"
#include "model/errors.hpp"
#include "model/validate.hpp"
#include "solver/chain_order.hpp"
#include "solver/infeasibility.hpp"
#include "solver/neighbourhoods.hpp"
#include "solver/path_enumeration.hpp"
#include "solver/path_packing.hpp"
#include "solver/search.hpp"

namespace cnnplace {

const char* to_string(SolveStatus s) {
  switch (s) {
    case SolveStatus::optimal: return "optimal";
    case SolveStatus::feasible: return "feasible";
    case SolveStatus::infeasible: return "infeasible";
    case SolveStatus::no_solution: return "no_solution";
    case SolveStatus::invalid_input: return "invalid_input";
  }
  return "unknown";
}

namespace {

constexpr double kDiveNodeBudget = 20000;
constexpr double kLocalSearchSeconds = 1.0;  // per heuristic offer
constexpr double kLocalSearchShare = 0.05;   // of the time limit, per heuristic offer
constexpr double kRootTimeShare = 0.5;       // of the time limit, for the Lagrangian ascent
// Node duals where one pricing round (every chain's tables) has at most this many cells
// (layers x units): a node's dual prices a few to a few dozen rounds, and the search makes
// hundreds of them. Three AlexNets at N = 50 have 1050 cells (0.3 ms per node dual); ten
// 5-layer CNNs at N = 100, 5000 (on `cnnplace generate --units 100 --cnns 10 --L 1
// --scale-density --connect resample --seed 1` their node duals cut a 13.4 s proof to
// 3.6 s); twenty at N = 200, 20 000 (2.4 ms per round: 576 nodes in 10 s).
constexpr double kNodeDualRoundCells = 5000;
// Path enumeration budgets (steps, paths, combination work; path_enumeration.hpp), right after
// the first column generation and again before the search. Measured on the later suite's 40
// L = 1 systems: the quick one proves 21 of them in 2-13 ms, and costs 3-8 ms where it
// fails; the full one's combination work may reach 10^7, which the systems that list few
// paths need (two proofs went from 350 to 95 ms). Its paths (10^6) and integer-program work
// (10^8) are those a proof of twenty 5-layer CNNs at N = 100, L = 2 needs (HaLow: 259 064
// paths in the last pass, proven in 27 s, open at 60 s with 10^5 and 10^7; Wi-Fi 4: 252
// nodes of 38 585-86 577 columns); under a time limit the enumeration stops at its share.
const EnumerationLimits kQuickEnumeration{2e5, 2e4, 2e5, 0, {}};
const EnumerationLimits kFullEnumeration{1e7, 1e6, 1e7, 1e8, {}};
// The enumeration before the search, up to this many table cells (layers x units): its
// tables are two per chain, and the walk builds the moves of the states it reaches. Measured
// (10 s limit, one seed each): five 5-layer CNNs at N = 400, L = 1 proven in 0.5 s (open at
// 60 s without it); at N = 500-2000 with 5-20 CNNs, seven of ten systems proven in 1.2-5 s
// that were open at 10 s; at N = 2000, C = 50 (250 000-350 000 cells) its passes run out of
// paths in about a second and leave the search the same nodes and memory.
constexpr double kEnumerationCells = 1e6;
// Without unit masks (some L_i > 1) the combination is slower per step and cuts less: its
// work is kept in proportion to the system (two 5-layer CNNs at N = 30, L = 2 took 190 ms to
// prove what the search proves in 15 nodes, 10 ms).
constexpr double kUnmaskedWorkPerCell = 100;
// Under a time limit, the enumeration before the search stops at this share of the time left.
constexpr double kEnumerationTimeShare = 0.5;
// The integer program of the enumeration (solver/path_packing.hpp) gets work (nodes x
// columns, 1-3 microseconds each) in proportion to the system's cells cubed, up to
// kFullEnumeration's 10^7: where the search is quick it should not wait for GLPK, and where
// the search is hopeless it should. Measured: two 5-layer CNNs at N = 30, L = 2 (300 cells;
// work 2 700) spent 0.6 s and 203 nodes on what the search proves in 10 ms when the budget
// was larger; ten 5-layer CNNs at N = 100, L = 1 (5 000 cells; 10^7) are proven by it in
// 336 nodes, 10.7 s, where the search leaves 0.025 % open after 60 s and 2.4 million nodes;
// ten AlexNets at N = 200, L = 1 (14 000 cells) are proven at its first node.
constexpr double kPackingCellsCubedPerWork = 1e4;
// The large neighbourhood search ends by this share of the time limit (the root's dual has
// had up to kRootTimeShare of it); the rest is the enumeration's and the search's.
constexpr double kNeighbourhoodTimeShare = 0.75;
// ... and by this share over kKeepDualCells table cells, where neither the enumeration nor
// the search improves anything in the time left (N = 2000, C = 50: 80 000 nodes and no
// change in the last quarter) and the neighbourhoods still do. Fifty AlexNets at N = 2000,
// L = 2, 90-10, HaLow, 60 s: seed 1 237.41 -> 237.31 s (one thread); seed 2 248.60 ->
// 248.44 s (two threads).
constexpr double kNeighbourhoodTimeShareAtScale = 0.9;
// Over kKeepDualCells table cells, a relative gap above which the enumeration is not expected
// to close it. At N = 2000, C = 50 (seed 1, 60 s) it proves systems whose optimum is up to
// 0.12 % above the root's bound (fifty 5-layer CNNs at L = 2, 50-50: 0.023 % and 0.118 %,
// proven in 13.6 and 10.7 s; with the other sizes first, 35.2 and 30.4 s), and its listing
// never finishes where the best placements known are 0.66 % and more above it (fifty
// AlexNets at L = 2, 90-10, HaLow: 0.66 % and 1.15 %).
constexpr double kEnumerationGapAtScale = 3e-3;
// Subset-row cuts in the root's column generation (bounds/subset_rows.hpp), where units hold
// a few layers. Measured (the dual alone, from zero): twenty 5-layer CNNs at N = 100, L = 1,
// HaLow needed 186 before none was violated (3 668.49 -> 3 674.94 ms, 0.9 s more); ten
// AlexNets at N = 500, L = 1 needed 57-58 (Wi-Fi 4 14 960.19 -> 14 975.25 ms, HaLow
// 33 768.71 -> 33 919.76 ms, 1 s in all).
constexpr int kMaxSubsetRows = 300;
// ... and only where a pricing round has more than SolverOptions::subset_row_cells table
// cells (layers x units; 2 000 by default). Below, the quick enumeration after the first
// dual closes most gaps, and the cuts' rounds and multipliers cost more than they save: on
// the later suite's L = 1 systems (N = 50, three AlexNets, 1 050 cells;
// `cnnplace-bench-solver --suite later`, same run) the median went from 9.4 to 16.3 ms and
// the 90th percentile from 220 to 557 ms (Wi-Fi 4) with them, and the paper suite's median
// from 0.064 to 0.093 ms. Above, they pay: ten 5-layer CNNs at
// N = 100, L = 1 (the `larger` suite, 5 000 cells) are proven in 0.09 s with them and stay
// open at 60 s without; three AlexNets at N = 100 (2 400 cells) cost 12-14 ms either way.
// From this many table cells, a converged first root dual is kept (root_dual()).
constexpr double kKeepDualCells = 2e5;
// From there, the column dive (heuristics/column_dive.hpp) fixes several chains per dual, and
// may take this share of the time limit: fifty AlexNets at N = 2000, L = 2,
// 90-10, HaLow, where the dual takes 14 s and one residual dual about 1 s, stopped at its
// first fix with a local search's second. (Without a time limit: kColumnDiveSeconds.)
constexpr double kColumnDiveShare = 0.1;
constexpr double kColumnDiveSeconds = 10.0;
// Work of the restricted master heuristic (restricted_master below): branch-and-bound nodes
// times columns, 1-3 microseconds each (and at most packing_work()).
constexpr double kRestrictedMasterWork = 1e6;

// The enumeration's integer program's work budget (kPackingCellsCubedPerWork).
double packing_work(const Problem& p) {
  const double cells = p.table_cells();
  return cells * cells * cells / kPackingCellsCubedPerWork;
}

// Offers a placement found outside the search, after local search if enabled.
void offer_heuristic(const Problem& p, const SolverOptions& o, Incumbent& inc, std::vector<int> units,
                     double now_s, std::chrono::steady_clock::time_point deadline) {
  double cost = placement_cost(p, units);
  if (o.local_search) {
    LocalSearchResult ls = local_search(p, std::move(units), 50, deadline);
    units = std::move(ls.unit_of_item);
    cost = ls.cost;
  }
  inc.offer(cost, units, nullptr, now_s);
}

class Solver {
 public:
  Solver(const Instance& inst, const SolverOptions& o) : inst_(inst), o_(o) {
    control_.options = &o_;
    control_.start = std::chrono::steady_clock::now();
    control_.node_limit = o_.node_limit;
  }

  SolveResult run() {
    SolveResult r;
    r.options = o_;
    r.stats.threads = o_.threads > 0 ? o_.threads : tbb::info::default_concurrency();
    try {
      validate_options(o_);
      validate(inst_);
    } catch (const InputError& e) {
      r.status = SolveStatus::invalid_input;
      r.message = e.what();
      return finish(r);
    }
    const Problem p = build_problem(inst_);
    if (auto reason = explain_infeasibility(p)) return infeasible(r, *reason);

    // Anytime (issue 8): a first placement at once, then the bounds and better placements,
    // each phase stopping at the time limit with what it has.
    Incumbent heuristic(o_.abs_tolerance_s, o_.rel_tolerance);
    if (auto units = greedy_placement(p)) {
      heuristic.offer(placement_cost(p, *units), *units, nullptr, control_.elapsed_s());
      first_found_s_ = heuristic.first_found_at_s();
    }
    const LagrangianEvaluation free = evaluate_lagrangian(p, Multipliers::zero(p.units));
    r.stats.root_bound_s = r.stats.root_lagrangian_bound_s = free.bound;
    if (!(free.bound < kInf)) return infeasible(r, chain_reason(p));
    if (auto units = feasible_item_units(p, free.paths)) {
      // The capacity-free optimum respects every capacity: it is optimal.
      heuristic.offer(placement_cost(p, *units), *units, nullptr, control_.elapsed_s());
      return conclude(r, p, heuristic, free.bound, true);
    }
    double bound = free.bound;
    report(heuristic, bound);
    if (heuristic.has_value()) offer_heuristic(p, o_, heuristic, heuristic.units(), control_.elapsed_s(), deadline());
    const bool large = use_nearest_sources(p);  // chain tables cost milliseconds each
    if (!out_of_time())
      if (auto units = sequential_chain_dp(p, Multipliers::zero(p.units), large ? 1 : 6))
        offer_heuristic(p, o_, heuristic, *units, control_.elapsed_s(), deadline());
    if (!heuristic.has_value() && !out_of_time()) dive(p, heuristic, Multipliers::zero(p.units));
    first_found_s_ = heuristic.first_found_at_s();
    report(heuristic, bound);
    RootDual root = root_dual(p, heuristic, r.stats, bound);
    bound = root.bound;
    r.stats.root_lagrangian_bound_s = bound;
    r.stats.heuristic_objective_s = heuristic.has_value() ? heuristic.value() : -1;
    report(heuristic, bound);
    if (heuristic.has_value() && (root.proven || !gap_open(heuristic, bound)))
      return conclude(r, p, heuristic, bound, true);
    if (out_of_time()) return conclude(r, p, heuristic, bound, false);
    // One size first, and the others (below kKeepDualCells) only where the enumeration does
    // not prove the placement optimal: they cost it time (all three sizes first: twenty
    // 5-layer CNNs at N = 100, L = 2, HaLow, proven in 19.9 s instead of 10.8 s; fifty
    // AlexNets at N = 2000, L = 2, 50-50, in 32.5 s instead of 14.5 s on Wi-Fi 4 and 43.2 s
    // instead of 16.2 s on HaLow). Except at
    // scale with a gap too large for the enumeration (kEnumerationGapAtScale): there the other
    // sizes follow at once, and improve on each other (fifty AlexNets at N = 2000, L = 2,
    // 90-10, HaLow, seed 2, two threads: 1.11-1.13 % at 60 s; 1.16-1.25 % with the other
    // sizes after the enumeration, which lists paths until its time share is spent).
    auto sizes_at_once = [&](double value) {
      return p.table_cells() > kKeepDualCells && value - bound > kEnumerationGapAtScale * value;
    };
    bool all_sizes = false;
    if (heuristic.has_value() &&
        improve_by_neighbourhoods(p, heuristic, bound, r.stats, kMoreNeighbourhoodSizes, sizes_at_once, &all_sizes) &&
        !gap_open(heuristic, bound))
      return conclude(r, p, heuristic, bound, true);
    if (out_of_time()) return conclude(r, p, heuristic, bound, false);
    // Again with the root's final multipliers and incumbent, and a larger budget, before the
    // search.
    if (heuristic.has_value() &&
        enumerate(p, prices(root.lambda, root.bound, root.with_cuts), heuristic, kFullEnumeration, kEnumerationCells,
                  r.stats, &bound))
      return conclude(r, p, heuristic, bound, true);
    // The enumeration's programs may run to the limit itself (PackingLimits::hard_stop): the
    // search's tables would only add to the overrun (0.3 s at N = 2000, C = 50).
    if (out_of_time()) return conclude(r, p, heuristic, bound, false);
    // Not at scale, where the gap is small: there the search's time is what proves (fifty
    // AlexNets at N = 2000, L = 1, 50-50, HaLow, seed 2: proven in 51.6 s without them, open
    // at 60 s with them).
    const std::vector<double> later_sizes(kMoreNeighbourhoodSizes.begin() + 1, kMoreNeighbourhoodSizes.end());
    if (!all_sizes && p.table_cells() <= kKeepDualCells && heuristic.has_value() &&
        improve_by_neighbourhoods(p, heuristic, bound, r.stats, later_sizes, nullptr, &all_sizes) &&
        !gap_open(heuristic, bound))
      return conclude(r, p, heuristic, bound, true);
    if (out_of_time()) return conclude(r, p, heuristic, bound, false);

    // The search runs on the chains in their search order; the multipliers are per unit and
    // carry over unchanged. Only together with node duals, where the order was measured
    // (solver/chain_order.hpp): without them it can cost as much as it saves (five AlexNets
    // at N = 1000, L = 2: open at 20 s instead of proven in 1.8 s).
    const bool node_duals = root.node_duals && o_.node_duals > 0;
    const std::vector<int>& chain_order = root.chain_order;
    const bool reordered = node_duals && !std::is_sorted(chain_order.begin(), chain_order.end());
    const Instance searched_instance = reordered ? with_cnn_order(inst_, chain_order) : Instance{};
    const Problem searched_problem = reordered ? build_problem(searched_instance) : Problem{};
    const Problem& q = reordered ? searched_problem : p;
    auto to_searched = [&](const std::vector<int>& units) {
      return reordered ? to_item_units(q, to_cnn_order(to_placement(p, units), chain_order)) : units;
    };
    // A fresh incumbent that ranks the heuristic's placement after every search path
    // (solver/incumbent.hpp: the answer must not depend on the schedule).
    Incumbent inc(o_.abs_tolerance_s, o_.rel_tolerance);
    if (heuristic.has_value()) inc.offer(heuristic.value(), to_searched(heuristic.units()), nullptr, heuristic.found_at_s());
    SearchTables tables(q, root.lambda);
    // Where the subgradient steps could not close the root, they would not close the nodes
    // either: there the nodes near the root solve their own dual. Not where the root's own
    // column generation was slow or ran out of time (N = 2000, C = 50: 30 s for 38 rounds):
    // a node's dual would cost nearly as much, and the search needs the nodes.
    if (node_duals) tables.node_dual_depth = static_cast<int>(o_.node_duals * q.item_count());
    control_.root_bound_s = bound;
    SearchOutcome out = run_search(q, tables, inc, control_, r.stats.threads);
    accumulate(r.stats, out.stats);
    if (out.complete && !inc.has_value())
      return infeasible(r, fmt::format("no placement satisfies every unit's capacities (L, memory, compute): "
                                       "the search proved it over {:.0f} nodes; raise L or add units",
                                       r.stats.nodes));
    const double proven = out.complete ? inc.value() : std::min(out.open_bound, inc.value());
    const double final_bound = std::max(bound, std::min(proven, inc.value()));
    if (!reordered) return conclude(r, p, inc, final_bound, out.complete);
    Incumbent back(o_.abs_tolerance_s, o_.rel_tolerance);
    if (inc.has_value())
      back.offer(inc.value(), to_item_units(p, from_cnn_order(to_placement(q, inc.units()), chain_order)), nullptr,
                 inc.found_at_s());
    return conclude(r, p, back, final_bound, out.complete);
  }

 private:
  bool out_of_time() const {
    return control_.elapsed_s() >= o_.time_limit_s || (o_.interrupt && o_.interrupt->load());
  }
  // Local search stops here: the time limit, or at most a second past now at scale, and at
  // most 5 % of the time limit (each of the root's heuristics gets its own: with a 3 s
  // limit at N = 200, C = 50, two full seconds of local search left the root's dual no time).
  // `column_dive`: the column dive's deadline at scale instead (kColumnDiveShare).
  std::chrono::steady_clock::time_point deadline(bool column_dive = false) const {
    const double left = std::min(o_.time_limit_s - control_.elapsed_s(),
                                 column_dive ? std::min(kColumnDiveSeconds, kColumnDiveShare * o_.time_limit_s)
                                             : std::min(kLocalSearchSeconds, kLocalSearchShare * o_.time_limit_s));
    return std::chrono::steady_clock::now() +
           std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(std::max(0.0, left)));
  }
  double root_time_budget_s() const { return kRootTimeShare * o_.time_limit_s; }

  // What the root's Lagrangian phase leaves for the search.
  struct RootDual {
    double bound = 0;       // the best Lagrangian bound (at least the capacity-free one)
    Multipliers lambda;     // its multipliers
    bool node_duals = false;  // it converged, and a pricing round is cheap: nodes may solve their own
    bool proven = false;      // the incumbent is optimal (path enumeration closed the gap)
    // The best bound with subset-row cuts (bounds/subset_rows.hpp), where they raised it:
    // `bound` includes it, `lambda` is the best without cuts (the search's tables cannot
    // price cuts), and the path enumeration prices with these when they are higher.
    DualLpResult::WithCuts with_cuts;
    std::vector<int> chain_order;  // the search's chain order (solver/chain_order.hpp); empty: as given
  };

  // The Lagrangian bound at the root, with the heuristics that feed on its multipliers.
  RootDual root_dual(const Problem& p, Incumbent& heuristic, SolveStats& stats, double free_bound) {
    RootDual out;
    out.bound = free_bound;
    out.lambda = Multipliers::zero(p.units);
    const bool large = use_nearest_sources(p);  // chain tables cost milliseconds each
    if (o_.lagrangian_iterations > 0 && !out_of_time()) {
      AscentOptions ao;
      ao.max_iterations = o_.lagrangian_iterations;
      // Lagrangian heuristic: the chains placed one by one at each step's prices.
      int step = 0;
      ao.primal = [&](const Multipliers& l) {
        if (step++ % 5 == 0 && !out_of_time())
          if (auto units = sequential_chain_dp(p, l, large ? 1 : 2)) offer_if_promising(p, heuristic, *units);
        return heuristic.value();
      };
      // At scale the ascent may use half the time limit; the search needs the rest.
      ao.stop = [&] { return control_.elapsed_s() >= root_time_budget_s() || out_of_time(); };
      ao.on_bound = [&](double b) { report(heuristic, std::max(out.bound, b)); };
      // The Lagrangian dual by column generation (bounds/dual_lp.hpp), seeded with the
      // incumbent's chain paths: about 30-60 chain tables at N = 50 where 200 subgradient
      // steps price 600-1700 and stop lower. First from zero: where it closes the gap, the
      // root is done in a few milliseconds. Where it does not, that run is set aside (its
      // placements join before the search) and the subgradient steps run as if it had not
      // been, for their Lagrangian heuristic's placements, then column generation again from
      // their multipliers: among the dual's many optimal multipliers these served the search
      // better (on the later suite's L = 1 systems, 45 ms median against 84-100 ms when the
      // first run's multipliers or placements steered the rest).
      AscentResult ascent;
      ascent.bound = -kInf;
      ascent.lambda = Multipliers::zero(p.units);
      // Node duals only where the root's dual converges and one pricing round is cheap, in
      // table cells (layers x units; a deterministic measure, unlike a clock).
      const bool cheap_rounds = p.table_cells() <= kNodeDualRoundCells;
      // `prefer`: keep this run's multipliers unless an earlier bound is clearly higher.
      // Its placements go to `target`.
      bool dual_converged = false;
      auto run_dual = [&](const Multipliers& warm, bool prefer, Incumbent& target) {
        DualLpOptions dual_options;
        dual_options.stop = ao.stop;
        dual_options.on_bound = ao.on_bound;
        dual_options.max_subset_rows = p.table_cells() > o_.subset_row_cells ? kMaxSubsetRows : 0;
        dual_options.threads = stats.threads;
        DualLpStart dual_start;
        if (target.has_value()) dual_start.placements.push_back(target.units());
        dual_start.warm = &warm;
        dual_start.upper_bound = target.value();
        dual_start.tolerance = tolerance(target);
        DualLpResult dual = lagrangian_dual_lp(p, dual_start, dual_options);
        stats.lagrangian_iterations += dual.rounds;
        stats.subset_rows += dual.with_cuts.rows;
        for (auto& units : dual.feasible_item_units) offer_if_promising(p, target, units);
        if (!dual.solution.empty() && gap_open(target, dual.bound) && !ao.stop()) {
          // Where a dual takes seconds, the dive fixes several chains per dual, with a share of
          // the time limit instead of a local search's second.
          ColumnDiveOptions dive_options;
          dive_options.fix_many = p.table_cells() > kKeepDualCells;
          dive_options.threads = stats.threads;
          dive_options.stop = [until = deadline(dive_options.fix_many)] {
            return std::chrono::steady_clock::now() >= until;
          };
          if (auto units = column_dive(p, dual, dive_options))
            offer_if_promising(p, target, *units);
        }
        if (!dual.columns.empty() && target.has_value() && gap_open(target, dual.bound) && !ao.stop())
          if (auto units = restricted_master(p, dual.columns, target)) offer_if_promising(p, target, *units);
        const double slack = prefer ? 1e-9 * std::fabs(ascent.bound) : 0.0;
        if (dual.bound > ascent.bound - slack) {
          ascent.bound = std::max(ascent.bound, dual.bound);
          ascent.lambda = std::move(dual.lambda);
        }
        if (dual.with_cuts.bound > out.with_cuts.bound) out.with_cuts = std::move(dual.with_cuts);
        if (!dual.paths_in_use.empty()) out.chain_order = chain_search_order(dual.paths_in_use);
        out.node_duals = dual.converged && cheap_rounds;
        dual_converged = dual.converged;
      };
      Incumbent quick(o_.abs_tolerance_s, o_.rel_tolerance);
      if (heuristic.has_value()) quick.offer(heuristic.value(), heuristic.units(), nullptr, heuristic.found_at_s());
      if (o_.dual_lp) run_dual(Multipliers::zero(p.units), false, quick);
      bool closed = quick.has_value() && !gap_open(quick, std::max(ascent.bound, out.with_cuts.bound));
      // Where it converged but did not close, the path enumeration under its multipliers
      // often does (solver/path_enumeration.hpp): on the later suite's L = 1 systems its
      // bound is the optimum, or within a hop of a small transfer, and what is missing is
      // the placement, or the proof that none is cheaper.
      // (Its passes are at gaps too small to be worth a bound.)
      if (!closed && out.node_duals && quick.has_value() && !ao.stop())
        closed = out.proven = enumerate(p, prices(ascent.lambda, ascent.bound, out.with_cuts), quick,
                                        kQuickEnumeration, kNodeDualRoundCells, stats);
      // Where rounds are very dear and the large neighbourhoods follow, a converged dual is
      // kept: the subgradient steps and the second dual would add little but time (fifty
      // AlexNets at N = 2000: from 7 s to 30 s, for a lower bound), which the neighbourhoods
      // use better. Not below kKeepDualCells: there the restart is quick, and its multipliers
      // lead the search to better placements (twenty AlexNets at N = 500, L = 2, HaLow:
      // 55 045 ms at the search's start, 55 237 ms after 60 s when the first dual was kept).
      const bool keep = dual_converged && p.table_cells() > kKeepDualCells && o_.neighbourhoods && !p.has_shared_items();
      if (!closed && !keep && !ao.stop()) {
        // Set aside: see above. (Its placement joins after the ascents.)
        ascent.bound = -kInf;
        ascent.lambda = Multipliers::zero(p.units);
        out.chain_order.clear();
        out.node_duals = false;
        // Two starts, zero and the slot prices of the transportation problem.
        AscentResult zero_start = lagrangian_ascent(p, heuristic.value(), tolerance(heuristic), ao);
        stats.lagrangian_iterations += zero_start.iterations;
        for (auto& units : zero_start.feasible_item_units) offer_if_promising(p, heuristic, units);
        if (zero_start.bound > ascent.bound) ascent.bound = zero_start.bound, ascent.lambda = zero_start.lambda;
        const Multipliers prices = ao.stop() ? Multipliers::zero(p.units) : assignment_prices(p);
        if (prices.constant() > 0 && gap_open(heuristic, ascent.bound) && !ao.stop()) {
          AscentResult priced = lagrangian_ascent(p, heuristic.value(), tolerance(heuristic), ao, &prices);
          stats.lagrangian_iterations += priced.iterations;
          for (auto& units : priced.feasible_item_units) offer_if_promising(p, heuristic, units);
          if (priced.bound > ascent.bound) ascent.bound = priced.bound, ascent.lambda = std::move(priced.lambda);
        }
        if (o_.dual_lp && gap_open(heuristic, ascent.bound) && !ao.stop())
          run_dual(Multipliers(ascent.lambda), true, heuristic);
      }
      if (quick.has_value() && quick.value() < heuristic.value())
        heuristic.offer(quick.value(), quick.units(), nullptr, quick.found_at_s());
      if (ascent.bound > out.bound) {
        out.bound = ascent.bound;
        out.lambda = std::move(ascent.lambda);
        if (!out_of_time() && !out.proven)
          if (auto units = sequential_chain_dp(p, out.lambda, large ? 1 : 6)) offer_if_promising(p, heuristic, *units);
        // Lagrangian dive: the search's first leaf under the priced bounds, best child first.
        if (!large && !out_of_time() && !out.proven && gap_open(heuristic, out.bound)) dive(p, heuristic, out.lambda);
      }
      out.bound = std::max(out.bound, out.with_cuts.bound);
    }
    return out;
  }

  // The prices a path enumeration works under: `lambda`, or the subset-row cuts' prices with
  // their multipliers where those reach `bound` (null cuts: none).
  struct Prices {
    const Multipliers& lambda;
    const SubsetRowPrices* cuts = nullptr;
  };
  static Prices prices(const Multipliers& lambda, double bound, const DualLpResult::WithCuts& with_cuts) {
    if (with_cuts.bound > -kInf && with_cuts.bound >= bound) return {with_cuts.lambda, &with_cuts.cuts};
    return {lambda, nullptr};
  }

  // Reduced-cost path enumeration (solver/path_enumeration.hpp) below the incumbent, within
  // `budget`: true when it proved the incumbent (perhaps the placement it found) optimal.
  // Only where its tables are cheap (`cells`: layers x units): at N = 2000 and C = 50
  // building them alone takes 0.6 s.
  // And not with shared layers: there the chains' paths must also agree on the shared
  // layers' units, which the combination can only test path by path; on the paper suite's
  // two 5-layer CNNs sharing two layers it took up to 0.96 s where the search takes 8 ms.
  // `bound`, if given, rises by what its completed passes proved.
  bool enumerate(const Problem& p, const Prices& prices, Incumbent& inc, EnumerationLimits budget, double cells,
                 SolveStats& stats, double* bound = nullptr) {
    if (!o_.enumerate || !inc.has_value() || out_of_time() || p.table_cells() > cells || p.has_shared_items())
      return false;
    // Under a time limit, at most half of what is left: the search gets the rest.
    const double stop_at_s = control_.elapsed_s() + kEnumerationTimeShare * (o_.time_limit_s - control_.elapsed_s());
    budget.stop = [this, stop_at_s] { return out_of_time() || control_.elapsed_s() >= stop_at_s; };
    budget.hard_stop = [this] { return out_of_time(); };
    if (std::isfinite(o_.time_limit_s)) budget.seconds_left = [this] { return o_.time_limit_s - control_.elapsed_s(); };
    // Not at scale, where the phase has a few seconds for its passes of 50 000 paths and
    // more: fifty AlexNets at N = 2000, L = 2, 90-10, HaLow, seed 2, ended at 245.836 s
    // instead of 245.885 s with them (one pass fewer).
    budget.cut_rows = p.table_cells() <= kKeepDualCells;
    if (!one_layer_per_unit(p))
      budget.max_combinations = std::min(budget.max_combinations, kUnmaskedWorkPerCell * p.table_cells());
    budget.max_packing_work = std::min(budget.max_packing_work, packing_work(p));
    const EnumerationResult e =
        enumerate_below(p, prices.lambda, inc.value(), {o_.abs_tolerance_s, o_.rel_tolerance}, budget, prices.cuts);
    stats.enumerated_paths += e.paths;
    stats.packing_nodes += e.packing_nodes;
    if (e.units) inc.offer(e.value, *e.units, nullptr, control_.elapsed_s());
    if (!e.complete && bound) *bound = std::max(*bound, e.proven_bound);
    return e.complete;
  }

  // Large neighbourhoods (solver/neighbourhoods.hpp), where a round of tables is too dear for
  // node duals: until a pass of each of `sizes` finds nothing better, or
  // kNeighbourhoodTimeShare (kNeighbourhoodTimeShareAtScale) of the time limit. True when it
  // improved the incumbent.
  // `next_size`, `all_sizes`: NeighbourhoodOptions::next_size, NeighbourhoodResult::all_sizes.
  bool improve_by_neighbourhoods(const Problem& p, Incumbent& inc, double bound, SolveStats& stats,
                                 const std::vector<double>& sizes, std::function<bool(double)> next_size,
                                 bool* all_sizes) {
    if (!o_.neighbourhoods || p.has_shared_items() || p.table_cells() <= kNodeDualRoundCells || out_of_time())
      return false;
    NeighbourhoodOptions no;
    no.sizes = sizes;
    no.next_size = std::move(next_size);
    no.tolerance = {o_.abs_tolerance_s, o_.rel_tolerance};
    no.packing_work = std::min(kRestrictedMasterWork, packing_work(p));
    no.threads = stats.threads;
    const double share = p.table_cells() > kKeepDualCells ? kNeighbourhoodTimeShareAtScale : kNeighbourhoodTimeShare;
    const double stop_at_s = share * o_.time_limit_s;
    no.stop = [this, stop_at_s] { return out_of_time() || control_.elapsed_s() >= stop_at_s; };
    if (no.stop()) return false;  // its share is spent (and the capacity-free tables would cost)
    no.on_improvement = [&](const std::vector<int>& units, double value) {
      inc.offer(value, units, nullptr, control_.elapsed_s());
      report(inc, bound);
    };
    const NeighbourhoodResult n = cnnplace::improve_by_neighbourhoods(p, inc.units(), no);
    stats.neighbourhoods += n.neighbourhoods;
    *all_sizes = n.all_sizes;
    return n.improvements > 0;
  }

  // A progress line from the root (the search reports its own).
  void report(const Incumbent& inc, double bound) {
    if (!o_.on_progress || !(o_.progress_interval_s > 0)) return;
    const double now = control_.elapsed_s();
    if (now < next_report_s_ && inc.value() == reported_incumbent_) return;
    Progress pr;
    pr.seconds = now;
    pr.incumbent_s = inc.value();
    pr.bound_s = std::min(bound, inc.value());
    pr.new_incumbent = inc.value() != reported_incumbent_;
    next_report_s_ = now + o_.progress_interval_s;
    reported_incumbent_ = inc.value();
    o_.on_progress(pr);
  }

  // The ascent's stopping tolerance: that of the incumbent, or none while there is none.
  double tolerance(const Incumbent& inc) const { return inc.has_value() ? inc.tolerance(inc.value()) : 0.0; }
  // Is `bound` still below the incumbent by more than its tolerance (nothing proven yet)?
  bool gap_open(const Incumbent& inc, double bound) const { return bound < inc.value() - tolerance(inc); }

  // Local search is the dear part of a heuristic offer: spend it only on placements within
  // 5 % of the incumbent.
  void offer_if_promising(const Problem& p, Incumbent& inc, const std::vector<int>& units) {
    const double cost = placement_cost(p, units);
    if (inc.has_value() && cost > 1.05 * inc.value()) return;
    offer_heuristic(p, o_, inc, units, control_.elapsed_s(), deadline());
  }

  // The best placement made of the dual's columns and the incumbent's own chain paths (the
  // enumeration's integer program, solver/path_packing.hpp, on them alone): a price-and-
  // branch heuristic. Where the dual is far from the optimum its columns hold combinations
  // that the dives miss: ten AlexNets at N = 500, L = 1 on HaLow (`cnnplace generate
  // --units 500 --cnns 10 --cnn alexnet --L 1 --tech halow --scale-density --connect
  // resample --seed 1`) ended at 34 449 ms after 30 s without it, 34 408 ms with it.
  std::optional<std::vector<int>> restricted_master(const Problem& p, const std::vector<ChainPath>& columns,
                                                    const Incumbent& inc) {
    const double below = inc.value() - tolerance(inc);
    return pack_columns(p, columns, inc.units(), below, inc.tolerance(below),
                        std::min(kRestrictedMasterWork, packing_work(p)), [this] { return out_of_time(); });
  }

  // Depth-first dive, stopped at the first complete placement: on the capacity-free tables a
  // feasible start whose value the Lagrangian ascent aims at; on the priced ones after the
  // ascent, a Lagrangian rounding of the relaxation.
  void dive(const Problem& p, Incumbent& heuristic, const Multipliers& lambda) {
    SearchControl dive_control;
    SolverOptions quiet = o_;
    quiet.on_progress = nullptr;
    dive_control.options = &quiet;
    dive_control.start = control_.start;
    dive_control.stop_at_first_leaf = true;
    dive_control.node_limit = std::min(kDiveNodeBudget, o_.node_limit);
    Incumbent first(o_.abs_tolerance_s, o_.rel_tolerance);
    const SearchTables tables(p, lambda);
    run_search(p, tables, first, dive_control, 1);
    if (first.has_value()) offer_heuristic(p, o_, heuristic, first.units(), control_.elapsed_s(), deadline());
  }

  static void accumulate(SolveStats& into, const SolveStats& s) {
    into.nodes += s.nodes;
    into.leaves += s.leaves;
    into.node_duals += s.node_duals;
    into.pruned_by_bound += s.pruned_by_bound;
    into.pruned_by_capacity += s.pruned_by_capacity;
  }

  std::string chain_reason(const Problem& p) const {
    for (int u = 0; u < static_cast<int>(p.chains.size()); ++u)
      if (!(ChainTables(p, u, Multipliers::zero(p.units)).root() < kInf))
        return fmt::format("{} cannot be placed even alone: its consecutive layers would have to share units "
                           "that cannot hold them together (L, memory or compute); raise L or add units",
                           inst_.cnns[u].name);
    return "no placement satisfies the capacities";
  }

  SolveResult infeasible(SolveResult& r, std::string reason) {
    r.status = SolveStatus::infeasible;
    r.message = std::move(reason);
    r.lower_bound_s = kInf;
    return finish(r);
  }

  SolveResult conclude(SolveResult& r, const Problem& p, const Incumbent& inc, double bound, bool proven) {
    if (!inc.has_value()) {
      r.status = SolveStatus::no_solution;
      r.lower_bound_s = bound;
      r.message = "a limit stopped the search before any feasible placement was found";
      return finish(r);
    }
    const std::vector<int> units = inc.units();
    r.placement = to_placement(p, units);
    // The independent checker has the last word on every answer (style.md #8).
    if (const auto violations = check(inst_, *r.placement); !violations.empty())
      throw std::logic_error("solver produced an infeasible placement: " + violations.front().message);
    r.evaluation = evaluate(inst_, *r.placement);
    r.objective_s = r.evaluation->objective();
    r.lower_bound_s = proven ? r.objective_s : std::min(bound, r.objective_s);
    r.status = proven ? SolveStatus::optimal : SolveStatus::feasible;
    r.gap = r.objective_s > 0 ? (r.objective_s - r.lower_bound_s) / r.objective_s : 0.0;
    r.stats.time_to_first_s = first_found_s_ >= 0 ? first_found_s_ : inc.first_found_at_s();
    r.stats.time_to_best_s = inc.found_at_s();
    return finish(r);
  }

  SolveResult finish(SolveResult& r) {
    r.stats.seconds = control_.elapsed_s();
    return std::move(r);
  }

  const Instance& inst_;
  SolverOptions o_;
  SearchControl control_;
  double first_found_s_ = -1;  // the first heuristic placement's time
  double next_report_s_ = 0, reported_incumbent_ = -1;
};

}  // namespace

SolveResult solve(const Instance& instance, const SolverOptions& options) {
  return Solver(instance, options).run();
}

}  // namespace cnnplace
