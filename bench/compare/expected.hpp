#pragma once
// instances/expected.tsv: the known optimum of suite instances, and which solvers proved it
// (style.md #12). Tab-separated, one instance a line, sorted by name, '#' comments:
//
//   name                                     optimum_s          proven_by
//   paper/1x5layer-sh0/wifi4/10-90/L1/s1     0.0123456789012    cnnplace,cbc,glpk
//
// The compare program checks every answer against it and, with --update-expected, adds the
// optima it proved (merging the solver lists of agreeing entries).
#include <map>
#include <string>
#include <vector>

namespace cnnplace::bench {

struct ExpectedEntry {
  double optimum_s = 0;
  std::vector<std::string> proven_by;
};

using ExpectedTable = std::map<std::string, ExpectedEntry>;

// An absent file is an empty table; a malformed line throws InputError naming file and line.
ExpectedTable read_expected(const std::string& path);
void write_expected(const std::string& path, const ExpectedTable& table);

// Adds `solver` names to an entry (keeping order, no duplicates).
void merge_provers(ExpectedEntry& entry, const std::vector<std::string>& solvers);

}  // namespace cnnplace::bench
