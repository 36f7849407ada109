#include "process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace cnnplace::reliability {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::string cli_path() { return CNNPLACE_BINARY_DIR "/cli/cnnplace"; }

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "cnnplace-reliability-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

Run run_cli(const std::vector<std::string>& args, double deadline_s, const std::string& stdin_file,
            double interrupt_after_s, double* interrupted_at_s) {
  using clock = std::chrono::steady_clock;
  const TempDir dir;
  const std::string out_path = dir.file("out"), err_path = dir.file("err");
  const auto start = clock::now();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int in = open(stdin_file.empty() ? "/dev/null" : stdin_file.c_str(), O_RDONLY);
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    std::string program = cli_path();
    argv.push_back(program.data());
    std::vector<std::string> copies(args);
    for (std::string& a : copies) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(program.c_str(), argv.data());
    _exit(127);
  }
  Run run;
  bool signalled = false;
  int status = 0;
  for (;;) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    const double elapsed = std::chrono::duration<double>(clock::now() - start).count();
    if (done == pid) {
      run.seconds = elapsed;
      break;
    }
    if (!signalled && interrupt_after_s >= 0 && elapsed >= interrupt_after_s) {
      kill(pid, SIGINT);
      signalled = true;
      if (interrupted_at_s) *interrupted_at_s = elapsed;
    }
    if (elapsed > deadline_s && !run.timed_out) {
      run.timed_out = true;
      kill(pid, SIGKILL);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
  run.out = slurp(out_path);
  run.err = slurp(err_path);
  return run;
}

}  // namespace cnnplace::reliability
