#include "bridge/child_process.h"

#include "framing/content_length_writer.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

extern char** environ;

namespace dalec::dap {

std::optional<std::string> findExecutable(const std::string& program, const std::string& path) {
  auto executable = [](const std::string& candidate) {
    struct stat st {};
    return ::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(candidate.c_str(), X_OK) == 0;
  };
  if (program.find('/') != std::string::npos) return executable(program) ? std::optional(program) : std::nullopt;
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + program;
    if (executable(candidate)) return candidate;
  }
  return std::nullopt;
}

ChildProcess::ChildProcess(asio::io_context& io) : io_(io), stdout_(io), stderr_(io), exitPoll_(io), killTimer_(io) {}

ChildProcess::~ChildProcess() {
  if (running()) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  if (stdin_ >= 0) ::close(stdin_);
}

std::optional<std::string> ChildProcess::spawn(const SpawnOptions& options, DataHandler onStdout, DataHandler onStderr,
                                               ExitHandler onExit) {
  if (options.argv.empty()) return "no command to run";
  const char* pathEnv = std::getenv("PATH");
  auto program = findExecutable(options.argv[0], pathEnv ? pathEnv : "/usr/bin:/bin");
  if (!program) return "cannot find \"" + options.argv[0] + "\" (set \"buildx\" in the launch configuration)";

  int in[2], out[2], err[2];
  if (::pipe2(in, O_CLOEXEC) || ::pipe2(out, O_CLOEXEC) || ::pipe2(err, O_CLOEXEC)) return std::string("pipe: ") + std::strerror(errno);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  if (!options.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, options.cwd.c_str());

  // The child gets default signal handling even though we ignore SIGPIPE.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGINT);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);

  std::vector<std::string> envStrings;
  for (char** e = environ; *e; ++e) {
    std::string entry(*e);
    if (!options.env.count(entry.substr(0, entry.find('=')))) envStrings.push_back(entry);
  }
  for (const auto& [key, value] : options.env) envStrings.push_back(key + "=" + value);
  std::vector<char*> envp, argv;
  for (auto& e : envStrings) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = options.argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  const int rc = posix_spawn(&pid_, program->c_str(), &actions, &attributes, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  if (rc != 0) {
    ::close(in[1]);
    ::close(out[0]);
    ::close(err[0]);
    pid_ = -1;
    return "cannot start \"" + *program + "\": " + std::strerror(rc);
  }
  stdin_ = in[1];
  stdout_.assign(out[0]);
  stderr_.assign(err[0]);
  onStdout_ = std::move(onStdout);
  onStderr_ = std::move(onStderr);
  onExit_ = std::move(onExit);
  readFrom(stdout_, outBuffer_, onStdout_);
  readFrom(stderr_, errBuffer_, onStderr_);
  watchExit();
  return std::nullopt;
}

void ChildProcess::readFrom(asio::posix::stream_descriptor& pipe, std::array<char, 65536>& buffer, DataHandler& handler) {
  pipe.async_read_some(asio::buffer(buffer), [this, &pipe, &buffer, &handler](const std::error_code& error, std::size_t n) {
    if (error) return;
    handler(std::string_view(buffer.data(), n));
    readFrom(pipe, buffer, handler);
  });
}

// Polling waitpid keeps everything on the io thread; 20 ms is far below what a user notices.
void ChildProcess::watchExit() {
  exitPoll_.expires_after(std::chrono::milliseconds(20));
  exitPoll_.async_wait([this](const std::error_code& error) {
    if (error || exited_) return;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      killTimer_.cancel();
      // Deliver what is still in the pipes before the exit.
      char buffer[65536];
      for (auto* pipe : {&stdout_, &stderr_}) {
        int flags = ::fcntl(pipe->native_handle(), F_GETFL);
        ::fcntl(pipe->native_handle(), F_SETFL, flags | O_NONBLOCK);
        ssize_t n;
        while ((n = ::read(pipe->native_handle(), buffer, sizeof buffer)) > 0)
          (pipe == &stdout_ ? onStdout_ : onStderr_)(std::string_view(buffer, static_cast<std::size_t>(n)));
      }
      const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      if (onExit_) onExit_(code);
      return;
    }
    watchExit();
  });
}

bool ChildProcess::write(std::string_view bytes) { return stdin_ >= 0 && framing::writeAll(stdin_, bytes); }

void ChildProcess::stop(std::chrono::milliseconds grace) {
  if (!running()) return;
  ::kill(pid_, SIGINT);
  killTimer_.expires_after(grace);
  killTimer_.async_wait([this](const std::error_code& error) {
    if (!error && running()) ::kill(pid_, SIGKILL);
  });
}

}  // namespace dalec::dap
