#include "child_process.h"

#include "framing/content_length_writer.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <stdexcept>
#include <thread>

namespace dalec::testing {

ChildProcess::ChildProcess(const std::vector<std::string>& argv) {
  std::signal(SIGPIPE, SIG_IGN);
  int in[2], out[2], err[2];
  if (pipe(in) || pipe(out) || pipe(err)) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) close(fd);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  close(err[1]);
  stdin_ = in[1];
  stdout_ = out[0];
  stderr_ = err[0];
  fcntl(stderr_, F_SETFL, fcntl(stderr_, F_GETFL) | O_NONBLOCK);
}

ChildProcess::~ChildProcess() {
  if (running()) {
    kill(pid_, SIGKILL);
    wait(std::chrono::seconds(5));
  }
  for (int fd : {stdin_, stdout_, stderr_})
    if (fd >= 0) close(fd);
}

bool ChildProcess::write(const std::string& bytes) { return framing::writeAll(stdin_, bytes); }

bool ChildProcess::writeWhileReading(const std::string& bytes,
                                     const std::function<void(const std::string&)>& onOutput) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    pollfd fds[2] = {{stdin_, POLLOUT, 0}, {stdout_, POLLIN, 0}};
    if (poll(fds, 2, 10000) <= 0) return false;  // neither side moved for 10 s: the server is stuck
    if (fds[1].revents & POLLIN) {
      char buffer[65536];
      ssize_t n = ::read(stdout_, buffer, sizeof buffer);
      if (n > 0) onOutput(std::string(buffer, static_cast<std::size_t>(n)));
    }
    if (fds[0].revents & (POLLERR | POLLHUP)) return false;
    if (fds[0].revents & POLLOUT) {
      // At most one pipe buffer at a time, so the write never blocks past what poll promised.
      const std::size_t chunk = std::min<std::size_t>(bytes.size() - done, 4096);
      ssize_t n = ::write(stdin_, bytes.data() + done, chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
  }
  return true;
}

void ChildProcess::closeStdin() {
  if (stdin_ >= 0) close(stdin_);
  stdin_ = -1;
}

std::string ChildProcess::readSome(std::chrono::milliseconds timeout) {
  pollfd p{stdout_, POLLIN, 0};
  if (poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return {};
  char buffer[65536];
  ssize_t n = ::read(stdout_, buffer, sizeof buffer);
  return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
}

std::string ChildProcess::drainStderr() {
  std::string all;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(stderr_, buffer, sizeof buffer)) > 0) all.append(buffer, static_cast<std::size_t>(n));
  return all;
}

bool ChildProcess::running() {
  if (status_) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return false;
  }
  return true;
}

std::optional<int> ChildProcess::wait(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (running()) {
    if (std::chrono::steady_clock::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return status_;
}

RunResult runToCompletion(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  ChildProcess child(argv);
  child.closeStdin();
  RunResult result;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    std::string chunk = child.readSome(std::chrono::milliseconds(50));
    result.out += chunk;
    result.err += child.drainStderr();
    if (chunk.empty() && !child.running()) break;
  }
  result.out += child.readSome(std::chrono::milliseconds(0));
  result.err += child.drainStderr();
  auto code = child.wait(std::chrono::seconds(1));
  result.exitCode = code.value_or(-1);
  return result;
}

}  // namespace dalec::testing
