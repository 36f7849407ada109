// Suite definitions (suites.hpp). Cells are listed in the order the summary prints them.
#include "bench/suites/suites.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "model/errors.hpp"

namespace cnnplace::bench {
namespace {

struct Config {
  std::string kind;
  int cnns = 1, shared = 0;
};

std::string mix_text(int stm_percent) { return fmt::format("{}-{}", stm_percent, 100 - stm_percent); }

GeneratorOptions options(int units, const Config& c, const std::string& tech, int stm_percent, int L) {
  GeneratorOptions g;
  g.units = units;
  g.mix = {{"stm32h7", stm_percent / 100.0}, {"rpi3b+", 1 - stm_percent / 100.0}};
  g.technology = tech;
  g.cnn_kinds = {c.kind};
  g.cnns = c.cnns;
  g.shared_first = c.shared;
  g.layer_limit = L;
  return g;
}

std::string cell_name(const std::string& suite, int units, const Config& c, const std::string& tech,
                      int stm_percent, int L) {
  const std::string n = units == 30 || suite == "later" ? "" : fmt::format("N{}/", units);
  return fmt::format("{}/{}{}x{}-sh{}/{}/{}/L{}", suite, n, c.cnns, c.kind, c.shared, tech, mix_text(stm_percent), L);
}

void add(std::vector<SuiteInstance>& out, const std::string& suite, int seeds, int units, const Config& c,
         const std::string& tech, int stm_percent, int L, bool scale_density = false) {
  const std::string cell = cell_name(suite, units, c, tech, stm_percent, L);
  for (int s = 1; s <= seeds; ++s) {
    SuiteInstance si{fmt::format("{}/s{}", cell, s), cell, options(units, c, tech, stm_percent, L)};
    si.options.seed = static_cast<std::uint64_t>(s);
    si.options.scale_density = scale_density;
    out.push_back(std::move(si));
  }
}

std::vector<SuiteInstance> paper_small(int seeds) {
  std::vector<SuiteInstance> out;
  add(out, "paper-small", seeds, 30, {"alexnet", 1, 0}, "wifi4", 50, 1);
  add(out, "paper-small", seeds, 30, {"5layer", 1, 0}, "halow", 10, 2);
  add(out, "paper-small", seeds, 30, {"gc6", 1, 0}, "wifi4", 90, 1);
  add(out, "paper-small", seeds, 30, {"gc-alexnet", 1, 0}, "halow", 50, 3);
  add(out, "paper-small", seeds, 30, {"5layer", 2, 2}, "wifi4", 50, 2);
  return out;
}

std::vector<SuiteInstance> paper(int seeds) {
  const std::vector<Config> configs{{"5layer", 1, 0}, {"gc6", 1, 0}, {"alexnet", 1, 0},
                                    {"gc-alexnet", 1, 0}, {"5layer", 2, 0}, {"5layer", 2, 2}};
  std::vector<SuiteInstance> out;
  for (const Config& c : configs)
    for (const std::string tech : {"wifi4", "halow"})
      for (int stm : {10, 50, 90})
        for (int L : {1, 2, 3}) add(out, "paper", seeds, 30, c, tech, stm, L);
  return out;
}

std::vector<SuiteInstance> later(int seeds) {
  std::vector<SuiteInstance> out;
  for (const std::string tech : {"wifi4", "halow"})
    for (int L : {1, 2}) add(out, "later", seeds, 50, {"alexnet", 3, 0}, tech, 50, L);
  return out;
}

std::vector<SuiteInstance> larger(int seeds) {
  const std::vector<Config> configs{{"alexnet", 3, 0}, {"5layer", 5, 0}, {"5layer", 10, 0}};
  std::vector<SuiteInstance> out;
  for (int units : {100, 200, 400})
    for (const Config& c : configs)
      for (const std::string tech : {"wifi4", "halow"})
        for (int L : {1, 2}) add(out, "larger", seeds, units, c, tech, 50, L, true);
  return out;
}

}  // namespace

Instance SuiteInstance::build() const {
  Instance inst = generate(options);
  inst.name = name;
  return inst;
}

const std::vector<std::string>& suite_names() {
  static const std::vector<std::string> names{"paper-small", "paper", "later", "larger"};
  return names;
}

std::vector<SuiteInstance> suite(const std::string& name, int seeds) {
  if (seeds < 1) throw InputError("--seeds", fmt::format("{} seeds", seeds), "give at least 1");
  if (name == "paper-small") return paper_small(seeds);
  if (name == "paper") return paper(seeds);
  if (name == "later") return later(seeds);
  if (name == "larger") return larger(seeds);
  throw InputError("--suite", fmt::format("unknown suite \"{}\"", name),
                   "use paper-small, paper, later or larger");
}

SuiteInstance find_suite_instance(const std::string& name) {
  const std::size_t slash = name.find('/'), seed_at = name.rfind("/s");
  if (slash == std::string::npos || seed_at == std::string::npos)
    throw InputError("instance", fmt::format("\"{}\" is not a suite instance name", name),
                     "names read <suite>/<cell>/s<seed>");
  const int seed = std::atoi(name.c_str() + seed_at + 2);
  for (SuiteInstance& si : suite(name.substr(0, slash), 1))
    if (si.cell == name.substr(0, seed_at) && seed >= 1) {
      si.name = fmt::format("{}/s{}", si.cell, seed);
      si.options.seed = static_cast<std::uint64_t>(seed);
      if (si.name == name) return si;
    }
  throw InputError("instance", fmt::format("no suite instance is named \"{}\"", name),
                   "run cnnplace-compare --list to see the names");
}

}  // namespace cnnplace::bench
