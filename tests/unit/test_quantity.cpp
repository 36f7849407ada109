#include <catch2/catch.hpp>

#include "model/errors.hpp"
#include "model/quantity.hpp"

using namespace cnnplace;

TEST_CASE("byte sizes: decimal and binary prefixes are explicit", "[quantity]") {
  CHECK(parse_quantity("512 KB", QuantityKind::bytes, "x") == 512000.0);
  CHECK(parse_quantity("512 kB", QuantityKind::bytes, "x") == 512000.0);
  CHECK(parse_quantity("512 KiB", QuantityKind::bytes, "x") == 524288.0);
  CHECK(parse_quantity("512 MB", QuantityKind::bytes, "x") == 512e6);
  CHECK(parse_quantity("1 GB", QuantityKind::bytes, "x") == 1e9);
  CHECK(parse_quantity("1 GiB", QuantityKind::bytes, "x") == 1073741824.0);
  CHECK(parse_quantity("9.41KB", QuantityKind::bytes, "x") == Approx(9410.0).epsilon(1e-15));
  CHECK(parse_quantity("100", QuantityKind::bytes, "x") == 100.0);
  CHECK(parse_quantity("100 B", QuantityKind::bytes, "x") == 100.0);
}

TEST_CASE("data rates in bits and bytes per second", "[quantity]") {
  CHECK(parse_quantity("72.2 Mbps", QuantityKind::bit_rate, "x") == Approx(72.2e6).epsilon(1e-15));
  CHECK(parse_quantity("7.2 Mb/s", QuantityKind::bit_rate, "x") == Approx(7.2e6).epsilon(1e-15));
  CHECK(parse_quantity("9241.6 KB/s", QuantityKind::bit_rate, "x") == Approx(9241.6e3 * 8).epsilon(1e-15));
  CHECK(parse_quantity("1 MiB/s", QuantityKind::bit_rate, "x") == 8.0 * 1048576.0);
  CHECK(parse_quantity("1 kbit/s", QuantityKind::bit_rate, "x") == 1000.0);
  CHECK(parse_quantity("5000", QuantityKind::bit_rate, "x") == 5000.0);
}

TEST_CASE("multiplications, speeds and lengths", "[quantity]") {
  CHECK(parse_quantity("560 M", QuantityKind::multiplications, "x") == 560e6);
  CHECK(parse_quantity("3.76 M", QuantityKind::multiplications, "x") == Approx(3.76e6).epsilon(1e-15));
  CHECK(parse_quantity("1.2 G", QuantityKind::multiplications, "x") == Approx(1.2e9).epsilon(1e-15));
  CHECK(parse_quantity("5 k", QuantityKind::multiplications, "x") == 5000.0);
  CHECK(parse_quantity("560 M/s", QuantityKind::speed, "x") == 560e6);
  CHECK(parse_quantity("560 M", QuantityKind::speed, "x") == 560e6);
  CHECK(parse_quantity("7.5 m", QuantityKind::length, "x") == 7.5);
  CHECK(parse_quantity("30 cm", QuantityKind::length, "x") == Approx(0.3).epsilon(1e-15));
  CHECK(parse_quantity("0.1 km", QuantityKind::length, "x") == Approx(100.0).epsilon(1e-15));
}

TEST_CASE("bad quantities name the field and the fix", "[quantity]") {
  auto message = [](std::string_view text, QuantityKind kind) {
    try {
      parse_quantity(text, kind, "/units/0/memory");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(message("12 parsecs", QuantityKind::bytes), Catch::Contains("/units/0/memory") && Catch::Contains("unknown unit \"parsecs\""));
  CHECK_THAT(message("lots", QuantityKind::bytes), Catch::Contains("is not a size in bytes"));
  CHECK_THAT(message("nan", QuantityKind::bytes), Catch::Contains("not a finite number"));
  CHECK_THAT(message("inf KB", QuantityKind::bytes), Catch::Contains("not a finite number"));
  CHECK_THAT(message("1e400", QuantityKind::bytes), Catch::Contains("/units/0/memory"));
  CHECK_THAT(message("72 Mbps", QuantityKind::bytes), Catch::Contains("unknown unit"));
  CHECK_THAT(message("", QuantityKind::bit_rate), Catch::Contains("is not a data rate"));
}
