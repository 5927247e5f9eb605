#pragma once
// Runs a program with pipes on stdin/stdout/stderr (no shell), for end-to-end tests.
#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dalec::testing {

class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  bool write(const std::string& bytes);
  // Writes `bytes` while handing whatever stdout produces meanwhile to `onOutput`, as an editor
  // does: a server that answers a large burst would otherwise block on a full stdout pipe while
  // we block on its full stdin pipe.
  bool writeWhileReading(const std::string& bytes, const std::function<void(const std::string&)>& onOutput);
  void closeStdin();
  // Reads whatever stdout has within the timeout (empty on timeout or end of output).
  std::string readSome(std::chrono::milliseconds timeout);
  std::string drainStderr();
  // Waits for the process; nullopt if it is still running after the timeout.
  std::optional<int> wait(std::chrono::milliseconds timeout);
  bool running();
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int stdin_ = -1, stdout_ = -1, stderr_ = -1;
  std::optional<int> status_;
};

struct RunResult {
  int exitCode = -1;
  std::string out, err;
};
// Runs to completion (with a timeout) and returns exit code and output.
RunResult runToCompletion(const std::vector<std::string>& argv, std::chrono::milliseconds timeout = std::chrono::seconds(20));

}  // namespace dalec::testing
