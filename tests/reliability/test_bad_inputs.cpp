// Issue 7: no input crashes, hangs or prints a stack trace. Every file of instances/invalid/
// makes `cnnplace validate` and `cnnplace solve` exit 2 with the reader's own message (file,
// field and fix, which tests/unit/test_invalid_instances.cpp pins per file); files too large
// or too deep to parse are generated here and refused quickly; infeasible instances are
// valid, and `cnnplace solve` answers them with exit 3 and a reason.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "model/errors.hpp"
#include "model/instance_io.hpp"
#include "model/json_text.hpp"
#include "process.hpp"

using namespace cnnplace;
using namespace cnnplace::reliability;

namespace {

namespace fs = std::filesystem;

constexpr double kDeadline = 20;  // seconds before a run counts as a hang (no speed claims)

std::vector<std::string> files_in(const std::string& folder) {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(CNNPLACE_SOURCE_DIR "/instances/" + folder))
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

// The reader's message for `file`, as the library gives it.
std::string reader_error(const std::string& file) {
  try {
    read_instance(file);
  } catch (const InputError& e) {
    CHECK_FALSE(e.fix().empty());
    return e.what();
  }
  FAIL("no InputError for " << file);
  return "";
}

// A clean refusal: exit 2, one "error: ..." line that names the file, nothing else.
void expect_refusal(const Run& run, const std::string& file) {
  INFO("stderr: " << run.err);
  CHECK_FALSE(run.timed_out);
  CHECK(run.signal == 0);
  CHECK(run.exit_code == 2);
  CHECK_THAT(run.err, Catch::StartsWith("error: " + file));
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  CHECK_THAT(run.err, !Catch::Contains("internal error") && !Catch::Contains("terminate"));
  CHECK(run.out.empty());
}

void write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace

TEST_CASE("cnnplace validate and solve refuse every file of instances/invalid/ with exit 2", "[reliability][cli]") {
  const auto files = files_in("invalid");
  REQUIRE(files.size() >= 40);
  for (const std::string& file : files) {
    INFO(file);
    const std::string expected = "error: " + reader_error(file) + "\n";
    for (const char* command : {"validate", "solve"}) {
      INFO(command);
      const Run run = run_cli({command, file}, kDeadline);
      expect_refusal(run, file);
      CHECK(run.err == expected);
    }
  }
}

TEST_CASE("a 100 MB file is refused before it is read, from a path and from standard input", "[reliability][cli]") {
  const TempDir dir;
  const std::string big = dir.file("big.json");
  {
    // Valid JSON all the way: one instance whose "about" string is 100 MB long.
    std::ofstream out(big, std::ios::binary);
    out << R"({"format": "cnnplace-instance/1", "about": ")";
    const std::string chunk(1 << 20, 'x');
    for (int k = 0; k < 100; ++k) out << chunk;
    out << "\"}\n";
  }
  REQUIRE(fs::file_size(big) > 100'000'000);
  for (const char* command : {"validate", "solve"}) {
    const Run run = run_cli({command, big}, kDeadline);
    expect_refusal(run, big);
    CHECK_THAT(run.err, Catch::Contains("over the 64.0 MB limit") && Catch::Contains("check that this is the right file"));
  }
  const Run piped = run_cli({"validate", "-"}, kDeadline, big);
  INFO(piped.err);
  CHECK(piped.exit_code == 2);
  CHECK_THAT(piped.err, Catch::StartsWith("error: <stdin>: standard input is over the 64.0 MB limit"));
}

TEST_CASE("a short file of 9 991 units that reach nothing is refused before the all-pairs tables", "[reliability][cli]") {
  // 300 bytes made 10 000 network nodes, and the reader built their distance tables (1.6 GB,
  // 4 s) before validate() found the network disconnected. The check now runs on the links.
  const TempDir dir;
  const std::string file = dir.file("many.json");
  write(file, R"({"format": "cnnplace-instance/1", "sink": "f",
    "network": {"rate": "1 Mbps", "nodes": [{"name": "f"}], "edges": [{"from": "f", "to": "a"}]},
    "units": [{"name": "a", "family": "rpi3b+"}, {"family": "stm32h7", "count": 9990}],
    "cnns": [{"zoo": "5layer", "source": "f"}]})");
  for (const char* command : {"validate", "solve"}) {
    const Run run = run_cli({command, file}, kDeadline);
    expect_refusal(run, file);
    CHECK_THAT(run.err, Catch::Contains(": /network: the network is disconnected: the source of cnn0 (node f) cannot "
                                        "reach unit stm32h7-1"));
  }
}

