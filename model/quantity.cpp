#include "model/quantity.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>

#include "model/errors.hpp"

namespace cnnplace {
namespace {

struct Prefix {
  std::string_view symbol;
  double factor;
};
// Longest symbols first so that "Ki" wins over "K".
constexpr std::array<Prefix, 10> kPrefixes{{{"Ki", 1024.0},
                                            {"Mi", 1048576.0},
                                            {"Gi", 1073741824.0},
                                            {"Ti", 1099511627776.0},
                                            {"k", 1e3},
                                            {"K", 1e3},
                                            {"M", 1e6},
                                            {"G", 1e9},
                                            {"T", 1e12},
                                            {"", 1.0}}};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool strip_suffix(std::string_view& s, std::string_view suffix) {
  if (s.size() < suffix.size() || s.substr(s.size() - suffix.size()) != suffix) return false;
  s.remove_suffix(suffix.size());
  return true;
}

// The multiplier for a unit string such as "KB", "Mbps", "M", "km" for `kind`; 0 if unknown.
double unit_factor(std::string_view unit, QuantityKind kind) {
  unit = trim(unit);
  if (kind == QuantityKind::length) {
    if (unit.empty() || unit == "m") return 1.0;
    if (unit == "cm") return 0.01;
    if (unit == "mm") return 0.001;
    if (unit == "km") return 1000.0;
    return 0;
  }
  double base = 1.0;
  std::string_view rest = unit;
  switch (kind) {
    case QuantityKind::bytes:
      if (!strip_suffix(rest, "B")) return rest.empty() ? 1.0 : 0.0;
      break;
    case QuantityKind::bit_rate:
      if (strip_suffix(rest, "bps") || strip_suffix(rest, "b/s") || strip_suffix(rest, "bit/s")) {
      } else if (strip_suffix(rest, "B/s") || strip_suffix(rest, "Bps")) {
        base = 8.0;
      } else {
        return rest.empty() ? 1.0 : 0.0;
      }
      break;
    case QuantityKind::speed:
      strip_suffix(rest, "/s");
      break;
    case QuantityKind::multiplications:
    case QuantityKind::plain:
    case QuantityKind::length:
      break;
  }
  rest = trim(rest);
  for (const Prefix& p : kPrefixes)
    if (rest == p.symbol) return base * p.factor;
  return 0;
}

const char* examples(QuantityKind kind) {
  switch (kind) {
    case QuantityKind::bytes: return "\"512 KB\" (1000 B), \"512 KiB\" (1024 B), \"1 GB\" or a number of bytes";
    case QuantityKind::bit_rate: return "\"72.2 Mbps\", \"7.2 Mb/s\", \"9241.6 KB/s\" or a number of bit/s";
    case QuantityKind::multiplications: return "\"560 M\", \"3.76 M\", \"1.2 G\" or a plain count";
    case QuantityKind::speed: return "\"560 M\" or \"560 M/s\" multiplications per second, or a plain number";
    case QuantityKind::length: return "\"7.5 m\", \"30 cm\", \"0.1 km\" or a number of metres";
    case QuantityKind::plain: return "a plain number";
  }
  return "";
}

}  // namespace

const char* to_string(QuantityKind kind) {
  switch (kind) {
    case QuantityKind::bytes: return "a size in bytes";
    case QuantityKind::bit_rate: return "a data rate";
    case QuantityKind::multiplications: return "a number of multiplications";
    case QuantityKind::speed: return "a speed in multiplications per second";
    case QuantityKind::length: return "a length";
    case QuantityKind::plain: return "a number";
  }
  return "";
}

double parse_quantity(std::string_view text, QuantityKind kind, const std::string& where) {
  const std::string_view s = trim(text);
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end == s.data())
    throw InputError(where, fmt::format("\"{}\" is not {}", text, to_string(kind)),
                     fmt::format("write {}", examples(kind)));
  const std::string_view unit = s.substr(static_cast<std::size_t>(end - s.data()));
  const double factor = unit_factor(unit, kind);
  if (factor == 0)
    throw InputError(where, fmt::format("unknown unit \"{}\" in \"{}\"", trim(unit), text),
                     fmt::format("write {}", examples(kind)));
  const double result = value * factor;
  if (!std::isfinite(result))
    throw InputError(where, fmt::format("\"{}\" is not a finite number", text),
                     "give a finite value");
  return result;
}

std::string format_bytes(double bytes) {
  if (std::isinf(bytes)) return "unlimited";
  const double a = std::fabs(bytes);
  if (a >= 1e9) return fmt::format("{:.3g} GB", bytes / 1e9);
  if (a >= 1e6) return fmt::format("{:.3g} MB", bytes / 1e6);
  if (a >= 1e3) return fmt::format("{:.4g} KB", bytes / 1e3);
  return fmt::format("{:.4g} B", bytes);
}

std::string format_rate(double bps) {
  if (bps >= 1e9) return fmt::format("{:.4g} Gb/s", bps / 1e9);
  if (bps >= 1e6) return fmt::format("{:.4g} Mb/s", bps / 1e6);
  if (bps >= 1e3) return fmt::format("{:.4g} kb/s", bps / 1e3);
  return fmt::format("{:.4g} b/s", bps);
}

std::string format_count(double count) {
  if (std::isinf(count)) return "unlimited";
  const double a = std::fabs(count);
  if (a >= 1e9) return fmt::format("{:.4g} G", count / 1e9);
  if (a >= 1e6) return fmt::format("{:.4g} M", count / 1e6);
  if (a >= 1e3) return fmt::format("{:.4g} k", count / 1e3);
  return fmt::format("{:.4g}", count);
}

std::string format_seconds(double s) {
  if (std::isinf(s)) return "inf";
  const double a = std::fabs(s);
  if (a >= 1) return fmt::format("{:.4f} s", s);
  if (a >= 1e-3) return fmt::format("{:.3f} ms", s * 1e3);
  return fmt::format("{:.3f} us", s * 1e6);
}

}  // namespace cnnplace
