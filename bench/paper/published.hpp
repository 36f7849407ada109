#pragma once
// The paper's published Tables 4 and 5 (instances/paper/*.csv), by cell key.
#include <map>
#include <string>

namespace cnnplace::paper {

struct MeanStd {
  double mean = 0, std = 0;
};

struct PublishedCell {
  MeanStd t_t, t_p, t;  // milliseconds
  double resolution = 0.1;  // the table's last printed digit: 0.1 (Table 4) or 0.01 (Table 5)
};

// Cell::key() -> the published values. Throws std::runtime_error naming the file and line
// when a file is missing or malformed.
std::map<std::string, PublishedCell> read_published(const std::string& directory, int table);

// instances/paper in the source tree this program was built from.
std::string default_published_directory();

}  // namespace cnnplace::paper
