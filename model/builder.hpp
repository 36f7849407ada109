#pragma once
// Building an instance in code, for programs that link libcnnplace (docs/library.md).
// The builder speaks the instance file's language (docs/instance-format.md): names instead of
// ids, zoo families, technologies and CNNs, 1-based layer numbers. build() resolves the names,
// makes the network and validates the result like the file reader does.
//
//   cnnplace::InstanceBuilder b("demo");
//   b.technology("wifi4").layer_limit(1).node("sf", {{10, 10}}).default_sink("sf");
//   b.unit("n1", "stm32h7", {14, 15}).unit("n2", "odroid-c2", {16, 4});
//   b.zoo_cnn("cnn0", "5layer", "sf");
//   cnnplace::Instance instance = b.build();  // throws cnnplace::InputError
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/instance.hpp"

namespace cnnplace {

// One computing unit. A zoo `family` fills memory, speed and compute; any field given here
// overrides the family's. Without a family, memory and speed are required.
struct UnitSpec {
  std::string name;
  std::string family;                  // "stm32h7", "rpi3b+", "odroid-c2" or "" (custom)
  std::optional<Point> position;       // metres; needed in a unit-disk network
  std::optional<std::string> node;     // sit on this declared node instead (e.g. a source)
  std::optional<double> memory_bytes;  // kUnlimited for no limit
  std::optional<double> speed_mults_per_s;
  std::optional<double> compute_mults;  // kUnlimited for no limit
  std::optional<int> layer_limit;       // overrides the builder's layer_limit()
};

class InstanceBuilder {
 public:
  explicit InstanceBuilder(std::string name = "instance");

  // The network: a zoo technology ("wifi4", "halow") sets the link rate and the unit-disk
  // range; rate() and range() override them. With link() calls the network is exactly those
  // links (and range() must not be set); otherwise it is the unit-disk graph over positions.
  InstanceBuilder& technology(const std::string& name);
  InstanceBuilder& rate(double bits_per_second);
  InstanceBuilder& range(double metres);
  InstanceBuilder& link(const std::string& from, const std::string& to,
                        std::optional<double> bits_per_second = std::nullopt, bool directed = false);

  // L for every unit that does not set its own (default: unlimited).
  InstanceBuilder& layer_limit(int layers);
  InstanceBuilder& processing_weight(ProcessingWeight weight);

  // A node that does not compute: a source, a sink or a relay.
  InstanceBuilder& node(const std::string& name, std::optional<Point> position = std::nullopt);
  InstanceBuilder& unit(UnitSpec spec);
  InstanceBuilder& unit(const std::string& name, const std::string& family, Point position);
  // `count` units of a family named prefix1, prefix2, ..., one position each (or none).
  InstanceBuilder& units(const std::string& family, const std::string& prefix,
                         const std::vector<Point>& positions);

  // The sink of every CNN that does not name its own.
  InstanceBuilder& default_sink(const std::string& node);
  // A CNN of the zoo ("5layer", "gc6", "alexnet", "gc-alexnet"); `input_bytes` overrides its K_s.
  InstanceBuilder& zoo_cnn(const std::string& name, const std::string& kind, const std::string& source,
                           const std::string& sink = "", std::optional<double> input_bytes = std::nullopt);
  // A CNN layer by layer (at least one layer; probabilities never increase along the chain).
  InstanceBuilder& cnn(const std::string& name, double input_bytes, std::vector<Layer> layers,
                       const std::string& source, const std::string& sink = "");

  // Layers that are one and the same in several CNNs: (CNN name, 1-based layer number).
  InstanceBuilder& share(const std::vector<std::pair<std::string, int>>& layers);
  // The first `count` layers of the named CNNs, shared layer by layer.
  InstanceBuilder& share_first(const std::vector<std::string>& cnns, int count);

  // The instance, validated. Throws InputError whose where() names the builder call, for
  // example "unit n3: memory" or "cnn cnn1: layer 2: p", with the fix.
  Instance build() const;

 private:
  struct LinkSpec {
    std::string from, to;
    std::optional<double> rate;
    bool directed = false;
  };
  struct NodeSpec {
    std::string name;
    std::optional<Point> position;
  };
  struct CnnEntry {
    std::string name, kind, source, sink;
    std::optional<double> input_bytes;
    std::vector<Layer> layers;
  };

  std::string name_;
  std::optional<double> rate_, range_;
  std::string technology_;
  std::vector<LinkSpec> links_;
  int layer_limit_ = kUnlimitedLayers;
  ProcessingWeight weight_ = ProcessingWeight::as_written;
  std::vector<NodeSpec> nodes_;
  std::vector<UnitSpec> units_;
  std::string default_sink_;
  std::vector<CnnEntry> cnns_;
  std::vector<std::vector<std::pair<std::string, int>>> shared_;
};

}  // namespace cnnplace
