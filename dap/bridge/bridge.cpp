#include "bridge/bridge.h"

#include <set>

#include "framing/content_length_writer.h"

namespace dalec::dap {

Bridge::Bridge(asio::io_context& io, Sender toEditor, Logger log) : io_(io), toEditor_(std::move(toEditor)), log_(std::move(log)) {
  handlers_ = {
      {"initialize", &Bridge::onInitialize},
      {"launch", &Bridge::onLaunch},
      {"attach", &Bridge::onAttach},
      {"setBreakpoints", &Bridge::onSetBreakpoints},
      {"setExceptionBreakpoints", &Bridge::onSetExceptionBreakpoints},
      {"configurationDone", &Bridge::onConfigurationDone},
      {"threads", &Bridge::onThreads},
      {"stackTrace", &Bridge::onStackTrace},
      {"scopes", &Bridge::onScopes},
      {"variables", &Bridge::onVariables},
      {"evaluate", &Bridge::onEvaluate},
      {"exceptionInfo", &Bridge::onExceptionInfo},
      {"disconnect", &Bridge::onDisconnect},
      {"terminate", &Bridge::onTerminate},
      // Standard requests buildx decodes: safe to relay.
      {"continue", &Bridge::onRelayed},
      {"next", &Bridge::onRelayed},
      {"stepIn", &Bridge::onRelayed},
      {"stepOut", &Bridge::onRelayed},
      {"source", &Bridge::onSource},
      {"pause", &Bridge::onRelayed},
  };
}

// ----------------------------------------------------------------------------- editor side

void Bridge::sendToEditor(json message) {
  message["seq"] = ++editorSeq_;
  toEditor_(message);
}

void Bridge::respond(const json& request, bool success, json body, const std::string& message) {
  json response = {{"type", "response"}, {"request_seq", request.value("seq", 0)}, {"command", request.value("command", "")},
                   {"success", success}};
  if (!body.is_null() && !body.empty()) response["body"] = std::move(body);
  if (!success) response["message"] = message;
  sendToEditor(std::move(response));
}

void Bridge::sendEvent(const std::string& event, json body) {
  json message = {{"type", "event"}, {"event", event}};
  if (!body.is_null()) message["body"] = std::move(body);
  sendToEditor(std::move(message));
}

void Bridge::onEditorMessage(const json& message) {
  if (!message.is_object() || !message.contains("type") || !message["type"].is_string()) {
    log_("ignoring a message without a type");
    return;
  }
  const std::string type = message["type"];
  if (type == "response") {
    // The editor answering a reverse request (runInTerminal) that came from buildx.
    auto it = reverseRequests_.find(message.value("request_seq", -1));
    if (it == reverseRequests_.end() || !buildx_) return;
    json forwarded = message;
    forwarded["request_seq"] = it->second;
    forwarded["seq"] = ++buildxSeq_;
    reverseRequests_.erase(it);
    buildx_->write(framing::frameMessage(forwarded));
    return;
  }
  if (type != "request" || !message.contains("command") || !message["command"].is_string() || !message.contains("seq")) {
    log_("ignoring a malformed message");
    return;
  }
  auto handler = handlers_.find(message["command"].get<std::string>());
  try {
    (this->*(handler == handlers_.end() ? &Bridge::onUnsupported : handler->second))(message);
  } catch (const std::exception& e) {
    respond(message, false, nullptr, e.what());
  }
}

void Bridge::onEditorClosed() {
  // The editor went away without disconnecting: stop the build, leave nothing running.
  disconnected_ = true;
  if (buildx_ && buildx_->running()) buildx_->stop(std::chrono::seconds(3));
  finishIfDone();
}

// ----------------------------------------------------------------------------- buildx side

void Bridge::requestBuildx(const std::string& command, json arguments, ResponseHandler handler) {
  const int seq = ++buildxSeq_;
  json request = {{"seq", seq}, {"type", "request"}, {"command", command}};
  if (!arguments.is_null()) request["arguments"] = std::move(arguments);
  pending_[seq] = std::move(handler);
  if (!buildx_ || !buildx_->write(framing::frameMessage(request))) {
    json failure = {{"type", "response"}, {"request_seq", seq}, {"command", command}, {"success", false},
                    {"message", "buildx is not running"}};
    auto it = pending_.find(seq);
    ResponseHandler h = std::move(it->second);
    pending_.erase(it);
    if (h) h(failure);
  }
}

void Bridge::relay(const json& request, ResponseHandler rewrite) {
  if (!buildx_ || !buildx_->running()) {
    respond(request, false, nullptr, "no build is running");
    return;
  }
  const json original = request;
  requestBuildx(request["command"], request.value("arguments", json()), [this, original, rewrite](json& response) {
    if (rewrite) rewrite(response);
    response["request_seq"] = original["seq"];
    sendToEditor(response);
  });
}

void Bridge::onBuildxOutput(std::string_view bytes) {
  buildxReader_.feed(bytes);
  while (auto framed = buildxReader_.next()) {
    if (!framed->fault.empty()) {
      log_("buildx: " + framed->fault);
      continue;
    }
    json message = json::parse(framed->body, nullptr, false);
    if (message.is_discarded() || !message.is_object()) {
      log_("buildx sent a message that is not JSON; ignored");
      continue;
    }
    onBuildxMessage(std::move(message));
  }
}

void Bridge::onBuildxMessage(json message) {
  const std::string type = message.value("type", "");
  if (type == "response") {
    auto it = pending_.find(message.value("request_seq", -1));
    if (it == pending_.end()) return;
    ResponseHandler handler = std::move(it->second);
    pending_.erase(it);
    if (handler) handler(message);
  } else if (type == "event") {
    onBuildxEvent(message);
  } else if (type == "request") {
    // Reverse requests (runInTerminal): to the editor under our seq, answered back under buildx's.
    const int buildxSeq = message.value("seq", 0);
    message.erase("seq");
    const int ours = editorSeq_ + 1;
    reverseRequests_[ours] = buildxSeq;
    sendToEditor(std::move(message));
  }
}

void Bridge::onBuildxExit(int status) {
  log_("buildx exited with status " + std::to_string(status));
  // Requests buildx will never answer.
  auto pending = std::move(pending_);
  for (auto& [seq, handler] : pending) {
    json failure = {{"type", "response"}, {"request_seq", seq}, {"success", false}, {"message", "buildx exited"}};
    if (handler) handler(failure);
  }
  cancelStallWatch();
  if (!terminatedSent_ || !exitedSent_) endSession(status == 0 ? 0 : 1, explainBuildxExit(status));
  finishIfDone();
}

void Bridge::endSession(int exitCode, const std::string& why) {
  if (!why.empty()) sendEvent("output", {{"category", "stderr"}, {"output", why + (why.back() == '\n' ? "" : "\n")}});
  if (!terminatedSent_) {
    terminatedSent_ = true;
    sendEvent("terminated", json::object());
  }
  if (!exitedSent_) {
    exitedSent_ = true;
    sendEvent("exited", {{"exitCode", exitCode}});
  }
}

void Bridge::finishIfDone() {
  if (finished_) return;
  // The editor ends the session (disconnect or closing the stream); buildx must be gone too.
  if (disconnected_ && (!buildx_ || !buildx_->running())) {
    finished_ = true;
    if (onFinished) onFinished();
  }
}

// ----------------------------------------------------------------------------- simple handlers

void Bridge::onAttach(const json& request) {
  respond(request, false, nullptr, "dalec-dap starts its own build: use \"request\": \"launch\"");
}

void Bridge::onUnsupported(const json& request) {
  // Never relayed: buildx stops reading its input for good when it cannot decode a command.
  respond(request, false, nullptr, "dalec-dap does not support \"" + request["command"].get<std::string>() + "\"");
}

void Bridge::onRelayed(const json& request) {
  static const std::set<std::string> resuming = {"continue", "next", "stepIn", "stepOut", "reverseContinue", "stepBack"};
  if (resuming.count(request.value("command", ""))) threadStopped_ = false;
  relay(request);
}

// buildx answers `source` with the text BuildKit saw for a path; only the spec and files of the
// build context are asked for, so the editor cannot use the bridge to read anything else.
void Bridge::onSource(const json& request) {
  const std::string path = request.value("arguments", json::object()).value("source", json::object()).value("path", "");
  const std::string context = launch_.context.empty() ? std::string() : launch_.context + "/";
  if (!isSpecPath(path) && path != launch_.spec && (context.empty() || path.rfind(context, 0) != 0 || path.find("/../") != std::string::npos)) {
    respond(request, false, nullptr, "dalec-dap only serves the spec and files of the build context");
    return;
  }
  relay(request);
}

void Bridge::onThreads(const json& request) {
  if (!buildx_ || !buildx_->running()) {
    respond(request, true, {{"threads", json::array()}});
    return;
  }
  relay(request);
}

void Bridge::onConfigurationDone(const json& request) {
  if (configured_) {
    respond(request, false, nullptr, "configurationDone was already sent");  // a second one would crash buildx
    return;
  }
  if (!launched_) {
    respond(request, false, nullptr, "configurationDone before launch");
    return;
  }
  configured_ = true;
  sendFocusBreakpointIfNeeded([this, request] { relay(request); });
}

void Bridge::onDisconnect(const json& request) {
  if (disconnected_) {
    respond(request, true);
    return;
  }
  disconnected_ = true;
  if (!buildx_ || !buildx_->running()) {
    respond(request, true);
    finishIfDone();
    return;
  }
  // buildx neither cancels the build nor exits on disconnect: interrupt it, then kill it.
  requestBuildx("disconnect", request.value("arguments", json::object()), nullptr);
  buildx_->stop(std::chrono::seconds(3));
  respond(request, true);
}

void Bridge::onTerminate(const json& request) {
  if (buildx_ && buildx_->running()) buildx_->stop(std::chrono::seconds(3));
  respond(request, true);
}

}  // namespace dalec::dap
