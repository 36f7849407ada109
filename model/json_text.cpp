#include "model/json_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string_view>
#include <unistd.h>

#include "model/errors.hpp"

namespace cnnplace::json_text {
namespace {

using nlohmann::json;

// 1-based line and column of byte `offset` in `text`.
std::pair<std::size_t, std::size_t> line_column(const std::string& text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, column = 1;
  for (std::size_t k = 0; k < offset; ++k) {
    if (text[k] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

// nlohmann's messages start "[json.exception.parse_error.101] parse error at line 1,
// column 2: "; keep only what comes after the last ": " of that preamble.
std::string plain_message(const char* what) {
  std::string_view s(what);
  if (auto close = s.find("] "); close != std::string_view::npos) s.remove_prefix(close + 2);
  if (s.starts_with("parse error"))
    if (auto colon = s.find(": "); colon != std::string_view::npos) s.remove_prefix(colon + 2);
  return std::string(s);
}

// Keys in the order a person reads an instance; keys not listed follow alphabetically.
constexpr std::array<std::string_view, 40> kKeyOrder{
    "$schema", "format",  "name",     "about",    "processing_weight", "L",       "technology",
    "rate",    "range",   "family",   "count",    "prefix",            "zoo",     "input",
    "source",  "sink",    "memory",   "speed",    "compute",           "output",  "p",
    "position", "positions", "node",  "from",     "to",                "directed", "first",
    "network", "nodes",   "edges",    "units",    "cnns",              "layers",  "shared",
    "placement", "objective", "status", "breakdown", "violations"};

std::size_t key_rank(const std::string& key) {
  auto it = std::find(kKeyOrder.begin(), kKeyOrder.end(), key);
  return static_cast<std::size_t>(it - kKeyOrder.begin());
}

std::vector<json::const_iterator> ordered_items(const json& obj) {
  std::vector<json::const_iterator> items;
  for (auto it = obj.begin(); it != obj.end(); ++it) items.push_back(it);
  std::stable_sort(items.begin(), items.end(), [](auto a, auto b) {
    const auto ra = key_rank(a.key()), rb = key_rank(b.key());
    return ra != rb ? ra < rb : a.key() < b.key();
  });
  return items;
}

std::string scalar(const json& v) {
  // Infinite and NaN numbers have no JSON spelling; the writers never produce them, and
  // nlohmann would print null. Say it plainly instead of writing a file that lies.
  if (v.is_number_float() && !std::isfinite(v.get<double>()))
    throw std::logic_error("json_text::dump: a non-finite number cannot be written as JSON");
  return v.dump();
}

std::string inline_form(const json& v) {
  if (v.is_array()) {
    std::string out = "[";
    for (std::size_t k = 0; k < v.size(); ++k) out += (k ? ", " : "") + inline_form(v[k]);
    return out + "]";
  }
  if (v.is_object()) {
    std::string out = "{";
    bool first = true;
    for (auto it : ordered_items(v)) {
      out += (first ? "" : ", ") + json(it.key()).dump() + ": " + inline_form(*it);
      first = false;
    }
    return out + "}";
  }
  return scalar(v);
}

void dump_to(const json& v, std::size_t indent, std::size_t width, std::string& out) {
  std::string flat = inline_form(v);
  if (!v.is_structured() || v.empty() || indent + flat.size() <= width) {
    out += flat;
    return;
  }
  const std::string pad(indent + 2, ' ');
  out += v.is_array() ? "[\n" : "{\n";
  bool first = true;
  auto next = [&] {
    out += first ? "" : ",\n";
    out += pad;
    first = false;
  };
  if (v.is_array()) {
    for (const json& item : v) {
      next();
      dump_to(item, indent + 2, width, out);
    }
  } else {
    for (auto it : ordered_items(v)) {
      next();
      out += json(it.key()).dump() + ": ";
      dump_to(*it, indent + 2, width, out);
    }
  }
  out += "\n" + std::string(indent, ' ') + (v.is_array() ? "]" : "}");
}

}  // namespace

json parse(const std::string& text, const std::string& origin) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    const auto [line, column] = line_column(text, e.byte == 0 ? 0 : e.byte - 1);
    throw InputError(fmt::format("{}: line {}, column {}", origin, line, column),
                     "not valid JSON: " + plain_message(e.what()),
                     "fix the JSON syntax (a missing comma, quote or bracket is the usual cause)");
  } catch (const json::exception& e) {
    // Numbers too large for a double (1e400) land here, without a position: find the
    // number that nlohmann quotes ('1e400') to give one.
    const std::string message = plain_message(e.what());
    std::string where = origin;
    if (auto open = message.find('\''), close = message.rfind('\''); open != std::string::npos && close > open + 1)
      if (auto pos = text.find(message.substr(open + 1, close - open - 1)); pos != std::string::npos) {
        const auto [line, column] = line_column(text, pos);
        where = fmt::format("{}: line {}, column {}", origin, line, column);
      }
    throw InputError(where, "not valid JSON: " + message, "write numbers within the range of a double");
  }
}

json read_file(const std::string& path) {
  std::string text;
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in || std::filesystem::is_directory(path))
      throw InputError(path, fmt::format("cannot read the file: {}", std::strerror(errno ? errno : ENOENT)),
                       "check the path");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InputError(path == "-" ? "<stdin>" : path, "the file is empty", "give a JSON document");
  return parse(text, path == "-" ? "<stdin>" : path);
}

std::string dump(const json& value, int width) {
  std::string out;
  dump_to(value, 0, static_cast<std::size_t>(width), out);
  return out + "\n";
}

void write_file(const std::string& path, const std::string& text) {
  if (path == "-") {
    std::cout << text << std::flush;
    return;
  }
  namespace fs = std::filesystem;
  const fs::path target(path);
  fs::path temp = target;
  temp += fmt::format(".tmp{}", static_cast<long>(::getpid()));
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out)
      throw InputError(path, fmt::format("cannot write the file: {}", std::strerror(errno)),
                       "check that the folder exists and is writable");
    out << text;
    out.flush();
    if (!out) {
      std::error_code ignored;
      fs::remove(temp, ignored);
      throw InputError(path, "writing the file failed (disk full?)", "free space and retry");
    }
  }
  std::error_code ec;
  fs::rename(temp, target, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw InputError(path, "cannot replace the file: " + ec.message(), "check the permissions");
  }
}

}  // namespace cnnplace::json_text
