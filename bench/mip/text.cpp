// Tolerant scraping of solver logs: solvers change their wording between versions, so every
// helper looks for a label and reads what follows, and a miss is a nullopt, not a throw.
#include <cctype>
#include <cstdlib>
#include <sstream>

#include "bench/mip/drivers.hpp"

namespace cnnplace::mip::text {

std::optional<double> to_number(const std::string& token) {
  if (token.empty()) return std::nullopt;
  const char* begin = token.c_str();
  char* end = nullptr;
  const double v = std::strtod(begin, &end);
  if (end == begin) return std::nullopt;
  return v;
}

std::optional<double> number_after(const std::string& text, const std::string& label) {
  const std::size_t at = text.rfind(label);
  if (at == std::string::npos) return std::nullopt;
  std::size_t p = at + label.size();
  while (p < text.size() && (text[p] == ' ' || text[p] == '\t' || text[p] == ':' || text[p] == '='))
    ++p;
  std::size_t e = p;
  while (e < text.size() && !std::isspace(static_cast<unsigned char>(text[e])) && text[e] != ',') ++e;
  return to_number(text.substr(p, e - p));
}

std::string token_after(const std::string& text, const std::string& label) {
  const std::size_t at = text.rfind(label);
  if (at == std::string::npos) return "";
  std::istringstream rest(text.substr(at + label.size()));
  std::string token;
  rest >> token;
  return token;
}

bool contains(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> split_words(const std::string& line) {
  std::vector<std::string> words;
  std::istringstream in(line);
  std::string w;
  while (in >> w) words.push_back(w);
  return words;
}

}  // namespace cnnplace::mip::text
