// What the bridge does when buildx itself gives up: with Dalec (v0.21 and later) a target with
// tests ends in an op without a source location, and buildx v0.36.1's debugger then has an empty
// program. With a breakpoint or stopOnEntry it dereferences that program and panics; without, it
// reports the failing op and then neither stops nor ends the session. Both are upstream bugs; the
// bridge turns them into a session that ends with the reason instead of a crash log or a hang.
// The same goes for a docker CLI with no buildx plugin, which answers with its own usage error.
#include <cstdlib>
#include <filesystem>

#include "bridge/bridge.h"

namespace dalec::dap {

namespace {

constexpr const char* kUpstream =
    "buildx's debugger found no source location on the build's final op, which is how Dalec (v0.21 and later) "
    "ends a target with tests, so it has no program to step through (buildx v0.36.1 dap/thread.go). Until buildx "
    "tolerates such a head op, or Dalec gives its final op a location, breakpoints and stopOnEntry cannot work on "
    "such targets; the Run test lens (dalec.runTests) or `dalec-lsp test` shows failing checks on the spec instead.";

std::chrono::seconds stallTimeout() {
  if (const char* value = std::getenv("DALEC_DAP_STALL_TIMEOUT")) return std::chrono::seconds(std::max(1, std::atoi(value)));
  return std::chrono::seconds(10);
}

}  // namespace

bool Bridge::isEmptyProgramPanic(const std::string& stderrText) {
  return stderrText.find("nil pointer dereference") != std::string::npos &&
         stderrText.find("github.com/docker/buildx/dap.(*thread)") != std::string::npos;
}

std::optional<std::string> Bridge::missingBuildxPlugin() const {
  const std::vector<std::string>& command = launch_.buildx;
  if (command.size() < 2 || std::filesystem::path(command[0]).filename() != "docker" || command[1] != "buildx") return std::nullopt;
  // docker 28 without the plugin reads `buildx` as an argument and trips on our -f ("unknown
  // shorthand flag: 'f' in -f"); older and newer ones say the command is unknown.
  const std::string& said = buildxStderr_;
  const bool missing = said.find("unknown shorthand flag") != std::string::npos ||
                       said.find("'buildx' is not a docker command") != std::string::npos ||
                       said.find("unknown command: docker buildx") != std::string::npos;
  if (!missing) return std::nullopt;
  const std::string firstLine = said.substr(0, said.find('\n'));
  return "docker has no buildx plugin here, so `docker buildx dap build` cannot run (docker said: \"" + firstLine +
         "\"). Install buildx v0.26 or later, which has `dap` (its release binary from "
         "github.com/docker/buildx/releases as ~/.docker/cli-plugins/docker-buildx, made executable), or set \"buildx\" in the launch configuration to a buildx binary. "
         "Dalec specs do not need it: dalec-dap debugs them with its own engine unless \"engine\" is \"buildx\".";
}

std::string Bridge::explainBuildxExit(int status) const {
  if (auto missing = missingBuildxPlugin()) return *missing;
  std::string why = "buildx exited with status " + std::to_string(status);
  if (isEmptyProgramPanic(buildxStderr_)) why = "buildx's debugger crashed (exit status " + std::to_string(status) + "). " + kUpstream;
  if (!buildxStderr_.empty()) why += "\nbuildx said:\n" + buildxStderr_;
  return why;
}

void Bridge::watchForStall() {
  // A failure buildx already stopped at (or is about to: its stop comes before the ERROR line)
  // is not a stall.
  if (threadStopped_ || heldStop_ || terminatedSent_) return;
  // Once armed, the watch runs out: the real buildx, stuck after a failure on Dalec's
  // location-less final op, evaluates the failed op again and again and prints its ERROR line
  // each time, so re-arming on every line would never let the watch end the session.
  if (stallTimer_) return;
  stallTimer_ = std::make_unique<asio::steady_timer>(io_, stallTimeout());
  stallTimer_->async_wait([this](const std::error_code& cancelled) {
    if (cancelled || threadStopped_ || terminatedSent_) return;
    log_("buildx reported a failure but neither stopped nor ended the session; ending it");
    std::string why = "buildx reported the build's failure but neither stopped at it nor ended the session within " +
                      std::to_string(stallTimeout().count()) + " s. " + kUpstream;
    if (!lastFailure_.empty()) why += "\nThe failure: " + lastFailure_;
    endSession(1, why);
    if (buildx_ && buildx_->running()) buildx_->stop(std::chrono::seconds(3));
  });
}

void Bridge::cancelStallWatch() {
  if (stallTimer_) stallTimer_->cancel();
  stallTimer_.reset();
}

}  // namespace dalec::dap
