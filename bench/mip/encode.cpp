// encode_placement() and violated_rows() (encode.hpp).
#include "bench/mip/encode.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace cnnplace::mip {

std::map<std::string, double> encode_placement(const MipModel& model, const Placement& placement) {
  std::vector<int> unit_of_item(model.items.items.size(), -1);
  for (std::size_t k = 0; k < model.items.items.size(); ++k) {
    const LayerRef r = model.items.items[k].members.front();
    unit_of_item[k] = placement.unit_of[r.cnn.index()][r.layer].value;
  }
  std::map<std::string, double> values;
  for (const MipVariable& v : model.variables) {
    double value = 0;
    if (auto it = model.assignment_of.find(v.name); it != model.assignment_of.end()) {
      value = unit_of_item[it->second.item.index()] == it->second.unit.value ? 1.0 : 0.0;
    } else {
      int a = 0, b = 0, i = 0, k = 0;
      if (std::sscanf(v.name.c_str(), "y_%d_%d_%d_%d", &a, &b, &i, &k) == 4)
        value = unit_of_item[static_cast<std::size_t>(a)] == i && unit_of_item[static_cast<std::size_t>(b)] == k;
    }
    values[v.name] = value;
  }
  return values;
}

std::vector<std::string> violated_rows(const MipModel& model, const std::map<std::string, double>& values) {
  std::vector<std::string> violated;
  for (const MipRow& row : model.rows) {
    double lhs = 0, scale = std::fabs(row.rhs);
    for (const MipTerm& t : row.terms) {
      auto it = values.find(model.variables[static_cast<std::size_t>(t.variable)].name);
      const double v = it == values.end() ? 0.0 : it->second;
      lhs += t.coefficient * v;
      scale = std::max(scale, std::fabs(t.coefficient * v));
    }
    const double tol = 1e-9 * std::max(1.0, scale);
    const bool ok = row.sense == RowSense::le   ? lhs <= row.rhs + tol
                    : row.sense == RowSense::ge ? lhs >= row.rhs - tol
                                                : std::fabs(lhs - row.rhs) <= tol;
    if (!ok) violated.push_back(row.name);
  }
  return violated;
}

}  // namespace cnnplace::mip
