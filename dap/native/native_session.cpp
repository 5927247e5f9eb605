#include "native/native_session.h"

namespace dalec::dap {

NativeSession::NativeSession(asio::io_context& io, Sender toEditor, json editorCapabilities)
    : io_(io), toEditor_(std::move(toEditor)), editorCapabilities_(std::move(editorCapabilities)) {
  handlers_ = {
      {"launch", &NativeSession::onLaunch},
      {"restart", &NativeSession::onRestart},
      {"configurationDone", &NativeSession::onConfigurationDone},
      {"disconnect", &NativeSession::onDisconnect},
      {"terminate", &NativeSession::onDisconnect},
      {"setBreakpoints", &NativeSession::onSetBreakpoints},
      {"setExceptionBreakpoints", &NativeSession::onSetExceptionBreakpoints},
      {"continue", &NativeSession::onContinue},
      {"next", &NativeSession::onNext},
      {"stepIn", &NativeSession::onNext},  // an op has nothing to step into: the next op is the finest step
      {"stepOut", &NativeSession::onStepOut},
      {"stepBack", &NativeSession::onStepBack},
      {"reverseContinue", &NativeSession::onReverseContinue},
      {"pause", &NativeSession::onPause},
      {"threads", &NativeSession::onThreads},
      {"stackTrace", &NativeSession::onStackTrace},
      {"scopes", &NativeSession::onScopes},
      {"variables", &NativeSession::onVariables},
      {"evaluate", &NativeSession::onEvaluate},
      {"exceptionInfo", &NativeSession::onExceptionInfo},
  };
}

NativeSession::~NativeSession() {
  closeShells();
  if (engine_) engine_->cancel();
  worker_.reset();  // waits for the job in progress, which the cancel cut short
}

void NativeSession::onRequest(const protocol::Request& request) {
  auto handler = handlers_.find(request.command);
  if (handler == handlers_.end()) {
    fail(request, "dalec-dap's engine does not support \"" + request.command + "\"");
    return;
  }
  try {
    (this->*(handler->second))(request);
  } catch (const std::exception& e) {
    fail(request, e.what());
  }
}

void NativeSession::respond(const protocol::Request& request, json body) {
  json response = {{"type", "response"}, {"request_seq", request.seq}, {"command", request.command}, {"success", true}};
  if (!body.is_null() && !body.empty()) response["body"] = std::move(body);
  toEditor_(std::move(response));
}

void NativeSession::fail(const protocol::Request& request, const std::string& message) {
  toEditor_({{"type", "response"}, {"request_seq", request.seq}, {"command", request.command}, {"success", false},
             {"message", message}, {"body", {{"error", {{"id", 1}, {"format", message}, {"showUser", true}}}}}});
}

void NativeSession::event(const std::string& name, json body) {
  json message = {{"type", "event"}, {"event", name}};
  if (!body.is_null() && !body.empty()) message["body"] = std::move(body);
  toEditor_(std::move(message));
}

void NativeSession::output(const std::string& text, const std::string& category) {
  protocol::OutputEvent out;
  out.category = category;
  out.output = text.empty() || text.back() == '\n' ? text : text + "\n";
  event("output", out);
}

void NativeSession::onEditorClosed() {
  disconnected_ = true;
  closeShells();
  if (engine_) engine_->cancel();
  if (!engine_ || !worker_) {
    finished_ = true;
    if (onFinished) onFinished();
    return;
  }
  worker_->post([this] {
    engine_->close();
    asio::post(io_, [this] {
      finished_ = true;
      if (onFinished) onFinished();
    });
  });
}

}  // namespace dalec::dap
