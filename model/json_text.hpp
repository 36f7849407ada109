#pragma once
// JSON as text: reading a file with errors that give line and column, printing for people
// (short arrays and objects on one line, keys in a readable order), and writing a file
// atomically. Shared by the instance and placement readers/writers; internal (not installed).
#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

namespace cnnplace::json_text {

// Limits on what is parsed, so that any input costs bounded time, memory and stack: larger
// or deeper text is an InputError before nlohmann's parser sees it (docs/reliability.md).
inline constexpr std::size_t kMaxFileBytes = 64'000'000;
inline constexpr int kMaxDepth = 256;

// Reads and parses `path` ("-" = standard input). Throws InputError: where = "<path>" when
// the file cannot be read or is over kMaxFileBytes, "<path>: line L, column C" when it is
// not valid JSON or nests deeper than kMaxDepth.
nlohmann::json read_file(const std::string& path);

// Parses `text`; errors name `origin` with line and column as read_file does, or with the
// JSON pointer of a key given twice in one object (also an InputError).
nlohmann::json parse(const std::string& text, const std::string& origin);

// Indented JSON in which every array or object that fits in `width` columns stays on one
// line, and object keys come in the order people read an instance (format, name, ...,
// then the rest alphabetically). Deterministic: the same value gives the same bytes.
std::string dump(const nlohmann::json& value, int width = 100);

// Writes `text` to `path` through a temporary file in the same folder and a rename, so a
// reader never sees half a file; "-" writes to standard output. Throws InputError.
void write_file(const std::string& path, const std::string& text);

}  // namespace cnnplace::json_text
