#pragma once
// Running an external solver safely: no shell (arguments go to execv as they are, so paths
// and names need no quoting), its own working directory, its output in a file, its own
// process group, and a hard SIGKILL of that group when it overruns its time limit (a solver
// that ignores its own limit must not hang a test or a benchmark).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cnnplace::mip {

// The absolute path of `program` found on $PATH (or `program` itself if it has a '/' and is
// executable); nullopt when there is none.
std::optional<std::string> find_on_path(const std::string& program);

struct ProcessResult {
  int exit_code = -1;    // the program's exit status; -1 when it did not exit normally
  bool killed = false;   // we killed it after kill_after_s
  double seconds = 0;    // wall time from start to exit
};

// Runs `binary args...` in `dir` with stdout and stderr both sent to dir/log_name; stdin is
// /dev/null. Kills the whole process group after kill_after_s seconds of wall time.
ProcessResult run_process(const std::string& binary, const std::vector<std::string>& args,
                          const std::filesystem::path& dir, const std::string& log_name,
                          double kill_after_s);

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "cnnplace-mip-");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  void keep() { keep_ = true; }  // leave it on disk (for debugging a solver run)

 private:
  std::filesystem::path path_;
  bool keep_ = false;
};

// The whole text of a file ("" if it cannot be read).
std::string read_text(const std::filesystem::path& file);

}  // namespace cnnplace::mip
