// Reads instances/paper/paper-table{4,5}.csv: plain comma-separated values, a header line,
// no quoting (the files are ours).
#include "bench/paper/published.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace cnnplace::paper {
namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, ',')) fields.push_back(field);
  return fields;
}

}  // namespace

std::map<std::string, PublishedCell> read_published(const std::string& directory, int table) {
  const std::string path = fmt::format("{}/paper-table{}.csv", directory, table);
  std::ifstream in(path);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot open (give --published DIR)", path));
  // Table 4: technology,shared_layers,L,mix, then 6 numbers; Table 5: cnn,L,technology, then 6.
  const std::size_t keys = table == 4 ? 4 : 3;
  std::map<std::string, PublishedCell> cells;
  std::string line;
  std::getline(in, line);
  for (int number = 2; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    const std::vector<std::string> f = split(line);
    if (f.size() != keys + 6) throw std::runtime_error(fmt::format("{}:{}: expected {} fields", path, number, keys + 6));
    std::string key = table == 4 ? fmt::format("{}|{}|{}|{}", f[0], f[1], f[2], f[3])
                                 : fmt::format("{}|{}|{}", f[0], f[1], f[2]);
    try {
      PublishedCell c;
      c.t_t = {std::stod(f[keys]), std::stod(f[keys + 1])};
      c.t_p = {std::stod(f[keys + 2]), std::stod(f[keys + 3])};
      c.t = {std::stod(f[keys + 4]), std::stod(f[keys + 5])};
      c.resolution = table == 4 ? 0.1 : 0.01;
      cells[key] = c;
    } catch (const std::logic_error&) {
      throw std::runtime_error(fmt::format("{}:{}: a value is not a number", path, number));
    }
  }
  return cells;
}

std::string default_published_directory() { return CNNPLACE_PAPER_DATA_DIR; }

}  // namespace cnnplace::paper
