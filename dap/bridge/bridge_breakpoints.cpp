// Breakpoints on spec lines, and the events that report them, stops and output.
#include <algorithm>
#include <cctype>

#include "bridge/bridge.h"
#include "protocol/json_members.h"

#include <filesystem>

namespace dalec::dap {

// The spec's breakpoints as buildx must receive them: each at the exact start of its op.
json Bridge::specBreakpointsFor(const json& editorBreakpoints, std::vector<std::optional<llb::BreakpointBinding>>& bindings) {
  json toBuildx = json::array();
  for (const json& bp : editorBreakpoints) {
    const int line = integerMember(bp, "line").value_or(0);
    const std::optional<int> column = integerMember(bp, "column");
    llb::BreakpointBinding binding = spec_->bind(line, column);
    if (binding.verified) toBuildx.push_back({{"line", binding.target.line}, {"column", binding.target.character}});
    bindings.push_back(binding);
  }
  if (focusBinding_) toBuildx.push_back({{"line", focusBinding_->target.line}, {"column", focusBinding_->target.character}});
  return toBuildx;
}

void Bridge::onSetBreakpoints(const json& request) {
  const json args = request.value("arguments", json::object());
  const std::string path = args.contains("source") ? args["source"].value("path", "") : "";
  if (!isSpecPath(path)) {
    // Another file (a Dockerfile of a build source, say): buildx decides.
    if (!buildx_ || !buildx_->running()) {
      json unverified = json::array();
      for (const json& bp : args.value("breakpoints", json::array()))
        unverified.push_back({{"verified", false}, {"line", integerMember(bp, "line").value_or(0)}, {"message", "no build is running"}});
      respond(request, true, {{"breakpoints", unverified}});
      return;
    }
    relay(request);
    return;
  }
  std::vector<std::optional<llb::BreakpointBinding>> bindings;
  json toBuildx = specBreakpointsFor(args.value("breakpoints", json::array()), bindings);
  specBreakpointsSent_ = true;
  auto answer = [this, request, bindings](const json* buildxBreakpoints) {
    json out = json::array();
    std::size_t next = 0;
    for (const auto& binding : bindings) {
      json bp = {{"verified", false}, {"line", binding->editorLine}};
      if (!binding->verified) {
        bp["id"] = nextOwnBreakpointId_++;
        bp["message"] = binding->message;
        bp["reason"] = "failed";
      } else {
        // buildx reports it pending until the build reaches the op; its id follows the breakpoint.
        if (buildxBreakpoints && next < buildxBreakpoints->size() && (*buildxBreakpoints)[next].contains("id"))
          bp["id"] = (*buildxBreakpoints)[next]["id"];
        ++next;
        bp["column"] = spec_->editorColumn(binding->target);
        bp["reason"] = "pending";
        bp["message"] = binding->message.empty() ? "binds when the build reaches this op" : binding->message;
      }
      bp["source"] = spec_->editorSource();
      out.push_back(std::move(bp));
    }
    respond(request, true, {{"breakpoints", out}});
  };
  if (!buildx_ || !buildx_->running()) {
    answer(nullptr);
    return;
  }
  json buildxArgs = args;
  buildxArgs["source"] = {{"path", launch_.spec}, {"name", std::filesystem::path(launch_.spec).filename().string()}};
  buildxArgs["breakpoints"] = toBuildx;
  buildxArgs.erase("lines");
  requestBuildx("setBreakpoints", buildxArgs, [answer](json& response) {
    const json* list = response.contains("body") && response["body"].contains("breakpoints") ? &response["body"]["breakpoints"] : nullptr;
    answer(list);
  });
}

void Bridge::sendFocusBreakpointIfNeeded(std::function<void()> then) {
  if (!focusBinding_ || specBreakpointsSent_ || !buildx_) {
    then();
    return;
  }
  specBreakpointsSent_ = true;
  json args = {{"source", {{"path", launch_.spec}, {"name", std::filesystem::path(launch_.spec).filename().string()}}},
               {"breakpoints", {{{"line", focusBinding_->target.line}, {"column", focusBinding_->target.character}}}}};
  requestBuildx("setBreakpoints", args, [then](json&) { then(); });
}

void Bridge::onSetExceptionBreakpoints(const json& request) {
  const json filters = request.value("arguments", json::object()).value("filters", json::array());
  launch_.stopOnFailedCheck = std::find(filters.begin(), filters.end(), "failedChecks") != filters.end();
  json breakpoints = json::array();
  for (std::size_t i = 0; i < filters.size(); ++i) breakpoints.push_back({{"verified", true}});
  respond(request, true, {{"breakpoints", breakpoints}});
}

void Bridge::onBuildxEvent(json& event) {
  const std::string name = event.value("event", "");
  json& body = event["body"];
  if (name == "output") {
    // The test runner prints `"<path>": check_type=<kind> expected: "<q>", got "<q>"` before failing.
    outputTail_ += body.value("output", "");
    std::size_t newline;
    while ((newline = outputTail_.find('\n')) != std::string::npos) {
      std::string line = outputTail_.substr(0, newline);
      outputTail_.erase(0, newline + 1);
      if (line.find("check_type=") != std::string::npos) {
        const std::size_t quote = line.find('"');
        lastFailure_ = quote == std::string::npos ? line : line.substr(quote);
      } else if (line.find("did not complete successfully") != std::string::npos) {
        // `#8 ERROR: process "..." did not complete successfully: exit code: 3`, without the
        // progress printer's step number and label.
        const std::size_t what = line.find("process \"");
        if (lastFailure_.empty()) lastFailure_ = what == std::string::npos ? line : line.substr(what);
        failureLineSeen_ = true;
        watchForStall();
      }
    }
    if (outputTail_.size() > 65536) outputTail_.clear();
  } else if (name == "breakpoint") {
    if (body.contains("breakpoint") && spec_) spec_->rewriteBreakpoint(body["breakpoint"]);
  } else if (name == "loadedSource") {
    if (body.contains("source") && isSpecPath(body["source"].value("path", ""))) body["source"] = spec_->editorSource();
  } else if (name == "stopped") {
    cancelStallWatch();
    threadStopped_ = true;
    if (spec_ && body.value("reason", "") == "exception" && !launch_.stopOnFailedCheck) {
      // "Failed checks" is off: let the build fail without stopping.
      threadStopped_ = false;
      requestBuildx("continue", {{"threadId", body.value("threadId", 1)}}, nullptr);
      return;
    }
    if (body.value("reason", "") == "exception" && !failureLineSeen_) {
      holdExceptionStop(std::move(event));
      return;
    }
    rewriteStopped(event);
  } else if (name == "terminated") {
    cancelStallWatch();
    releaseHeldStop();
    if (terminatedSent_) return;
    terminatedSent_ = true;
  } else if (name == "exited") {
    if (exitedSent_) return;
    exitedSent_ = true;
  }
  event.erase("seq");
  sendToEditor(std::move(event));
  // The output that explains a held stop has gone first; now the stop itself.
  if (heldStop_ && failureLineSeen_) releaseHeldStop();
}

void Bridge::holdExceptionStop(json event) {
  event.erase("seq");
  heldStop_ = std::move(event);
  heldStopTimer_ = std::make_unique<asio::steady_timer>(io_, kFailureOutputWait);
  heldStopTimer_->async_wait([this](const std::error_code& cancelled) {
    if (!cancelled) releaseHeldStop();
  });
}

void Bridge::releaseHeldStop() {
  if (!heldStop_) return;
  json event = std::move(*heldStop_);
  heldStop_.reset();
  if (heldStopTimer_) heldStopTimer_->cancel();
  rewriteStopped(event);
  sendToEditor(std::move(event));
}

void Bridge::rewriteStopped(json& event) {
  json& body = event["body"];
  if (body.value("reason", "") != "exception") return;
  if (!spec_) {
    // Not a spec: buildx's stop says only "Encountered an error during result evaluation"; the
    // failing step's ERROR line from the build output says what failed.
    lastStopText_ = !lastFailure_.empty() ? lastFailure_ : body.value("text", body.value("description", std::string()));
    if (!body.contains("text")) body["text"] = lastStopText_;
    return;
  }
  body["description"] = "Check failed";
  lastStopText_ = spec_->failureText(lastFailure_);
  body["text"] = lastStopText_;
}

}  // namespace dalec::dap
