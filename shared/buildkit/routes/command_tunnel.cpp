#include "buildkit/routes/command_tunnel.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace dalec::buildkit {

namespace {

constexpr std::size_t kKeptErrorBytes = 4096;

std::string joined(const std::vector<std::string>& argv) {
  std::string line;
  for (const std::string& arg : argv) line += (line.empty() ? "" : " ") + arg;
  return line;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

std::unique_ptr<CommandTunnel> CommandTunnel::start(const std::vector<std::string>& argv, int& fd, std::string& error) {
  if (argv.empty()) {
    error = "no command to tunnel through";
    return nullptr;
  }
  int sockets[2], errors[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0) {
    error = std::string("socketpair: ") + std::strerror(errno);
    return nullptr;
  }
  // A socket rather than a pipe for its stderr too: shutdown() can cut the reader off (below).
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, errors) != 0) {
    error = std::string("socketpair: ") + std::strerror(errno);
    ::close(sockets[0]);
    ::close(sockets[1]);
    return nullptr;
  }
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    error = std::string("fork: ") + std::strerror(errno);
    for (int each : {sockets[0], sockets[1], errors[0], errors[1]}) ::close(each);
    return nullptr;
  }
  if (pid == 0) {
    // Its own process group, so that the editor's Ctrl-C to us is not also a Ctrl-C to the tunnel,
    // and so that stopping it stops whatever it started.
    ::setpgid(0, 0);
    ::dup2(sockets[1], 0);
    ::dup2(sockets[1], 1);
    ::dup2(errors[1], 2);
    ::signal(SIGPIPE, SIG_DFL);
    ::execvp(args[0], args.data());
    const std::string why = std::string("cannot run ") + args[0] + ": " + std::strerror(errno) + "\n";
    (void)!::write(2, why.data(), why.size());
    ::_exit(127);
  }
  ::close(sockets[1]);
  ::close(errors[1]);
  fd = sockets[0];
  return std::unique_ptr<CommandTunnel>(new CommandTunnel(pid, errors[0], joined(argv)));
}

CommandTunnel::CommandTunnel(pid_t pid, int errorFd, std::string commandLine)
    : pid_(pid), errorFd_(errorFd), commandLine_(std::move(commandLine)) {
  errorReader_ = std::thread([this] { readErrors(); });
}

void CommandTunnel::readErrors() {
  char buffer[1024];
  for (;;) {
    const ssize_t n = ::read(errorFd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    std::lock_guard lock(mutex_);
    errors_.append(buffer, static_cast<std::size_t>(n));
    if (errors_.size() > kKeptErrorBytes) errors_.erase(0, errors_.size() - kKeptErrorBytes);
  }
  errorsEnded_ = true;
}

bool CommandTunnel::running() {
  std::lock_guard lock(mutex_);
  if (reaped_) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) {
    reaped_ = true;
    status_ = status;
    return false;
  }
  return true;
}

std::string CommandTunnel::report(std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (running() && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::lock_guard lock(mutex_);
  std::string text = "`" + commandLine_ + "`";
  if (reaped_) {
    if (WIFEXITED(status_)) text += " exited with " + std::to_string(WEXITSTATUS(status_));
    else if (WIFSIGNALED(status_)) text += " was killed by signal " + std::to_string(WTERMSIG(status_));
  } else {
    text += " is running";
  }
  const std::string said = trimmed(errors_);
  return said.empty() ? text : text + ": " + said;
}

CommandTunnel::~CommandTunnel() {
  if (running()) {
    ::kill(-pid_, SIGTERM);
    ::kill(pid_, SIGTERM);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (running() && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (running()) {
      ::kill(-pid_, SIGKILL);
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  // Anything the child started and left holding its stderr would keep the reader waiting: a
  // bounded wait, then the reader is cut off by closing our end.
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(200);
  while (!errorsEnded_ && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  if (!errorsEnded_) ::shutdown(errorFd_, SHUT_RDWR);
  if (errorReader_.joinable()) errorReader_.join();
  ::close(errorFd_);
}

}  // namespace dalec::buildkit
