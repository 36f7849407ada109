#pragma once
// The paper's catalogue, as data (instances/zoo/zoo.json, embedded at build time):
// the CNNs of Tables 1 and 2, the unit families of Table 3, the technologies of Section 6.3.
#include <map>
#include <string>
#include <vector>

#include "model/instance.hpp"

namespace cnnplace {

struct UnitFamily {
  std::string name, about;
  double memory_bytes = 0;
  double speed_mults_per_s = 0;
  double compute_mults = kUnlimited;
};

struct Technology {
  std::string name, about;
  double rate_bps = 0;
  double range_m = 0;
};

struct CnnSpec {
  std::string name, about;
  double input_bytes = 0;
  std::vector<Layer> layers;
};

struct Zoo {
  std::map<std::string, UnitFamily> families;
  std::map<std::string, Technology> technologies;
  std::map<std::string, CnnSpec> cnns;

  // Lookups that throw InputError naming `where` and listing the known names.
  const UnitFamily& family(const std::string& name, const std::string& where) const;
  const Technology& technology(const std::string& name, const std::string& where) const;
  const CnnSpec& cnn(const std::string& name, const std::string& where) const;
};

// The built-in zoo, parsed once.
const Zoo& zoo();

// The embedded zoo.json text (for `cnnplace zoo` and docs).
const char* zoo_json_text();

}  // namespace cnnplace
