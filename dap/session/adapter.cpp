#include "session/adapter.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "bridge/bridge.h"
#include "native/native_session.h"
#include "protocol/dap_types.h"
#include "protocol/launch_arguments.h"

namespace dalec::dap {

using nlohmann::json;

namespace {

json capabilities() {
  return {{"supportsConfigurationDoneRequest", true},
          {"supportsEvaluateForHovers", true},
          {"supportsExceptionInfoRequest", true},
          {"supportsTerminateRequest", true},
          {"supportsStepBack", true},
          {"supportsRestartRequest", true},
          {"supportsConditionalBreakpoints", true},
          {"exceptionBreakpointFilters",
           {{{"filter", "failedChecks"}, {"label", "Failed checks"},
             {"description", "Stop when a test check or step of the spec fails"}, {"default", true}}}}};
}

std::string readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

Adapter::Adapter(asio::io_context& io, Sender toEditor, Logger log) : io_(io), toEditor_(std::move(toEditor)), log_(std::move(log)) {}

Adapter::~Adapter() = default;

bool Adapter::finished() const { return finished_; }

void Adapter::send(json message) {
  if (swallowInitializeResponse_ && message.value("type", "") == "response" && message.value("command", "") == "initialize") {
    swallowInitializeResponse_ = false;  // the relay's answer to the replayed initialize: already answered
    return;
  }
  const int theirs = message.value("seq", 0);
  message["seq"] = ++seq_;
  if (bridge_ && message.value("type", "") == "request") relayedRequests_[seq_] = theirs;
  toEditor_(message);
}

void Adapter::refuse(const json& request, const std::string& message) {
  send({{"type", "response"}, {"request_seq", request.value("seq", 0)}, {"command", request.value("command", "")},
        {"success", false}, {"message", message}});
}

void Adapter::finish() {
  finished_ = true;
  if (onFinished) onFinished();
}

void Adapter::onEditorMessage(const json& message) {
  if (bridge_) {
    // The editor answers reverse requests by the seq it saw, which is ours, not the relay's.
    if (message.is_object() && message.value("type", "") == "response") {
      auto it = relayedRequests_.find(message.value("request_seq", -1));
      if (it != relayedRequests_.end()) {
        json answer = message;
        answer["request_seq"] = it->second;
        relayedRequests_.erase(it);
        bridge_->onEditorMessage(answer);
        return;
      }
    }
    bridge_->onEditorMessage(message);
    return;
  }
  const auto request = protocol::parseRequest(message);
  if (!request) {
    // Responses (to a reverse request) need no answer; anything else is not DAP.
    if (!message.is_object() || message.value("type", "") != "response") log_("ignoring a malformed message");
    return;
  }
  if (native_) {
    native_->onRequest(*request);
    return;
  }
  if (request->command == "initialize") onInitialize(message);
  else if (request->command == "launch") onLaunch(message);
  else if (request->command == "disconnect" || request->command == "terminate") {
    send({{"type", "response"}, {"request_seq", request->seq}, {"command", request->command}, {"success", true}});
    finish();
  } else refuse(message, initialized_ ? "launch first: \"" + request->command + "\" needs a debug session" : "initialize first");
}

void Adapter::onInitialize(const json& request) {
  if (initialized_) {
    refuse(request, "already initialized");
    return;
  }
  initialized_ = true;
  initialize_ = request;
  send({{"type", "response"}, {"request_seq", request.value("seq", 0)}, {"command", "initialize"}, {"success", true},
        {"body", capabilities()}});
}

void Adapter::onLaunch(const json& request) {
  if (!initialized_) {
    refuse(request, "launch before initialize");
    return;
  }
  const json arguments = request.value("arguments", json::object());
  LaunchArguments launch;
  try {
    std::error_code error;
    launch = parseLaunchArguments(arguments, std::filesystem::current_path(error).string());
  } catch (const std::exception& e) {
    refuse(request, e.what());
    return;
  }
  std::error_code error;
  const bool readable = std::filesystem::is_regular_file(launch.spec, error);
  const bool dalec = readable && isDalecLaunch(launch, readText(launch.spec));
  if (dalec && usesNativeEngine(launch)) {
    native_ = std::make_unique<NativeSession>(io_, [this](json message) { send(std::move(message)); },
                                              initialize_.value("arguments", json::object()));
    native_->onFinished = [this] { finish(); };
    native_->onRequest(*protocol::parseRequest(request));
    return;
  }
  // buildx's relay: what it cannot do is taken back from the editor's view.
  send({{"type", "event"}, {"event", "capabilities"},
        {"body", {{"capabilities", {{"supportsStepBack", false}, {"supportsRestartRequest", false}, {"supportsConditionalBreakpoints", false}}}}}});
  bridge_ = std::make_unique<Bridge>(io_, [this](const json& message) { send(message); }, log_);
  bridge_->onFinished = [this] { finish(); };
  swallowInitializeResponse_ = true;
  bridge_->onEditorMessage(initialize_);
  bridge_->onEditorMessage(request);
}

void Adapter::onEditorClosed() {
  if (bridge_) bridge_->onEditorClosed();
  else if (native_) native_->onEditorClosed();
  else finish();
}

}  // namespace dalec::dap
