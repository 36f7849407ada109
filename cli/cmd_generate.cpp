// cnnplace generate: a random IoT system as in the paper's Section 6, written as an instance
// file. The same options and seed give the same file, byte for byte, on every machine.
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdint>

#include "cli/command.hpp"
#include "model/errors.hpp"
#include "model/generator.hpp"
#include "model/instance_io.hpp"
#include "model/quantity.hpp"
#include "model/zoo.hpp"

namespace cnnplace::cli {
namespace {

struct GenerateArgs {
  GeneratorOptions options;
  std::string mix = "50-50", cnn = "5layer", layers = "unlimited", output = "-", input, weight = "as-written",
              connect = "redraw", seed = "1";
  std::optional<double> side, range;
};

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find(sep, start)) != std::string::npos; start = end + 1)
    parts.push_back(text.substr(start, end - start));
  parts.push_back(text.substr(start));
  return parts;
}

double share(const std::string& text, const std::string& option) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size() || !(v >= 0) || !std::isfinite(v))
    throw InputError(option, fmt::format("\"{}\" is not a share", text), "write shares as numbers of 0 or more");
  return v;
}

// "50-50" (the paper's STM32H7-RPi percentages) or "stm32h7=0.5,rpi3b+=0.5".
std::vector<std::pair<std::string, double>> parse_mix(const std::string& text) {
  std::vector<std::pair<std::string, double>> mix;
  if (text.find('=') == std::string::npos) {
    const auto parts = split(text, '-');
    if (parts.size() != 2)
      throw InputError("--mix", fmt::format("\"{}\" is not a mix", text),
                       "write STM32H7-RPi percentages such as 50-50, or family=share,... such as stm32h7=0.5,rpi3b+=0.5");
    const double stm32 = share(parts[0], "--mix"), rpi = share(parts[1], "--mix");
    // Percentages: 60-50 is a typo, not a 6:5 draw.
    if (std::fabs(stm32 + rpi - 100) > 1e-9)
      throw InputError("--mix", fmt::format("\"{}\" adds up to {:g}, not 100", text, stm32 + rpi),
                       "give STM32H7-RPi percentages that add up to 100, such as 90-10, or relative shares "
                       "as family=share,... such as stm32h7=9,rpi3b+=1");
    return {{"stm32h7", stm32}, {"rpi3b+", rpi}};
  }
  for (const std::string& item : split(text, ',')) {
    const auto eq = item.find('=');
    if (eq == std::string::npos)
      throw InputError("--mix", fmt::format("\"{}\" has no share", item), "write family=share, e.g. rpi3b+=0.5");
    mix.emplace_back(item.substr(0, eq), share(item.substr(eq + 1), "--mix"));
  }
  return mix;
}

// CLI11 reads "-4" into an unsigned seed as 2^64 - 4: a different file than the user meant.
std::uint64_t parse_seed(const std::string& text) {
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty())
    throw InputError("--seed", fmt::format("\"{}\" is not a seed", text), "give a whole number from 0 to 18446744073709551615");
  return v;
}

int parse_layers(const std::string& text) {
  if (text == "unlimited") return kUnlimitedLayers;
  int v = -1;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size() || v < 0)
    throw InputError("--L", fmt::format("\"{}\" is not a layer limit", text), "give a whole number such as 1, or unlimited");
  return v;
}

int run(GenerateArgs& a) {
  GeneratorOptions& o = a.options;
  o.mix = parse_mix(a.mix);
  o.cnn_kinds = split(a.cnn, ',');
  o.layer_limit = parse_layers(a.layers);
  o.seed = parse_seed(a.seed);
  if (a.side) o.side_m = *a.side;
  o.range_m = a.range;
  if (!a.input.empty()) o.input_bytes = parse_quantity(a.input, QuantityKind::bytes, "--input");
  if (a.weight == "next-layer") {
    o.processing_weight = ProcessingWeight::next_layer;
  } else if (a.weight != "as-written") {
    throw InputError("--processing-weight", fmt::format("unknown weight \"{}\"", a.weight), "give as-written or next-layer");
  }
  if (o.scale_density && a.side)
    throw InputError("--side", "both --side and --scale-density", "give one of them");
  if (a.connect == "resample") {
    o.connect = Connect::resample;
  } else if (a.connect != "redraw") {
    throw InputError("--connect", fmt::format("unknown policy \"{}\"", a.connect), "give redraw or resample");
  }
  GenerationReport report;
  const Instance inst = generate(o, &report);
  if (o.connect == Connect::resample)
    fmt::print(stderr, "connected after {} round(s); {} node position(s) redrawn\n", report.draws,
               report.resampled_nodes);
  write_instance(inst, a.output, WriteHints{o.range_m.value_or(zoo().technology(o.technology, "--tech").range_m)});
  return kSuccess;
}

std::function<int()> setup(CLI::App& app) {
  auto a = std::make_shared<GenerateArgs>();
  GeneratorOptions& o = a->options;
  CLI::App* cmd = app.add_subcommand("generate", "Write a random IoT system as in the paper's Section 6");
  cmd->add_option("--units", o.units, "Number of IoT units N")->capture_default_str();
  cmd->add_option("--mix", a->mix,
                  "Unit families: STM32H7-RPi3B+ percentages (50-50, 10-90, 90-10) or family=share,... "
                  "(e.g. stm32h7=0.5,odroid-c2=0.5); each unit's family is drawn with probability share / sum of the shares")
      ->capture_default_str();
  cmd->add_option("--tech", o.technology, "Transmission technology: wifi4 (72.2 Mb/s) or halow (7.2 Mb/s)")
      ->capture_default_str();
  cmd->add_option("--cnn", a->cnn, "Zoo CNN, or a comma list used in turn (5layer, gc6, alexnet, gc-alexnet)")
      ->capture_default_str();
  cmd->add_option("--cnns", o.cnns, "Number of CNNs, each with its own source")->capture_default_str();
  cmd->add_option("--shared", o.shared_first, "Share the first K layers between all CNNs")->capture_default_str();
  cmd->add_option("--L", a->layers, "Layers per unit: a whole number or unlimited")->capture_default_str();
  cmd->add_option("--seed", a->seed, "Seed of the random draw, 0 to 2^64 - 1 (same seed, same file)")->capture_default_str();
  cmd->add_option("--side", a->side, "Side of the square area in metres (default 30)");
  cmd->add_flag("--scale-density", o.scale_density, "Side = 30 m * sqrt(N / 30): the paper's density for any N");
  cmd->add_option("--range", a->range, "Transmission range in metres (default: the technology's, 7.5)");
  cmd->add_option("--input", a->input, "Input size K_s of every CNN, e.g. \"2.35 KB\" (model.md erratum 4)");
  cmd->add_option("--processing-weight", a->weight, "as-written (p_j) or next-layer (p_j+1, model.md erratum 2)")
      ->capture_default_str();
  cmd->add_option("--connect", a->connect,
                  "redraw: draw the whole system again until it is connected (the paper); resample: keep the "
                  "largest component and redraw only the other nodes' positions (needed at large N)")
      ->capture_default_str();
  cmd->add_option("--max-attempts", o.max_attempts, "Draws (or resampling rounds) before giving up on a connected network")
      ->capture_default_str();
  cmd->add_option("-o,--output", a->output, "Output file; - writes to standard output")->capture_default_str();
  cmd->footer("Exit status: 0 written, 2 bad option or no connected system within --max-attempts draws.");
  return [a] { return run(*a); };
}

const bool registered = register_command("generate", setup);

}  // namespace
}  // namespace cnnplace::cli
