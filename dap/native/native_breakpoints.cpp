// setBreakpoints and setExceptionBreakpoints. A breakpoint binds to the op of the spec line (a
// test step, a check; several ops on a line are told apart by the column), snapped as the buildx
// relay snaps them; it is verified once Dalec's Definition shows that op exists for the target.
// A condition is a shell command run where the breakpoint would stop (the op's container, as
// `exec` runs one): the session stops there only when it exits 0, e.g. `! grep -q hi /etc/x.conf`.
// Hit counts are not offered: in one session every op runs once, so a count could only be 1.
#include <filesystem>

#include "llb/breakpoints.h"
#include "native/native_session.h"

namespace dalec::dap {

namespace {
bool samePath(const std::string& a, const std::string& b) {
  std::error_code error;
  return a == b || std::filesystem::weakly_canonical(a, error) == std::filesystem::weakly_canonical(b, error);
}
}  // namespace

protocol::Source NativeSession::specSource() const {
  return {std::filesystem::path(launch_.spec).filename().string(), editorSpecPath_.empty() ? launch_.spec : editorSpecPath_};
}

void NativeSession::onSetBreakpoints(const protocol::Request& request) {
  const protocol::SetBreakpointsArguments args = protocol::parseSetBreakpoints(request.arguments);
  std::vector<protocol::Breakpoint> out;
  if (!launched_ || !samePath(args.source.path, launch_.spec)) {
    for (const protocol::SourceBreakpoint& requested : args.breakpoints) {
      protocol::Breakpoint breakpoint;
      breakpoint.id = nextBreakpointId_++;
      breakpoint.line = requested.line;
      breakpoint.message = "only the launched spec has ops to stop at";
      breakpoint.reason = "failed";
      out.push_back(breakpoint);
    }
    respond(request, {{"breakpoints", out}});
    return;
  }
  requested_ = args.breakpoints;
  requestedIds_.clear();
  for (std::size_t i = 0; i < requested_.size(); ++i) requestedIds_.push_back(nextBreakpointId_++);
  if (graphReady_) {
    out = bindAll();
  } else {
    for (std::size_t i = 0; i < requested_.size(); ++i) {
      protocol::Breakpoint breakpoint;
      breakpoint.id = requestedIds_[i];
      breakpoint.line = requested_[i].line;
      breakpoint.source = specSource();
      breakpoint.message = "waiting for Dalec's frontend to say which ops the target has";
      breakpoint.reason = "pending";
      out.push_back(breakpoint);
    }
  }
  respond(request, {{"breakpoints", out}});
}

std::vector<protocol::Breakpoint> NativeSession::bindAll() {
  const llb::DebugProgram& program = engine_->program();
  std::vector<protocol::Breakpoint> out;
  std::map<int, std::string> steps;
  breakpointIds_.clear();
  for (std::size_t i = 0; i < requested_.size(); ++i) {
    const protocol::SourceBreakpoint& requested = requested_[i];
    const llb::BreakpointBinding binding = llb::bindBreakpoint(engine_->model(), program.predicted, requested.line, requested.column);
    protocol::Breakpoint breakpoint;
    breakpoint.id = requestedIds_[i];
    breakpoint.source = specSource();
    breakpoint.line = binding.verified ? binding.editorLine : requested.line;
    breakpoint.message = binding.message;
    int bound = -1;
    for (std::size_t op : binding.ops)
      if (int step = program.stepOf(op); step >= 0 && (bound < 0 || step < bound)) bound = step;
    if (binding.verified && bound < 0) {
      breakpoint.message = "Dalec runs no op for this line in " + engine_->route();
    } else if (bound >= 0 && noDebug_) {
      breakpoint.message = "the session runs without debugging";
    } else if (bound >= 0) {
      breakpoint.verified = true;
      steps.emplace(bound, requested.condition);
      breakpointIds_.emplace(bound, *breakpoint.id);
    }
    if (!breakpoint.verified) breakpoint.reason = "failed";
    out.push_back(breakpoint);
  }
  std::lock_guard lock(breakpointsMutex_);
  breakpointSteps_ = std::move(steps);
  return out;
}

void NativeSession::rebindBreakpoints() {
  for (const protocol::Breakpoint& breakpoint : bindAll()) event("breakpoint", {{"reason", "changed"}, {"breakpoint", breakpoint}});
}

void NativeSession::onSetExceptionBreakpoints(const protocol::Request& request) {
  const json filters = request.arguments.value("filters", json::array());
  stopOnFailedCheck_ = !noDebug_ && filters.is_array() && std::find(filters.begin(), filters.end(), "failedChecks") != filters.end();
  respond(request, {{"breakpoints", json::array()}});
}

}  // namespace dalec::dap
