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
#include <set>
#include <sstream>
#include <string_view>
#include <vector>
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

// Rejects nesting deeper than kMaxDepth before nlohmann sees the text: its parser keeps
// its own stack, but destroying, copying and printing a value recurse once per level, so
// 100000 nested arrays would overflow the call stack. An instance nests 6 levels deep.
void check_depth(const std::string& text, const std::string& origin) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t k = 0; k < text.size(); ++k) {
    const char c = text[k];
    if (in_string) {
      if (c == '\\') ++k;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) {
        const auto [line, column] = line_column(text, k);
        throw InputError(fmt::format("{}: line {}, column {}", origin, line, column),
                         fmt::format("JSON nested more than {} levels deep", kMaxDepth),
                         "an instance nests a few levels; check that this is the right file");
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
}

// Refuses a key given twice in one object: nlohmann keeps the last one silently, so
// {"L": 1, "L": 3} would read as L = 3 while a reader of the file sees 1. Follows the
// parser's events with a stack of open objects and arrays, which also gives the pointer.
class DuplicateKeys {
 public:
  explicit DuplicateKeys(const std::string& origin) : origin_(origin) {}

  bool operator()(int /*depth*/, json::parse_event_t event, json& parsed) {
    using E = json::parse_event_t;
    switch (event) {
      case E::object_start:
      case E::array_start:
        next_element();
        open_.push_back({event == E::object_start, {}, 0, {}});
        break;
      case E::object_end:
      case E::array_end:
        if (!open_.empty()) open_.pop_back();
        break;
      case E::key:
        if (!open_.empty()) {
          Open& o = open_.back();
          o.key = parsed.get<std::string>();
          if (!o.keys.insert(o.key).second)
            throw InputError(fmt::format("{}: {}", origin_, pointer()), fmt::format("the field \"{}\" is given twice", o.key),
                             "keep one of them: JSON readers differ on which one counts");
        }
        break;
      case E::value:
        next_element();
        break;
    }
    return true;
  }

 private:
  struct Open {
    bool object;
    std::string key;         // the current key of an object
    std::size_t next_index;  // the index the next element of an array gets
    std::set<std::string> keys;
  };

  void next_element() {
    if (!open_.empty() && !open_.back().object) ++open_.back().next_index;
  }

  std::string pointer() const {
    std::string p;
    for (const Open& o : open_) {
      p += '/';
      if (!o.object) {
        p += std::to_string(o.next_index - 1);
        continue;
      }
      for (char c : o.key) p += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    }
    return p;
  }

  const std::string& origin_;
  std::vector<Open> open_;
};

std::string megabytes(std::uintmax_t bytes) { return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6); }

std::string too_large_fix() {
  return fmt::format("instance and placement files are at most a few MB (a 2000-unit instance is under 1 MB); "
                     "check that this is the right file, or raise json_text::kMaxFileBytes ({})",
                     megabytes(kMaxFileBytes));
}

}  // namespace

json parse(const std::string& text, const std::string& origin) {
  if (text.size() > kMaxFileBytes)
    throw InputError(origin, fmt::format("the JSON text is {}, over the {} limit", megabytes(text.size()),
                                         megabytes(kMaxFileBytes)), too_large_fix());
  // nlohmann's lexer takes a NUL byte for the end of the input and ignores the rest.
  if (const std::size_t nul = text.find('\0'); nul != std::string::npos) {
    const auto [line, column] = line_column(text, nul);
    throw InputError(fmt::format("{}: line {}, column {}", origin, line, column), "the text contains a NUL byte",
                     "JSON is plain text: check that this is the right file");
  }
  check_depth(text, origin);
  try {
    return json::parse(text, DuplicateKeys(origin));
  } catch (const json::parse_error& e) {
    const std::size_t at = e.byte == 0 ? 0 : e.byte - 1;
    const auto [line, column] = line_column(text, at);
    const std::string where = fmt::format("{}: line {}, column {}", origin, line, column);
    // What some JSON writers emit for non-finite doubles (Python's json.dumps does).
    for (const char* word : {"NaN", "Infinity"})
      if (text.compare(at, std::strlen(word), word) == 0)
        throw InputError(where, fmt::format("not valid JSON: {} is not a JSON number", word),
                         "write a finite number (or \"unlimited\" for a unit's memory or compute)");
    throw InputError(where, "not valid JSON: " + plain_message(e.what()),
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
    // At most one byte over the limit is kept, so that a huge stream costs bounded memory.
    std::istreambuf_iterator<char> it(std::cin), end;
    for (; it != end && text.size() <= kMaxFileBytes; ++it) text.push_back(*it);
    if (text.size() > kMaxFileBytes)
      throw InputError("<stdin>", fmt::format("standard input is over the {} limit", megabytes(kMaxFileBytes)),
                       too_large_fix());
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in || std::filesystem::is_directory(path))
      throw InputError(path, fmt::format("cannot read the file: {}", std::strerror(errno ? errno : ENOENT)),
                       "check the path");
    // Checked before reading: a 100 MB file is refused without being loaded.
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxFileBytes)
      throw InputError(path, fmt::format("the file is {}, over the {} limit", megabytes(size), megabytes(kMaxFileBytes)),
                       too_large_fix());
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
