#pragma once
// The other direction of decoding: a placement as MIP values (x as the assignment, y as the
// product of its two x), and the rows those values break. Decoding a MIP solution and
// evaluating it checks the MIP against evaluate(); encoding a placement and checking the
// rows checks evaluate()'s optimum against the MIP. The two together say the two models are
// the same problem (issue 4's acceptance, "both directions of decoding").
#include <map>
#include <string>
#include <vector>

#include "model/mip_export.hpp"
#include "model/placement.hpp"

namespace cnnplace::mip {

// x_<item>_<unit> = 1 where the placement puts the item, y_<a>_<b>_<i>_<k> = x_a_i x_b_k;
// every other variable 0. A placement on a unit with no x (not a candidate) keeps its
// item's x all 0, which then breaks its assign row.
std::map<std::string, double> encode_placement(const MipModel& model, const Placement& placement);

// Names of the rows the values violate (to a relative 1e-9); empty when all hold.
std::vector<std::string> violated_rows(const MipModel& model, const std::map<std::string, double>& values);

}  // namespace cnnplace::mip
