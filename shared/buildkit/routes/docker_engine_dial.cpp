#include "buildkit/routes/docker_engine_dial.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace dalec::buildkit {

namespace {

// The engine answers with headers only; anything longer is not the Docker API.
constexpr std::size_t kMaxResponseHeader = 16 * 1024;

int fail(int fd, std::string& error, std::string why) {
  if (fd >= 0) ::close(fd);
  error = std::move(why);
  return -1;
}

bool waitFor(int fd, short events, std::chrono::steady_clock::time_point until) {
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, events, 0};
    const int n = ::poll(&p, 1, static_cast<int>(left));
    if (n > 0) return true;
    if (n < 0 && errno != EINTR) return false;
  }
}

}  // namespace

int dialDockerEngineBuildkit(const std::string& socketPath, std::chrono::milliseconds timeout, std::string& error) {
  const std::string where = "the Docker engine at unix://" + socketPath;
  sockaddr_un address{};
  if (socketPath.size() >= sizeof address.sun_path) return fail(-1, error, "the Docker socket path is too long: " + socketPath);
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, socketPath.c_str(), socketPath.size() + 1);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return fail(-1, error, std::string("socket: ") + std::strerror(errno));
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    const int why = errno;
    if (why == ENOENT) return fail(fd, error, "no Docker engine socket at " + socketPath + " (is dockerd running?)");
    if (why == EACCES)
      return fail(fd, error, "permission denied on the Docker socket " + socketPath +
                                 " (add your user to its group, usually `docker`, and log in again)");
    if (why == ECONNREFUSED) return fail(fd, error, where + " refuses connections (dockerd is not running)");
    return fail(fd, error, "cannot connect to " + where + ": " + std::strerror(why));
  }
  const auto until = std::chrono::steady_clock::now() + timeout;
  // What buildx's docker driver sends (DialHijack with "h2c"); no session is offered.
  const std::string request =
      "POST /grpc HTTP/1.1\r\nHost: docker\r\nUser-Agent: dalec-tools\r\nContent-Length: 0\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n";
  std::size_t sent = 0;
  while (sent < request.size()) {
    if (!waitFor(fd, POLLOUT, until)) return fail(fd, error, where + " did not take the request within " + std::to_string(timeout.count()) + " ms");
    const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail(fd, error, "lost " + where + " while asking for BuildKit: " + std::strerror(errno));
    sent += static_cast<std::size_t>(n);
  }
  // Read the response header byte by byte: what follows it belongs to gRPC and must stay unread.
  std::string header;
  while (header.size() < 4 || header.compare(header.size() - 4, 4, "\r\n\r\n") != 0) {
    if (header.size() > kMaxResponseHeader) return fail(fd, error, where + " answered /grpc with something that is not HTTP");
    if (!waitFor(fd, POLLIN, until)) return fail(fd, error, where + " did not answer /grpc within " + std::to_string(timeout.count()) + " ms");
    char c;
    const ssize_t n = ::recv(fd, &c, 1, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail(fd, error, where + " closed the connection instead of answering /grpc");
    header.push_back(c);
  }
  const std::string statusLine = header.substr(0, header.find("\r\n"));
  if (statusLine.find(" 101") != std::string::npos) return fd;
  if (statusLine.find(" 404") != std::string::npos)
    return fail(fd, error, where + " has no BuildKit endpoint (/grpc answered " + statusLine +
                               "): the engine is too old, or its BuildKit is turned off (\"features\": {\"buildkit\": false})");
  return fail(fd, error, where + " refused the upgrade to BuildKit's gRPC: " + statusLine);
}

}  // namespace dalec::buildkit
