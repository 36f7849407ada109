#pragma once
// Runs the cnnplace program as a user does, with a deadline: exit code, what it printed and
// how long it took. A run past its deadline is killed and reported as such, so that a hang
// fails the test instead of stalling the suite.
#include <string>
#include <vector>

namespace cnnplace::reliability {

struct Run {
  int exit_code = -1;     // -1 when killed by a signal
  int signal = 0;         // the signal that ended it, if any
  bool timed_out = false;
  std::string out, err;
  double seconds = 0;
};

// The path of the cnnplace program built next to the tests.
std::string cli_path();

// Runs cli_path() with `args`; `stdin_file` (if not empty) is its standard input.
// `interrupt_after_s` >= 0 sends SIGINT that long after the start; `interrupted_at_s` then
// says when it was sent.
Run run_cli(const std::vector<std::string>& args, double deadline_s, const std::string& stdin_file = "",
            double interrupt_after_s = -1, double* interrupted_at_s = nullptr);

// A fresh folder under the system's temporary folder, removed with its contents on exit.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace cnnplace::reliability
