#include "terminal/shell_client.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

#include "terminal/terminal_wire.h"

namespace dalec::dap::terminal {

namespace {

int resizePipe[2] = {-1, -1};

void onResize(int) {
  const char byte = 'r';
  [[maybe_unused]] const ssize_t ignored = ::write(resizePipe[1], &byte, 1);
}

std::string windowSize() {
  winsize size{};
  if (::ioctl(STDIN_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_row == 0) return "24 80";
  return std::to_string(size.ws_row) + " " + std::to_string(size.ws_col);
}

// The user's terminal as it was, restored however the shell ends.
struct RawMode {
  termios saved{};
  bool active = false;
  RawMode() {
    if (!::isatty(STDIN_FILENO) || ::tcgetattr(STDIN_FILENO, &saved) != 0) return;
    termios raw = saved;
    ::cfmakeraw(&raw);
    active = ::tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
  }
  void restore() {
    if (active) ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    active = false;
  }
  ~RawMode() { restore(); }
};

int connectTo(const char* socketPath) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (fd < 0 || std::strlen(socketPath) >= sizeof address.sun_path) return -1;
  std::strcpy(address.sun_path, socketPath);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

int runShellClient(const char* socketPath) {
  const int server = connectTo(socketPath);
  if (server < 0) {
    std::fprintf(stderr, "dalec-dap shell: cannot reach the debug session at %s: %s\n", socketPath, std::strerror(errno));
    return 2;
  }
  if (::pipe2(resizePipe, O_CLOEXEC | O_NONBLOCK) != 0) return 2;
  struct sigaction action{};
  action.sa_handler = onResize;
  ::sigaction(SIGWINCH, &action, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  RawMode raw;
  if (!writeFrame(server, FrameKind::Size, windowSize())) return 2;
  int exitCode = 1;
  bool inputOpen = true;
  std::string reason;
  while (true) {
    pollfd fds[3] = {{server, POLLIN, 0}, {resizePipe[0], POLLIN, 0}, {inputOpen ? STDIN_FILENO : -1, POLLIN, 0}};
    if (::poll(fds, 3, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[1].revents & POLLIN) {
      char drained[64];
      while (::read(resizePipe[0], drained, sizeof drained) > 0) {
      }
      if (!writeFrame(server, FrameKind::Size, windowSize())) break;
    }
    if (fds[2].revents & (POLLIN | POLLHUP)) {
      char typed[4096];
      const ssize_t n = ::read(STDIN_FILENO, typed, sizeof typed);
      if (n > 0) {
        if (!writeFrame(server, FrameKind::Input, std::string_view(typed, static_cast<std::size_t>(n)))) break;
      } else if (n == 0 || errno != EINTR) {
        inputOpen = false;  // the terminal closed: the session ends the shell when the socket goes
        ::shutdown(server, SHUT_WR);
      }
    }
    if (fds[0].revents & (POLLIN | POLLHUP)) {
      FrameKind kind;
      std::string payload;
      if (!readFrame(server, kind, payload)) break;
      if (kind == FrameKind::Output) {
        [[maybe_unused]] const ssize_t ignored = ::write(STDOUT_FILENO, payload.data(), payload.size());
      } else if (kind == FrameKind::Exit) {
        char* end = nullptr;
        const long code = std::strtol(payload.c_str(), &end, 10);
        if (end && *end == '\0' && !payload.empty()) exitCode = static_cast<int>(code);
        else reason = payload;
        break;
      }
    }
  }
  ::close(server);
  if (!reason.empty()) {
    raw.restore();
    std::fprintf(stderr, "dalec-dap shell: %s\n", reason.c_str());
  }
  return exitCode;
}

}  // namespace dalec::dap::terminal
