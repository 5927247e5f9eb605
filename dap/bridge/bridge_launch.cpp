// initialize and launch: the bridge answers initialize itself (buildx can only be started once
// launch says what to build), then starts buildx and walks it through initialize and launch.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bridge/bridge.h"
#include "protocol/dap_types.h"
#include "yaml/node.h"

namespace dalec::dap {

void Bridge::onInitialize(const json& request) {
  if (initialized_) {
    respond(request, false, nullptr, "already initialized");
    return;
  }
  initialized_ = true;
  editorCapabilities_ = request.value("arguments", json::object());
  respond(request, true,
          {{"supportsConfigurationDoneRequest", true},
           {"supportsEvaluateForHovers", true},
           {"supportsExceptionInfoRequest", true},
           {"supportsTerminateRequest", true},
           {"exceptionBreakpointFilters",
            {{{"filter", "failedChecks"}, {"label", "Failed checks"},
              {"description", "Stop when a test check or step of the spec fails"}, {"default", true}}}}});
}

namespace {
std::optional<std::string> readFile(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}
}  // namespace

void Bridge::onLaunch(const json& request) {
  if (!initialized_) {
    respond(request, false, nullptr, "launch before initialize");
    return;
  }
  if (launched_) {
    respond(request, false, nullptr, "launch was already sent");  // a second one would crash buildx
    return;
  }
  std::error_code error;
  launch_ = parseLaunchArguments(request.value("arguments", json::object()), std::filesystem::current_path(error).string());
  auto text = readFile(launch_.spec);
  if (!text) {
    respond(request, false, nullptr, "cannot read the spec " + launch_.spec);
    return;
  }
  launched_ = true;
  std::string editorPath = request["arguments"]["spec"].get<std::string>();
  if (std::filesystem::path(editorPath).is_relative()) editorPath = launch_.spec;
  if (isDalecLaunch(launch_, *text)) {
    spec_ = std::make_unique<SpecRewriter>(spec::buildModel(yaml::parse(std::move(*text))), llb::targetKeyOf(launch_.target),
                                           launch_.spec, editorPath);
  } else {
    sendEvent("output", {{"category", "console"},
                         {"output", "dalec-dap: " + launch_.spec + " is not a Dalec spec; relaying buildx's session as it is\n"}});
    if (!launch_.test.empty())
      sendEvent("output", {{"category", "console"}, {"output", "dalec-dap: \"test\" needs a Dalec spec; ignored\n"}});
  }
  if (spec_ && !launch_.test.empty()) {
    focusBinding_ = spec_->firstOpOfTest(launch_.test);
    if (!focusBinding_)
      sendEvent("output", {{"category", "console"}, {"output", "dalec-dap: no test named \"" + launch_.test + "\" with a step or located check in this spec\n"}});
  }

  buildx_ = std::make_unique<ChildProcess>(io_);
  SpawnOptions spawn{buildxCommandLine(launch_), launch_.cwd, launch_.env};
  std::string commandLine;
  for (const auto& a : spawn.argv) commandLine += (commandLine.empty() ? "" : " ") + a;
  sendEvent("output", {{"category", "console"}, {"output", "dalec-dap: running " + commandLine + "\n"}});
  auto failure = buildx_->spawn(
      spawn, [this](std::string_view bytes) { onBuildxOutput(bytes); },
      [this](std::string_view bytes) {
        if (buildxStderr_.size() < 65536) buildxStderr_.append(bytes);
      },
      [this](int status) { onBuildxExit(status); });
  if (failure) {
    buildx_.reset();
    respond(request, false, nullptr, *failure);
    endSession(1, "");
    return;
  }

  json buildxInit = {{"clientID", "dalec-dap"}, {"adapterID", "dockerfile"}, {"linesStartAt1", true}, {"columnsStartAt1", true},
                     {"pathFormat", "path"},
                     {"supportsRunInTerminalRequest", editorCapabilities_.value("supportsRunInTerminalRequest", false)}};
  const json original = request;
  // A buildx that never answers (a wedged builder connection) must not hang the editor.
  int seconds = 60;
  if (const char* value = std::getenv("DALEC_DAP_STARTUP_TIMEOUT")) seconds = std::max(1, std::atoi(value));
  startupTimer_ = std::make_unique<asio::steady_timer>(io_, std::chrono::seconds(seconds));
  startupTimer_->async_wait([this, original, seconds](const std::error_code& cancelled) {
    if (cancelled || !buildx_ || !buildx_->running()) return;
    pending_.clear();
    respond(original, false, nullptr, "buildx did not start the debug session within " + std::to_string(seconds) + " s; stopped it");
    buildx_->stop(std::chrono::seconds(3));
  });
  requestBuildx("initialize", buildxInit, [this, original](json& response) {
    if (!response.value("success", false)) {
      startupTimer_->cancel();
      if (auto missing = missingBuildxPlugin()) {
        // As the native engine does when it cannot reach BuildKit: the session started and ends at
        // once, with the reason in the console and in dalec.sessionFailed, which the extension
        // shows as one notice with the fix (a failed launch would add the editor's own dialog).
        respond(original, true);
        sendEvent(protocol::kSessionFailedEvent, protocol::SessionFailedEvent{*missing, protocol::kBuildxMissingCause, ""});
        endSession(1, *missing);
        return;
      }
      respond(original, false, nullptr, "buildx did not start a debug session: " + response.value("message", std::string()) +
                                            (buildxStderr_.empty() ? "" : "\n" + buildxStderr_));
      return;
    }
    // buildx reads only these keys; everything else went on its command line.
    json buildxLaunch = {{"dockerfile", launch_.spec}, {"contextPath", launch_.context}, {"stopOnEntry", launch_.stopOnEntry}};
    if (!launch_.target.empty()) buildxLaunch["target"] = launch_.target;
    requestBuildx("launch", buildxLaunch, [this, original](json& launched) {
      startupTimer_->cancel();
      if (launched.value("success", false)) respond(original, true);
      else respond(original, false, nullptr, "buildx refused the launch: " + launched.value("message", std::string()));
    });
  });
}

}  // namespace dalec::dap
