#pragma once
// Failures are kept apart from answers (style.md #7): an infeasible instance is an answer,
// malformed input is an InputError that names where it is and what to do about it.
#include <stdexcept>
#include <string>

namespace cnnplace {

// Bad input at the boundary: a file, a JSON field or a builder call.
// `where` is "file: json/path" or a field path such as "cnns[0].layers[2].memory".
class InputError : public std::runtime_error {
 public:
  InputError(std::string where, std::string problem, std::string fix)
      : std::runtime_error(compose(where, problem, fix)),
        where_(std::move(where)), problem_(std::move(problem)), fix_(std::move(fix)) {}

  const std::string& where() const { return where_; }
  const std::string& problem() const { return problem_; }
  const std::string& fix() const { return fix_; }

 private:
  static std::string compose(const std::string& where, const std::string& problem,
                             const std::string& fix) {
    std::string text = where.empty() ? problem : where + ": " + problem;
    if (!fix.empty()) text += " (" + fix + ")";
    return text;
  }
  std::string where_, problem_, fix_;
};

}  // namespace cnnplace
