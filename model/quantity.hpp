#pragma once
// Human-readable quantities for instance files, converted to SI base units.
//   bytes:            "512 KB" = 512000, "512 KiB" = 524288, "1 GB", "9.41 kB", plain number = bytes
//   data rates:       "72.2 Mbps" = 72.2e6 bit/s, "7.2 Mb/s", "1 MiB/s" = 8 * 2^20 bit/s,
//                     "9241.6 KB/s"; plain number = bit/s
//   multiplications:  "560 M" = 560e6, "3.76 M", "1.2 G", "5 k"; plain number = count
//   speeds:           as multiplications, per second ("560 M" or "560 M/s")
//   lengths:          "7.5 m", "30 cm", "0.1 km"; plain number = metres
// Decimal prefixes (k, M, G, T) are powers of 1000; binary ones (Ki, Mi, Gi) of 1024.
#include <string>
#include <string_view>

namespace cnnplace {

enum class QuantityKind { bytes, bit_rate, multiplications, speed, length, plain };

// Parses `text` as a quantity of `kind`; throws InputError naming `where` on failure.
double parse_quantity(std::string_view text, QuantityKind kind, const std::string& where);

// Formats bytes, rates etc. for people ("4.82 MB", "72.2 Mb/s", "560 M").
std::string format_bytes(double bytes);
std::string format_rate(double bits_per_second);
std::string format_count(double count);
std::string format_seconds(double seconds);

const char* to_string(QuantityKind kind);

}  // namespace cnnplace
