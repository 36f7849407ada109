// Build an instance in code, solve it, print the answer: the smallest useful program on
// libcnnplace (docs/library.md walks through it).
//
// A Gate-Classification CNN (gate after layer 2, exit with probability 0.9) and a plain
// 5-layer CNN from the zoo share an IoT system of four units around one camera and one
// gateway, over Wi-Fi 4 with a 7.5 m range.
#include <cnnplace/model/builder.hpp>
#include <cnnplace/model/errors.hpp>
#include <cnnplace/model/evaluate.hpp>
#include <cnnplace/solver/solve.hpp>

#include <cstdio>

int main() {
  using namespace cnnplace;
  InstanceBuilder b("example");
  b.technology("wifi4").layer_limit(3);
  b.node("cam", Point{0, 0}).node("gw", Point{12, 0}).default_sink("gw");
  b.unit("mcu1", "stm32h7", {4, 2}).unit("mcu2", "stm32h7", {8, -2});
  b.unit("odroid", "odroid-c2", {6, 3}).unit("pi", "rpi3b+", {10, 3});
  b.zoo_cnn("digits", "5layer", "cam", "", 2350.0);  // 28x28 RGB, one byte per channel
  b.cnn("gated", 2352,
        {{"conv1", 19.2e3, 3.81e6, 50.18e3, 1.0},
         {"gate", 300e3, 1.5e6, 50.18e3, 1.0},
         {"conv2", 409.6e3, 20.08e6, 12.54e3, 0.1},
         {"fc", 1.5e6, 1.2e6, 40, 0.1}},
        "cam");

  Instance instance;
  try {
    instance = b.build();
  } catch (const InputError& e) {
    std::fprintf(stderr, "invalid instance: %s\n", e.what());
    return 2;
  }

  SolverOptions options;
  options.time_limit_s = 30;
  const SolveResult result = solve(instance, options);
  std::printf("status %s\n", to_string(result.status));
  if (!result.placement) {
    std::printf("%s\n", result.message.c_str());
    return 3;
  }
  std::printf("objective %.3f ms (lower bound %.3f ms)\n", result.objective_s * 1e3, result.lower_bound_s * 1e3);
  for (std::size_t u = 0; u < instance.cnns.size(); ++u) {
    const Cnn& cnn = instance.cnns[u];
    const LatencyBreakdown& t = result.evaluation->per_cnn[u];
    std::printf("%s: t = %.3f ms = t_t %.3f ms (source %.3f, links %.3f, sink %.3f) + t_p %.3f ms\n", cnn.name.c_str(),
                t.total() * 1e3, t.transmission() * 1e3, t.t_source * 1e3, t.t_links * 1e3, t.t_sink * 1e3,
                t.t_processing * 1e3);
    for (int j = 0; j < cnn.size(); ++j) {
      const Unit& unit = instance.units[result.placement->unit_of[u][j].index()];
      std::printf("  L%d %-12s on %s\n", j + 1, cnn.layers[j].name.c_str(), unit.name.c_str());
    }
  }
  // The independent checker agrees: every constraint holds.
  return check(instance, *result.placement).empty() ? 0 : 1;
}
