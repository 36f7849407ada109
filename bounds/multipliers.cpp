#include "bounds/multipliers.hpp"

#include "model/instance.hpp"

namespace cnnplace {

double Multipliers::penalty(const Problem& p, int k, int i) const {
  double v = 0;
  if (count[i] > 0) v += count[i] / p.layer_limit[i];
  if (memory[i] > 0) v += memory[i] * p.item_memory[k] / p.memory_cap[i];
  if (compute[i] > 0) v += compute[i] * p.item_compute[k] / p.compute_cap[i];
  return v;
}

double Multipliers::constant() const {
  double v = 0;
  for (std::size_t i = 0; i < count.size(); ++i) v += count[i] + memory[i] + compute[i];
  return v;
}

ActiveRows active_rows(const Problem& p) {
  const int N = p.units;
  ActiveRows rows{std::vector<bool>(N), std::vector<bool>(N), std::vector<bool>(N)};
  std::vector<int> count(N, 0);
  std::vector<double> memory(N, 0.0), compute(N, 0.0);
  for (int k = 0; k < p.item_count(); ++k)
    for (int i : p.candidates[k]) {
      count[i] += 1;
      memory[i] += p.item_memory[k];
      compute[i] += p.item_compute[k];
    }
  for (int i = 0; i < N; ++i) {
    rows.count[i] = p.layer_limit[i] != kUnlimitedLayers && count[i] > p.layer_limit[i];
    rows.memory[i] = p.memory_cap[i] > 0 && memory[i] > p.memory_cap[i] && p.memory_cap[i] < kInf;
    rows.compute[i] = p.compute_cap[i] > 0 && compute[i] > p.compute_cap[i] && p.compute_cap[i] < kInf;
  }
  return rows;
}

}  // namespace cnnplace
