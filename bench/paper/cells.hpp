#pragma once
// The cells of the paper's Tables 4 and 5 (Section 6.5-6.6), the conventions a reproduction
// run uses (model.md errata 2-4), and the seeded instance behind every (cell, system).
#include <cstdint>
#include <string>
#include <vector>

#include "model/instance.hpp"

namespace cnnplace::paper {

// One cell of a table: the options that vary between cells. Table 4 varies technology,
// shared layers, L and mix with two 5-layer CNNs; Table 5 varies CNN kind, L and technology
// with one CNN and the 50-50 mix.
struct Cell {
  int table = 5;
  std::string technology = "wifi4";  // zoo name: wifi4 or halow
  std::string mix = "50-50";         // percent STM32H7 - percent Raspberry Pi 3B+
  std::string cnn = "5layer";        // zoo CNN kind
  int cnns = 1;
  int shared = 0;                    // the first `shared` layers shared by the CNNs
  int L = kUnlimitedLayers;          // layers per unit; kUnlimitedLayers is the paper's "L = C"

  std::string L_text() const;  // "1".."5" or "unlimited" (the published CSVs' spelling)
  std::string label() const;   // e.g. "T4 wifi4 shared0 L=1 50-50"
  std::string key() const;     // how the published CSV rows are matched
};

// Every cell of table 4 or 5, in the order the tables print them.
std::vector<Cell> table_cells(int table);

// The conventions of model.md's errata that a run chooses; the defaults are the paper's text.
struct Conventions {
  ProcessingWeight reading = ProcessingWeight::as_written;  // erratum 2
  double kb_bytes = 1000;        // erratum 3: bytes in the zoo's KB (1000 or 1024)
  double mbps_bits = 1e6;        // erratum 3: bits/s in the zoo's Mb/s (1e6 or 1048576)
  double input_kb = 0;           // erratum 4: K_s of the 5-layer and GC CNNs in KB (0: zoo's 9.41)
  // Table 4's shared cells: each CNN has its own source (false, the text's s_u), or the CNNs
  // that share layers read one camera, the first CNN's source (true: transfer learning runs
  // several heads on one picture). docs/reproduction.md tests both.
  bool one_source_when_shared = false;

  std::string describe() const;  // one line for the header
};

// The seed of system `system` (0-based) of a cell: the same systems for every cell of one
// table, so that two cells differ only by the option they vary (common random numbers):
//   seed = 1'000'000 * table + system + 1.
// `cnnplace generate --units 30 --mix .. --tech .. --cnn .. --seed <seed>` draws it again.
std::uint64_t system_seed(const Cell& cell, int system);

// The instance of (cell, system) under the conventions.
Instance make_instance(const Cell& cell, int system, const Conventions& conventions);

}  // namespace cnnplace::paper