TEST_CASE("JSON nested 100000 deep is refused without recursing", "[reliability][cli]") {
  const TempDir dir;
  const std::string arrays = dir.file("arrays.json"), objects = dir.file("objects.json");
  write(arrays, std::string(100000, '[') + std::string(100000, ']'));
  std::string nested;
  for (int k = 0; k < 100000; ++k) nested += "{\"a\": ";
  write(objects, nested + "1" + std::string(100000, '}'));
  for (const std::string& file : {arrays, objects})
    for (const char* command : {"validate", "solve"}) {
      const Run run = run_cli({command, file}, kDeadline);
      expect_refusal(run, file);
      CHECK_THAT(run.err, Catch::Contains(": line 1, column ") && Catch::Contains("JSON nested more than 256 levels deep"));
    }
  // The same check in the library, and brackets inside strings do not count.
  CHECK_THROWS_AS(json_text::parse(std::string(300, '[') + std::string(300, ']'), "x"), InputError);
  CHECK_NOTHROW(json_text::parse("[\"" + std::string(1000, '[') + "\\\"\"]", "x"));
  CHECK_NOTHROW(json_text::parse(std::string(256, '[') + std::string(256, ']'), "x"));
}

TEST_CASE("a key given twice is refused with its pointer; the same key in two objects is not", "[reliability][io]") {
  CHECK_THROWS_WITH(json_text::parse(R"({"a": [1, [2, {"x~/": 1, "x~/": 2}]]})", "x"),
                    Catch::StartsWith("x: /a/1/1/x~0~1: the field \"x~/\" is given twice"));
  CHECK_THROWS_WITH(json_text::parse(R"({"a": {"b": 1}, "c": [{"b": 1}, {"b": 2, "d": {"b": 3}}], "a": 0})", "x"),
                    Catch::StartsWith("x: /a: the field \"a\" is given twice"));
  CHECK(json_text::parse(R"({"a": {"b": 1}, "c": [{"b": 1}, {"b": 2, "d": {"b": 3}}]})", "x")["c"][1]["d"]["b"] == 3);
}

TEST_CASE("a NUL byte anywhere is refused with its position, not read as the end of the text", "[reliability][io]") {
  CHECK_THROWS_WITH(json_text::parse(std::string("{\"a\": 1}\n\0{{{", 12), "x"),
                    Catch::StartsWith("x: line 2, column 1: the text contains a NUL byte"));
}

TEST_CASE("a missing file, a folder and an unknown option are refused with exit 2", "[reliability][cli]") {
  for (const std::string& path : {std::string("/nonexistent/sys.json"), std::string(CNNPLACE_SOURCE_DIR "/instances")}) {
    const Run run = run_cli({"solve", path}, kDeadline);
    expect_refusal(run, path);
  }
  const std::string sample = CNNPLACE_SOURCE_DIR "/instances/samples/figure1.json";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"solve", sample, "--threads", "-3"}, {"solve", sample, "--time-limit", "nan"},
        {"solve", sample, "--node-limit", "-1"}, {"solve", sample, "--time-limit", "-5"},
        {"solve", sample, "--local-search", "-1"}, {"solve", sample, "--dual-lp", "2"},
        {"solve", sample, "--node-duals", "1.5"}, {"solve", sample, "--no-such-option"}}) {
    const Run run = run_cli(args, kDeadline);
    INFO(args.back() << ": " << run.err);
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, !Catch::Contains("internal error"));
    // An option out of its range is named, with the range to use.
    if (args.size() == 4) CHECK_THAT(run.err, Catch::Contains("error: " + args[2] + ": ") && Catch::Contains("give a value between"));
  }
}

TEST_CASE("cnnplace generate refuses a negative seed and percentages that do not add up to 100", "[reliability][cli]") {
  // CLI11 alone read "--seed -4" as 2^64 - 4 and "--mix 200-3" as a 200:3 draw: both wrote a
  // file the user did not ask for.
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"generate", "--seed", "-4"}, "error: --seed: \"-4\" is not a seed"},
      {{"generate", "--seed", "7x"}, "error: --seed: \"7x\" is not a seed"},
      {{"generate", "--mix", "200-3"}, "error: --mix: \"200-3\" adds up to 203, not 100"},
      {{"generate", "--mix", "60-50"}, "error: --mix: \"60-50\" adds up to 110, not 100"}};
  for (const auto& [args, message] : cases) {
    const Run run = run_cli(args, kDeadline);
    INFO(args[1] << " " << args[2] << ": " << run.err);
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Catch::StartsWith(message));
    CHECK(run.out.empty());
  }
  // The largest seed and percentages with decimals are fine.
  CHECK(run_cli({"generate", "--seed", "18446744073709551615", "--mix", "12.5-87.5"}, kDeadline).exit_code == 0);
}

TEST_CASE("infeasible instances are valid, and cnnplace solve exits 3 with the reason", "[reliability][cli]") {
  const auto files = files_in("infeasible");
  REQUIRE(files.size() >= 3);
  for (const std::string& file : files) {
    INFO(file);
    const Run valid = run_cli({"validate", file}, kDeadline);
    CHECK(valid.exit_code == 0);
    const Run human = run_cli({"solve", file}, kDeadline);
    INFO(human.out << human.err);
    CHECK(human.exit_code == 3);
    CHECK_THAT(human.out, Catch::Contains("status    infeasible") && Catch::Contains("reason    "));
    const Run json = run_cli({"solve", file, "--json"}, kDeadline);
    CHECK(json.exit_code == 3);
    const auto result = nlohmann::json::parse(json.out);
    CHECK(result["status"] == "infeasible");
    CHECK_FALSE(result.value("message", "").empty());
    CHECK_FALSE(result.contains("placement"));
  }
}
