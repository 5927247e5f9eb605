// continue, next, stepOut, stepBack, reverseContinue, pause: moves through the program. A stop is
// before an op runs; stepping back costs little, since every op already solved is in BuildKit's
// cache and a stop only evaluates the op's inputs.
#include "native/native_session.h"

namespace dalec::dap {

void NativeSession::onContinue(const protocol::Request& request) { resume(request, Move::Continue); }
void NativeSession::onNext(const protocol::Request& request) { resume(request, Move::Next); }
void NativeSession::onStepOut(const protocol::Request& request) { resume(request, Move::StepOut); }
void NativeSession::onStepBack(const protocol::Request& request) { resume(request, Move::StepBack); }
void NativeSession::onReverseContinue(const protocol::Request& request) { resume(request, Move::ReverseContinue); }

void NativeSession::onPause(const protocol::Request& request) {
  respond(request);
  // Taken between two ops: an op that runs cannot be stopped halfway.
  if (busy_) pauseRequested_ = true;
}

void NativeSession::resume(const protocol::Request& request, Move move) {
  const bool fromEditor = !request.command.empty();
  if (fromEditor && (!begun_ || ended_)) {
    fail(request, ended_ ? "the session has ended" : "the program has not started yet");
    return;
  }
  if (fromEditor && (busy_ || !paused_)) {
    fail(request, "not stopped: the engine is running an op");
    return;
  }
  const int from = paused_ ? paused_->step : 0;
  const int thread = threadOf(from);
  const bool fromFailure = pausedOnFailure_;
  if (fromEditor) {
    if (move == Move::Continue) respond(request, {{"allThreadsContinued", true}});
    else respond(request);
  }
  paused_.reset();
  pausedOnFailure_ = false;
  references_.clear();
  busy_ = true;
  pauseRequested_ = false;
  if (move != Move::Start) event("continued", {{"threadId", thread}, {"allThreadsContinued", true}});
  if (editorCapabilities_.value("supportsProgressReporting", false)) {
    ++progressId_;
    event("progressStart", {{"progressId", std::to_string(progressId_)}, {"title", "Dalec: " + engine_->route()},
                            {"cancellable", false}});
  }
  work<Landing>([this, move, from, fromFailure] { return advance(move, from, fromFailure); },
                [this](Landing landing) { land(landing); });
}

// On the worker: the engine is ours alone while this runs.
NativeSession::Landing NativeSession::advance(Move move, int from, bool fromFailure) {
  GatewayEngine& engine = *engine_;
  const llb::DebugProgram& program = engine.program();
  const int count = static_cast<int>(program.steps.size());
  Landing landing;
  auto breakpointAt = [this](int step) -> std::optional<std::string> {
    std::lock_guard lock(breakpointsMutex_);
    auto it = breakpointSteps_.find(step);
    return it == breakpointSteps_.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  auto stopAt = [&](int step, const std::string& reason) {
    landing.step = step;
    landing.reason = reason;
    landing.state = engine.reach(step, landing.outcome);
    // An input of the op failed (a step its checks read): that is the failure to show.
    landing.kind = landing.state ? Landing::Kind::Stopped : Landing::Kind::Failed;
    return landing;
  };
  auto testOf = [&](int step) { return program.predicted[program.steps[step].predicted].testName; };

  if (move == Move::StepBack) return stopAt(std::max(0, from - 1), "step");
  if (move == Move::ReverseContinue) {
    for (int step = from - 1; step >= 0; --step)
      if (auto condition = breakpointAt(step))
        if (auto stop = breakpointLanding(step, *condition)) return *stop;
    return stopAt(0, "entry");
  }
  // A failing op: stop on it (its inputs are reached, so its files can be looked at), or count it
  // and go on.
  auto failedAt = [&](int step, const StepOutcome& outcome) -> bool {
    if (engine.cancelled()) {
      landing.kind = Landing::Kind::Error;
      landing.error = "cancelled";
      return true;
    }
    if (!stopOnFailedCheck_) {
      ++landing.failedChecks;
      return false;
    }
    landing.kind = Landing::Kind::Failed;
    landing.step = step;
    StepOutcome reached;
    landing.state = engine.reach(step, reached);
    landing.outcome = outcome;
    return true;
  };
  int step = from;
  if (move == Move::Start) {
    // A focused test (the "Debug test" lens): straight to its first op, the others not run.
    if (!launch_.test.empty() && !noDebug_) {
      for (int i = 0; i < count; ++i)
        if (testOf(i) == launch_.test) return stopAt(i, "entry");
      landing.kind = Landing::Kind::Error;
      landing.error = "the target " + engine.route() + " has no test `" + launch_.test + "`";
      return landing;
    }
    if (count > 0 && launch_.stopOnEntry && !noDebug_) return stopAt(0, "entry");
  } else if (count > 0) {
    // Leaving a stop runs the op it stood before, unless that op is the one that failed.
    if (!fromFailure) {
      const StepOutcome outcome = engine.run(step);
      if (!outcome.ok && failedAt(step, outcome)) return landing;
    }
    ++step;
  }
  for (; step < count; ++step) {
    if (pauseRequested_) return stopAt(step, "pause");
    if (auto condition = breakpointAt(step)) {
      if (auto stop = breakpointLanding(step, *condition)) {
        stop->failedChecks = landing.failedChecks;
        return *stop;
      }
    }
    if (move == Move::Next) return stopAt(step, "step");
    if (move == Move::StepOut && testOf(step) != testOf(from)) return stopAt(step, "step");
    const StepOutcome outcome = engine.run(step);
    if (!outcome.ok && failedAt(step, outcome)) return landing;
  }
  // Past the last test op: the rest of the target, as a build of it would run.
  landing.kind = Landing::Kind::Ended;
  landing.outcome = engine.runTarget();
  return landing;
}

std::optional<NativeSession::Landing> NativeSession::breakpointLanding(int step, const std::string& condition) {
  GatewayEngine& engine = *engine_;
  Landing landing;
  landing.step = step;
  landing.reason = "breakpoint";
  landing.state = engine.reach(step, landing.outcome);
  // An input of the op failed: that failure is what to show, condition or not.
  landing.kind = landing.state ? Landing::Kind::Stopped : Landing::Kind::Failed;
  if (condition.empty() || !landing.state) return landing;
  const buildkit::ProcessResult result = engine.exec(*landing.state, condition);
  if (!result.error.empty()) {
    // As other debuggers do with a condition they cannot evaluate: stop, and say why.
    landing.note = "dalec-dap: the breakpoint's condition `" + condition + "` could not run: " + result.error;
    return landing;
  }
  if (result.exitCode != 0) return std::nullopt;
  landing.note = "dalec-dap: the breakpoint's condition `" + condition + "` exited 0";
  return landing;
}

void NativeSession::land(const Landing& landing) {
  busy_ = false;
  if (progressId_ > 0 && editorCapabilities_.value("supportsProgressReporting", false))
    event("progressEnd", {{"progressId", std::to_string(progressId_)}});
  if (disconnected_) return;
  // Not a failing check: the daemon is gone (the call that failed has no op to blame).
  if (auto why = landing.kind == Landing::Kind::Failed ? engine_->lostAfter(landing.outcome.failure) : engine_->lost()) {
    end(1, *why);
    return;
  }
  const llb::DebugProgram& program = engine_->program();
  if (landing.kind == Landing::Kind::Ended) {
    if (landing.outcome.ok) {
      end(0, engine_->route() + ": every test passed");
    } else {
      const std::string why = landing.outcome.dalecSays.empty() ? landing.outcome.failure.message : landing.outcome.dalecSays;
      end(1, engine_->route() + " failed: " + why);
    }
    return;
  }
  if (landing.kind == Landing::Kind::Error) {
    end(1, landing.error);
    return;
  }
  paused_ = landing.state ? landing.state : PausedState{landing.step, {}, ""};
  if (!landing.note.empty()) output(landing.note);
  protocol::StoppedEvent stopped;
  stopped.threadId = threadOf(landing.step);
  if (landing.kind == Landing::Kind::Failed) {
    pausedOnFailure_ = true;
    failureDetails_ = landing.outcome.failure.message;
    failureText_ = landing.outcome.dalecSays.empty() ? failureDetails_ : landing.outcome.dalecSays;
    stopped.reason = "exception";
    stopped.description = "Failed check: " + program.predicted[program.steps[landing.step].predicted].description;
    stopped.text = failureText_;
  } else {
    stopped.reason = landing.reason;
    stopped.description = "Paused before " + program.predicted[program.steps[landing.step].predicted].description;
    if (landing.reason == "breakpoint") {
      auto id = breakpointIds_.find(landing.step);
      if (id != breakpointIds_.end()) stopped.hitBreakpointIds.push_back(id->second);
    }
  }
  event("stopped", stopped);
}

}  // namespace dalec::dap
