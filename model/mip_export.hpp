#pragma once
// The placement problem as a mixed-integer linear program, for other solvers (CBC, GLPK,
// HiGHS, SCIP, Gurobi) to cross-check our optimum and to serve as the baseline we measure
// against (design.md). docs/mip-formulation.md derives it from the paper's Eqs. (2)-(14).
//
// The paper's objective is quadratic in the assignment (alpha_{u,i,j} * alpha_{u,k,j+1}).
// We linearise it with flows: binaries x[k,i] put placement item k on unit i, and for every
// pair of consecutive items (a, b) of some chain a continuous y[a,b,i,k] carries "a on i, b on
// k"; sum_k y[a,b,i,k] = x[a,i] and sum_i y[a,b,i,k] = x[b,k]. Its LP relaxation equals the
// Lagrangian bound of design.md. The naive product linearisation (y >= x + x' - 1) is kept
// only to show how much weaker it is.
//
// The objective is in seconds and reproduces evaluate() exactly for an integral solution.
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "model/ids.hpp"
#include "model/instance.hpp"
#include "model/items.hpp"
#include "model/placement.hpp"

namespace cnnplace {

enum class MipFormulation {
  strong,        // flow linearisation over every candidate pair (i, k)
  strong_tight,  // strong, without y[a,b,i,i] where a and b cannot share unit i (design.md)
  naive,         // y >= x[a,i] + x[b,k] - 1: the textbook product linearisation
};

enum class MipFormat {
  lp,   // CPLEX LP
  mps,  // free MPS
};

const char* to_string(MipFormulation f);
const char* to_string(MipFormat f);

struct MipVariable {
  std::string name;
  double lower = 0;
  double upper = 1;      // +inf for unbounded
  bool binary = false;
  double cost = 0;       // objective coefficient, seconds
};

enum class RowSense { le, eq, ge };

struct MipTerm {
  int variable = 0;      // index into MipModel::variables
  double coefficient = 0;
};

struct MipRow {
  std::string name;
  std::vector<MipTerm> terms;  // may be empty (an item with no candidate unit): 0 sense rhs
  RowSense sense = RowSense::eq;
  double rhs = 0;
};

// Where a binary x variable puts what.
struct MipAssignment {
  ItemId item;
  UnitId unit;
};

struct MipModel {
  std::string name;                  // the instance's name (a comment in the files)
  MipFormulation formulation = MipFormulation::strong_tight;
  std::vector<MipVariable> variables;
  std::vector<MipRow> rows;
  // A constant added to the objective. Zero for every formulation built here; writers
  // carry a non-zero one on a variable fixed at 1 (LP and MPS have no objective constant).
  double objective_constant = 0;
  ItemIndex items;                                     // the placement items x is indexed by
  std::map<std::string, MipAssignment> assignment_of;  // x variable name -> (item, unit)
  std::vector<int> assignment_variables;               // indices of the x variables

  int binary_count() const;
  long nonzero_count() const;
};

// Builds the model. Only units on which an item fits by itself (memory, compute, L >= 1) get
// an x variable; an item that fits nowhere keeps an empty assignment row (0 = 1), so the
// model is infeasible exactly when the instance is. Capacity rows that no choice of the
// candidate items could violate are left out. Throws InputError if a cost is not finite (an
// unreachable unit: validate() the instance first).
MipModel build_mip(const Instance& instance, MipFormulation formulation);

// Multiplies every objective coefficient and the constant by `factor` (1e6: microseconds).
// In seconds the smallest cost terms (about 1e-8 s) are below CBC's and GLPK's absolute
// tolerances, which then call placements 2.6e-6 above the optimum "optimal"
// (docs/mip-formulation.md).
void scale_objective(MipModel& model, double factor);

// Variable and row names use only [a-z0-9_] and start with a letter: x_<item>_<unit>,
// y_<item a>_<item b>_<unit i>_<unit k>, assign_<item>, out_/in_<a>_<b>_<unit>,
// layers_/memory_/compute_<unit>, prod_<a>_<b>_<i>_<k>. Numbers are printed with %.17g.
void write_lp(const MipModel& model, std::ostream& out);
void write_mps(const MipModel& model, std::ostream& out);
void write_mip(const MipModel& model, MipFormat format, std::ostream& out);

// The objective of a solution given by variable values (missing names count as 0), constant
// included. Solvers print their objective with 6-10 digits; this one is exact.
double mip_objective(const MipModel& model, const std::map<std::string, double>& values);

// The placement a solution encodes: each item goes to the unit whose x is largest, which must
// exceed 0.5. Throws InputError naming the item if none does (not an integral solution).
Placement decode_mip_solution(const Instance& instance, const MipModel& model,
                              const std::map<std::string, double>& values);

}  // namespace cnnplace
