// read_expected() and write_expected() (expected.hpp).
#include "bench/compare/expected.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "model/errors.hpp"

namespace cnnplace::bench {

ExpectedTable read_expected(const std::string& path) {
  ExpectedTable table;
  std::ifstream in(path);
  if (!in) return table;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string name, optimum, provers;
    std::getline(fields, name, '\t');
    std::getline(fields, optimum, '\t');
    std::getline(fields, provers, '\t');
    ExpectedEntry e;
    std::size_t used = 0;
    try {
      e.optimum_s = std::stod(optimum, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (name.empty() || used == 0 || used != optimum.size())
      throw InputError(fmt::format("{}:{}", path, number), fmt::format("cannot read \"{}\"", line),
                       "lines read name<TAB>optimum_s<TAB>solver,solver");
    std::istringstream names(provers);
    for (std::string s; std::getline(names, s, ',');)
      if (!s.empty()) e.proven_by.push_back(s);
    table[name] = e;
  }
  return table;
}

void write_expected(const std::string& path, const ExpectedTable& table) {
  std::ofstream out(path);
  if (!out) throw InputError(path, "cannot write the file", "check the directory exists and is writable");
  out << "# Known optima of the benchmark suites (bench/suites/suites.hpp): the instance's name, its\n"
         "# optimal expected latency in seconds, and the solvers that proved it optimal (agreeing to\n"
         "# a relative 1e-6). Written by cnnplace-compare --update-expected; checked by ctest -L compare.\n"
         "# name\toptimum_s\tproven_by\n";
  for (const auto& [name, e] : table) {
    std::string provers;
    for (const std::string& s : e.proven_by) provers += (provers.empty() ? "" : ",") + s;
    out << fmt::format("{}\t{:.15g}\t{}\n", name, e.optimum_s, provers);
  }
  if (!out) throw InputError(path, "writing failed", "check the disk has room");
}

void merge_provers(ExpectedEntry& entry, const std::vector<std::string>& solvers) {
  for (const std::string& s : solvers)
    if (std::find(entry.proven_by.begin(), entry.proven_by.end(), s) == entry.proven_by.end())
      entry.proven_by.push_back(s);
}

}  // namespace cnnplace::bench
