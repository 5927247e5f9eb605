#include "terminal/shell_listener.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "terminal/terminal_wire.h"

namespace dalec::dap::terminal {

std::unique_ptr<ShellListener> ShellListener::listen(std::string& error) {
  std::unique_ptr<ShellListener> listener(new ShellListener());
  std::string templ = (std::filesystem::temp_directory_path() / "dalec-dap-shell.XXXXXX").string();
  if (!::mkdtemp(templ.data())) {
    error = std::string("cannot make a directory for the shell's socket: ") + std::strerror(errno);
    return nullptr;
  }
  listener->directory_ = templ;  // mode 0700: only this user reaches the socket
  listener->socketPath_ = templ + "/shell.sock";
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (listener->socketPath_.size() >= sizeof address.sun_path) {
    error = "the shell's socket path is too long: " + listener->socketPath_;
    return nullptr;
  }
  std::strcpy(address.sun_path, listener->socketPath_.c_str());
  listener->listenFd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener->listenFd_ < 0 || ::bind(listener->listenFd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listener->listenFd_, 1) != 0 || ::pipe2(listener->wakeFd_, O_CLOEXEC) != 0) {
    error = std::string("cannot listen for the shell: ") + std::strerror(errno);
    return nullptr;
  }
  return listener;
}

ShellListener::~ShellListener() {
  stop();
  for (int fd : {listenFd_, wakeFd_[0], wakeFd_[1]})
    if (fd >= 0) ::close(fd);
  std::error_code ignored;
  if (!directory_.empty()) std::filesystem::remove_all(directory_, ignored);
}

void ShellListener::start(Runner runner, std::function<void(const buildkit::ProcessResult&)> onEnd, int acceptTimeoutMs) {
  thread_ = std::thread([this, runner = std::move(runner), onEnd = std::move(onEnd), acceptTimeoutMs] {
    serve(runner, onEnd, acceptTimeoutMs);
  });
}

void ShellListener::serve(Runner runner, std::function<void(const buildkit::ProcessResult&)> onEnd, int acceptTimeoutMs) {
  buildkit::ProcessResult result;
  pollfd waiting[2] = {{listenFd_, POLLIN, 0}, {wakeFd_[0], POLLIN, 0}};
  int ready = 0;
  do ready = ::poll(waiting, 2, acceptTimeoutMs);
  while (ready < 0 && errno == EINTR);
  const int client = ready > 0 && (waiting[0].revents & POLLIN) && !stopping_ ? ::accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC) : -1;
  if (client < 0) {
    result.error = stopping_ ? "the session ended" : "the editor's terminal never opened the shell";
    ended_ = true;
    if (onEnd) onEnd(result);
    return;
  }
  clientFd_ = client;
  if (stopping_) ::shutdown(client, SHUT_RD);  // stop() came between the accept and here
  buildkit::TerminalIo io;
  io.read = [client](buildkit::TerminalInput& input) {
    FrameKind kind;
    std::string payload;
    while (readFrame(client, kind, payload)) {
      if (kind == FrameKind::Input) {
        input.data = std::move(payload);
        return true;
      }
      unsigned rows = 0, cols = 0;
      if (kind == FrameKind::Size && std::sscanf(payload.c_str(), "%u %u", &rows, &cols) == 2 && rows > 0 && cols > 0) {
        input.size = std::make_pair(rows, cols);
        return true;
      }
    }
    return false;
  };
  io.write = [client](const std::string& data) { writeFrame(client, FrameKind::Output, data); };
  io.stop = [client] { ::shutdown(client, SHUT_RD); };
  result = runner(io);
  writeFrame(client, FrameKind::Exit, result.error.empty() ? std::to_string(result.exitCode) : result.error);
  clientFd_ = -1;
  ::close(client);
  ended_ = true;
  if (onEnd) onEnd(result);
}

void ShellListener::stop() {
  stopping_ = true;
  if (wakeFd_[1] >= 0) {
    const char byte = 's';
    [[maybe_unused]] const ssize_t ignored = ::write(wakeFd_[1], &byte, 1);
  }
  // Ends the helper's input: the runner cancels the process and releases its container.
  if (const int client = clientFd_; client >= 0) ::shutdown(client, SHUT_RD);
  if (thread_.joinable()) thread_.join();
}

}  // namespace dalec::dap::terminal
