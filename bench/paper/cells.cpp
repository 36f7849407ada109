// The cells and instances of the reproduction. The generator draws the paper's systems;
// the conventions are applied afterwards, as pure rescalings of the drawn instance, so that
// every convention sees the very same positions and unit families.
#include "bench/paper/cells.hpp"

#include <fmt/format.h>

#include <cmath>
#include <utility>

#include "model/generator.hpp"

namespace cnnplace::paper {
namespace {

std::vector<std::pair<std::string, double>> family_mix(const std::string& mix) {
  const double stm = std::stod(mix.substr(0, mix.find('-'))) / 100.0;
  return {{"stm32h7", stm}, {"rpi3b+", 1.0 - stm}};
}

// A memory the zoo gives as "512 KB", "512 MB" or "1 GB" is 1000^n bytes; with 1024-byte KB
// it is 1024^n bytes. n = the number of thousands in the size.
double rescale_unit_memory(double bytes, double kb_ratio) {
  if (!(bytes > 0) || !std::isfinite(bytes)) return bytes;
  const int power = static_cast<int>(std::floor(std::log10(bytes) / 3.0 + 1e-9));
  return bytes * std::pow(kb_ratio, power);
}

void apply_kb(Instance& inst, double kb_ratio) {
  for (Unit& unit : inst.units) unit.memory_bytes = rescale_unit_memory(unit.memory_bytes, kb_ratio);
  for (Cnn& cnn : inst.cnns) {
    cnn.input_bytes *= kb_ratio;
    for (Layer& layer : cnn.layers) {
      layer.memory_bytes *= kb_ratio;
      layer.output_bytes *= kb_ratio;
    }
  }
}

void apply_rate(Instance& inst, double rate_ratio) {
  std::vector<Link> links = inst.network.links();
  for (Link& link : links) link.rate_bps *= rate_ratio;
  inst.network = Network(inst.network.nodes(), std::move(links));
}

}  // namespace

std::string Cell::L_text() const { return L == kUnlimitedLayers ? "unlimited" : std::to_string(L); }

std::string Cell::label() const {
  if (table == 4) return fmt::format("T4 {} shared{} L={} {}", technology, shared, L_text(), mix);
  return fmt::format("T5 {} {} L={}", cnn, technology, L_text());
}

std::string Cell::key() const {
  if (table == 4) return fmt::format("{}|{}|{}|{}", technology, shared, L_text(), mix);
  return fmt::format("{}|{}|{}", cnn, L_text(), technology);
}

std::vector<Cell> table_cells(int table) {
  std::vector<Cell> cells;
  for (const std::string technology : {"wifi4", "halow"}) {
    if (table == 4) {
      for (int shared : {0, 2})
        for (int L = 1; L <= 5; ++L)
          for (const std::string mix : {"10-90", "50-50", "90-10"})
            cells.push_back(Cell{4, technology, mix, "5layer", 2, shared, L});
    } else {
      for (const std::string cnn : {"5layer", "gc6", "alexnet", "gc-alexnet"})
        for (int L : {1, 2, 3, 4, kUnlimitedLayers}) cells.push_back(Cell{5, technology, "50-50", cnn, 1, 0, L});
    }
  }
  return cells;
}

std::string Conventions::describe() const {
  return fmt::format(
      "reading {} (t_p weighted by {}); KB = {:g} bytes; Mb/s = {:g} bit/s; input of 5layer/gc6: {}; "
      "CNNs with shared layers: {}",
      reading == ProcessingWeight::as_written ? "as-written" : "next-layer",
      reading == ProcessingWeight::as_written ? "p_uj" : "p_u,j+1", kb_bytes, mbps_bits,
      input_kb > 0 ? fmt::format("{:g} KB", input_kb) : std::string("zoo's 9.41 KB"),
      one_source_when_shared ? "one source" : "a source each");
}

std::uint64_t system_seed(const Cell& cell, int system) {
  return 1'000'000ULL * static_cast<std::uint64_t>(cell.table) + static_cast<std::uint64_t>(system) + 1;
}

Instance make_instance(const Cell& cell, int system, const Conventions& conventions) {
  GeneratorOptions g;
  g.units = 30;
  g.mix = family_mix(cell.mix);
  g.technology = cell.technology;
  g.cnn_kinds = {cell.cnn};
  g.cnns = cell.cnns;
  g.shared_first = cell.shared;
  g.layer_limit = cell.L;
  g.processing_weight = conventions.reading;
  g.seed = system_seed(cell, system);
  if (conventions.input_kb > 0 && (cell.cnn == "5layer" || cell.cnn == "gc6")) g.input_bytes = conventions.input_kb * 1000;
  Instance inst = generate(g);
  // The other sources stay in the network as relays, so the draw (positions, links) is the
  // very same as with a source each.
  if (conventions.one_source_when_shared && cell.shared > 0)
    for (Cnn& cnn : inst.cnns) cnn.source = inst.cnns.front().source;
  if (conventions.kb_bytes != 1000) apply_kb(inst, conventions.kb_bytes / 1000);
  if (conventions.mbps_bits != 1e6) apply_rate(inst, conventions.mbps_bits / 1e6);
  return inst;
}

}  // namespace cnnplace::paper
