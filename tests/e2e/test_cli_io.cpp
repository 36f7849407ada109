// The CLI's validate, evaluate and generate commands, run as a user runs them: exit codes,
// messages, and byte-identical generated files.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace {

const std::string kBinary = CNNPLACE_BINARY_DIR "/cli/cnnplace";
const std::string kSource = CNNPLACE_SOURCE_DIR;

struct Run {
  int status;
  std::string output;  // stdout and stderr together
};

// Runs a shell command; stdout and stderr together.
Run run_command(const std::string& command_line) {
  const std::string command = command_line + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  std::array<char, 4096> buffer;
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), n);
  const int raw = pclose(pipe);
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, output};
}

Run run(const std::string& args) { return run_command(kBinary + " " + args); }

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> json_files(const std::string& folder) {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(folder))
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("cnnplace validate accepts every sample with a one-line summary", "[cli]") {
  for (const std::string& file : json_files(kSource + "/instances/samples")) {
    INFO(file);
    const Run r = run("validate " + file);
    CHECK(r.status == 0);
    CHECK_THAT(r.output, Catch::StartsWith(file + ": valid: ") && Catch::Contains("connected"));
  }
}

TEST_CASE("cnnplace validate rejects every invalid instance with exit 2 and the file name", "[cli]") {
  for (const std::string& file : json_files(kSource + "/instances/invalid")) {
    INFO(file);
    const Run r = run("validate " + file);
    CHECK(r.status == 2);
    CHECK_THAT(r.output, Catch::StartsWith("error: " + file));
  }
  // Several files: each is reported, the status is 2 if any is invalid.
  const Run r = run("validate " + kSource + "/instances/samples/figure1.json " + kSource + "/instances/invalid/empty-cnn.json");
  CHECK(r.status == 2);
  CHECK_THAT(r.output, Catch::Contains("figure1.json: valid") && Catch::Contains("empty-cnn.json: /cnns/1/layers"));
}

TEST_CASE("cnnplace evaluate prints the breakdown; exit 0 feasible, 3 violated", "[cli]") {
  const std::string instance = kSource + "/instances/samples/figure1.json";
  Run r = run("evaluate " + instance + " " + kSource + "/instances/samples/placements/figure1-paper.json");
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Catch::Contains("cnn0") && Catch::Contains("t_t =") && Catch::Contains("t_p =") &&
                           Catch::Contains("feasible: every constraint holds"));
  r = run("evaluate --json " + instance + " " + kSource + "/instances/samples/placements/figure1-paper.json");
  CHECK(r.status == 0);
  const auto doc = nlohmann::json::parse(r.output);
  CHECK(doc["feasible"] == true);
  CHECK(doc["per_cnn"]["cnn0"]["t_ms"].get<double>() == Approx(doc["total"]["t_ms"].get<double>()));

  // Everything on n01, an STM32H7 with L = 1: too many layers and too little memory.
  const std::string bad = (std::filesystem::temp_directory_path() / "cnnplace-e2e-bad-placement.json").string();
  std::ofstream(bad) << R"({"format": "cnnplace-placement/1", "placement": {"cnn0": ["n01", "n01", "n01", "n01", "n01"]}})";
  r = run("evaluate " + instance + " " + bad);
  CHECK(r.status == 3);
  CHECK_THAT(r.output, Catch::Contains("layer_limit: unit n01 runs 5 layers") && Catch::Contains("memory: unit n01"));
  std::ofstream(bad) << R"({"placement": {"cnn0": ["n01"]}})";
  r = run("evaluate " + instance + " " + bad);
  CHECK(r.status == 2);
  CHECK_THAT(r.output, Catch::Contains(bad + ": /placement/cnn0"));
  std::filesystem::remove(bad);
}

TEST_CASE("cnnplace generate is deterministic: the bundled random sample, byte for byte", "[cli]") {
  const Run r = run("generate --units 30 --mix 50-50 --tech wifi4 --cnn 5layer --cnns 2 --shared 2 --L 1 --seed 7 -o -");
  CHECK(r.status == 0);
  CHECK(r.output == slurp(kSource + "/instances/samples/random-30u-seed7.json"));
  const std::string out = (std::filesystem::temp_directory_path() / "cnnplace-e2e-gen.json").string();
  CHECK(run("generate --mix stm32h7=0.5,rpi3b+=0.5 --cnns 2 --shared 2 --L 1 --seed 7 -o " + out).status == 0);
  CHECK(slurp(out) == r.output);
  CHECK(run("validate " + out).status == 0);
  std::filesystem::remove(out);
  CHECK(run("generate --mix 50-50-0").status == 2);
  CHECK_THAT(run("generate --cnn resnet").output, Catch::Contains("--cnn: unknown CNN \"resnet\""));
  CHECK_THAT(run("generate --L none").output, Catch::Contains("--L"));
}

TEST_CASE("every command has --help", "[cli]") {
  for (const char* command : {"validate", "evaluate", "generate"}) {
    INFO(command);
    const Run r = run(std::string(command) + " --help");
    CHECK(r.status == 0);
    CHECK_THAT(r.output, Catch::Contains("Exit status"));
  }
}

TEST_CASE("cnnplace export --objective-unit scales the objective; CBC finds the solver's optimum in each unit", "[cli]") {
  const std::string instance = kSource + "/instances/samples/figure1.json";
  const auto dir = std::filesystem::temp_directory_path();
  const auto cbc_objective = [&](const std::string& unit) {
    const std::string lp = (dir / ("cnnplace-e2e-export-" + unit + ".lp")).string();
    const Run exported = run("export " + instance + " --objective-unit " + unit + " -o " + lp);
    REQUIRE(exported.status == 0);
    const std::string out = run_command("cbc " + lp + " solve").output;
    std::filesystem::remove(lp);
    const auto at = out.find("Objective value:");
    REQUIRE(at != std::string::npos);
    return std::stod(out.substr(at + 16));
  };
  const Run solved = run("solve " + instance + " --json");
  REQUIRE(solved.status == 0);
  const double optimum_s = nlohmann::json::parse(solved.output)["objective_s"].get<double>();
  // CBC prints 8 decimals: in seconds that is about 1e-7 relative here, in microseconds exact.
  CHECK(cbc_objective("s") == Approx(optimum_s).epsilon(1e-6));
  CHECK(cbc_objective("ms") == Approx(optimum_s * 1e3).epsilon(1e-9));
  CHECK(cbc_objective("us") == Approx(optimum_s * 1e6).epsilon(1e-9));
  CHECK(run("export " + instance + " --objective-unit parsecs").status == 2);
}
