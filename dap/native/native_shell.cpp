// `exec` alone in the Debug Console: an interactive /bin/sh, with a TTY, in a container set up as
// the op at the stop, in the editor's own terminal. The editor runs `dalec-dap shell SOCKET`
// (runInTerminal); that helper carries keystrokes, resizes and output between the terminal and
// this session, which runs the process over NewContainer + ExecProcess. The container is released
// when the shell exits, and every shell ends with the session.
#include <unistd.h>

#include <climits>
#include <filesystem>

#include "native/native_session.h"

namespace dalec::dap {

namespace {

std::string thisExecutable() {
  char path[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
  return n > 0 ? std::string(path, static_cast<std::size_t>(n)) : "dalec-dap";
}

}  // namespace

void NativeSession::openShell(const protocol::Request& request) {
  if (!editorCapabilities_.value("supportsRunInTerminalRequest", false)) {
    fail(request, "`exec` alone opens a shell in the editor's terminal, which this editor does not offer; "
                  "`exec COMMAND` runs COMMAND with /bin/sh in the stopped op's filesystem, e.g. `exec ls -l /usr/bin`");
    return;
  }
  std::string error;
  std::unique_ptr<terminal::ShellListener> listener = terminal::ShellListener::listen(error);
  if (!listener) {
    fail(request, error);
    return;
  }
  // Shells that have exited are let go here; the rest live until the session ends.
  std::erase_if(shells_, [](const auto& shell) { return !shell->running(); });
  GatewayEngine* engine = engine_.get();
  const PausedState state = *paused_;
  const std::string where = engine_->program().predicted[engine_->program().steps[state.step].predicted].description;
  listener->start([engine, state](buildkit::TerminalIo& io) { return engine->shell(state, io); }, nullptr);

  protocol::RunInTerminalArguments terminal;
  terminal.title = "Dalec: " + where;
  terminal.cwd = std::filesystem::path(launch_.spec).parent_path().string();
  terminal.args = {thisExecutable(), "shell", listener->socketPath()};
  toEditor_({{"type", "request"}, {"command", "runInTerminal"}, {"arguments", terminal}});
  shells_.push_back(std::move(listener));
  respond(request, {{"result", "a shell opens in the terminal: /bin/sh where the session stopped, before " + where +
                                   " (exit it to end it)"},
                    {"variablesReference", 0}});
}

void NativeSession::closeShells() {
  shells_.clear();  // each stops its process, releases its container and joins its thread
}

}  // namespace dalec::dap
