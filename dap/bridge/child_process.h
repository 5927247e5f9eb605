#pragma once
// The buildx child: spawned with an argument vector (never a shell), stdio on pipes read
// asynchronously so its stdout is drained continuously (buildx stops writing when its 100-message
// queue fills), and stopped with SIGINT, then SIGKILL after a grace period.
#include <sys/types.h>

#include <asio/io_context.hpp>
#include <asio/posix/stream_descriptor.hpp>
#include <asio/steady_timer.hpp>
#include <array>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dalec::dap {

struct SpawnOptions {
  std::vector<std::string> argv;  // argv[0] is looked up on PATH when it has no '/'
  std::string cwd;
  std::map<std::string, std::string> env;  // added to this process's environment
};

class ChildProcess {
 public:
  using DataHandler = std::function<void(std::string_view)>;
  using ExitHandler = std::function<void(int status)>;  // exit code, or 128 + signal

  explicit ChildProcess(asio::io_context& io);
  ~ChildProcess();

  // Returns an error message when the program cannot be started (not found, not executable).
  std::optional<std::string> spawn(const SpawnOptions& options, DataHandler onStdout, DataHandler onStderr, ExitHandler onExit);
  bool write(std::string_view bytes);
  // SIGINT now, SIGKILL if still running after `grace`.
  void stop(std::chrono::milliseconds grace);
  bool running() const { return pid_ > 0 && !exited_; }
  pid_t pid() const { return pid_; }

 private:
  void readFrom(asio::posix::stream_descriptor& pipe, std::array<char, 65536>& buffer, DataHandler& handler);
  void watchExit();

  asio::io_context& io_;
  asio::posix::stream_descriptor stdout_;
  asio::posix::stream_descriptor stderr_;
  int stdin_ = -1;
  pid_t pid_ = -1;
  bool exited_ = false;
  std::array<char, 65536> outBuffer_{};
  std::array<char, 65536> errBuffer_{};
  DataHandler onStdout_, onStderr_;
  ExitHandler onExit_;
  asio::steady_timer exitPoll_;
  asio::steady_timer killTimer_;
};

// Finds a program on PATH (or returns it unchanged when it contains '/'); nullopt if not found.
std::optional<std::string> findExecutable(const std::string& program, const std::string& path);

}  // namespace dalec::dap
