#pragma once
// dalec-dap's side of a shell in the editor's terminal: a unix socket in a private directory that
// the helper (`dalec-dap shell SOCKET`, shell_client.h) connects to, and a thread that runs the
// process for it and relays its terminal. stop() ends the shell and its process from any thread.
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "buildkit/gateway_session.h"

namespace dalec::dap::terminal {

class ShellListener {
 public:
  using Runner = std::function<buildkit::ProcessResult(buildkit::TerminalIo&)>;
  // Listens, or says why not.
  static std::unique_ptr<ShellListener> listen(std::string& error);
  ~ShellListener();

  const std::string& socketPath() const { return socketPath_; }
  // On a thread of its own: waits up to `acceptTimeoutMs` for the helper, then runs `runner` with
  // the helper's terminal; `onEnd` gets the result (on that thread).
  void start(Runner runner, std::function<void(const buildkit::ProcessResult&)> onEnd, int acceptTimeoutMs = 30000);
  bool running() const { return !ended_; }
  void stop();

 private:
  ShellListener() = default;
  void serve(Runner runner, std::function<void(const buildkit::ProcessResult&)> onEnd, int acceptTimeoutMs);

  std::string directory_, socketPath_;
  int listenFd_ = -1, wakeFd_[2] = {-1, -1};
  std::atomic<int> clientFd_{-1};
  std::atomic<bool> stopping_{false}, ended_{false};
  std::thread thread_;
};

}  // namespace dalec::dap::terminal
