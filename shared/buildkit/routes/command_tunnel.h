#pragma once
// A child process whose standard input and output are one end of a socket pair: the other end
// carries a gRPC connection, as buildctl's docker-container:// and kube-pod:// do with
// `buildctl dial-stdio` run by `docker exec -i` or `kubectl exec -i`. The child is stopped when
// this is destroyed; what it wrote on its standard error is kept for errors.
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace dalec::buildkit {

class CommandTunnel {
 public:
  // Starts `argv` (found on PATH). On success `fd` is our end of the connection (the caller owns
  // it from then on); on failure, `error` says why.
  static std::unique_ptr<CommandTunnel> start(const std::vector<std::string>& argv, int& fd, std::string& error);
  ~CommandTunnel();
  CommandTunnel(const CommandTunnel&) = delete;
  CommandTunnel& operator=(const CommandTunnel&) = delete;

  // Waits up to `timeout` for the child to end; "`docker exec ...` exited with 1: <its stderr>" if it
  // has, else what it said so far (may be empty).
  std::string report(std::chrono::milliseconds timeout);
  bool running();

 private:
  CommandTunnel(pid_t pid, int errorFd, std::string commandLine);
  void readErrors();

  pid_t pid_;
  int errorFd_;
  std::string commandLine_;
  std::thread errorReader_;
  std::atomic<bool> errorsEnded_{false};
  std::mutex mutex_;
  std::string errors_;  // the last few KiB of its stderr
  int status_ = -1;     // waitpid's status once reaped
  bool reaped_ = false;
};

}  // namespace dalec::buildkit
