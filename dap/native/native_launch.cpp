// launch, configurationDone, restart and disconnect: the engine's lifetime. launch answers at once
// and the graph follows: breakpoints are bound from the spec as soon as they arrive and checked
// against Dalec's ops when the frontend has answered; the program starts when both the editor
// (configurationDone) and the graph are ready.
#include <filesystem>

#include "native/native_session.h"

#include "buildkit/routes/connection_settings_json.h"
#include "text/line_index.h"

namespace dalec::dap {

void NativeSession::onLaunch(const protocol::Request& request) {
  if (launched_) {
    fail(request, "launch was already sent");
    return;
  }
  std::error_code error;
  launch_ = parseLaunchArguments(request.arguments, std::filesystem::current_path(error).string());
  editorSpecPath_ = request.arguments.value("spec", launch_.spec);
  const auto noDebug = request.arguments.find("noDebug");
  noDebug_ = noDebug != request.arguments.end() && noDebug->is_boolean() && noDebug->get<bool>();
  stopOnFailedCheck_ = launch_.stopOnFailedCheck && !noDebug_;
  launched_ = true;
  worker_ = std::make_unique<WorkQueue>();
  respond(request);
  event("initialized");
  startEngine();
}

void NativeSession::startEngine() {
  graphReady_ = false;
  EngineEvents events;
  events.output = [this](const std::string& line) { asio::post(io_, [this, line] { output(line, "stdout"); }); };
  events.progress = [this](const std::string& what) {
    asio::post(io_, [this, what] {
      if (progressId_ > 0) event("progressUpdate", {{"progressId", std::to_string(progressId_)}, {"message", what}});
    });
  };
  // Stopped when the daemon goes: the session ends now. Running: the op's call fails, and
  // land() ends the session with the same reason.
  events.lost = [this](const std::string& why) {
    asio::post(io_, [this, why] {
      if (!busy_ && !ended_ && !disconnected_) end(1, why);
    });
  };
  engine_ = std::make_unique<GatewayEngine>(std::move(events));
  output("dalec-dap: calling Dalec's frontend for " + launch_.spec + " on BuildKit (engine: buildkit)");
  GatewayEngine* engine = engine_.get();
  const LaunchArguments launch = launch_;
  work<std::optional<StartFailure>>([engine, launch] { return engine->start(launch); },
                                    [this](std::optional<StartFailure> failure) {
                                      if (disconnected_) return;
                                      if (failure) {
                                        startFailed(*failure);
                                        return;
                                      }
                                      graphKnown();
                                    });
}

void NativeSession::startFailed(const StartFailure& failure) {
  // What the frontend rejects is a mistake in the spec: the output names its line, which the
  // editor turns into a link to it, and the session ends with the same words.
  protocol::OutputEvent placed;
  placed.category = "stderr";
  placed.output = "dalec-dap: " + failure.message + "\n";
  if (failure.position) {
    const LineIndex lines(engine_->specText());
    const Utf16Position at = lines.toUtf16(lines.fromRune(*failure.position));
    placed.source = specSource();
    placed.line = at.line + 1;
    placed.column = at.character + 1;
    placed.output = "dalec-dap: " + specSource().name + ":" + std::to_string(placed.line) + ":" +
                    std::to_string(placed.column) + ": " + failure.message + "\n";
  }
  event("output", placed);
  if (failure.daemonUnreachable)
    event(protocol::kSessionFailedEvent, protocol::SessionFailedEvent{failure.message, buildkit::kUnreachableCause, buildkit::kSettingsSection});
  end(1, "");
}

void NativeSession::graphKnown() {
  graphReady_ = true;
  nameThreads();
  const llb::DebugProgram& program = engine_->program();
  output("dalec-dap: " + engine_->route() + ": " + std::to_string(program.steps.size()) +
         " test steps and checks to step through");
  rebindBreakpoints();
  beginIfReady();
}

void NativeSession::onConfigurationDone(const protocol::Request& request) {
  configured_ = true;
  respond(request);
  beginIfReady();
}

void NativeSession::beginIfReady() {
  if (!configured_ || !graphReady_ || begun_ || ended_) return;
  begun_ = true;
  resume(protocol::Request{0, "", json::object()}, Move::Start);
}

void NativeSession::end(int exitCode, const std::string& why) {
  if (ended_) return;
  ended_ = true;
  if (!why.empty()) output("dalec-dap: " + why, exitCode == 0 ? "console" : "stderr");
  event("terminated");
  event("exited", {{"exitCode", exitCode}});
}

void NativeSession::onRestart(const protocol::Request& request) {
  if (!launched_ || !engine_) {
    fail(request, "nothing to restart: the session was not launched");
    return;
  }
  if (busy_) {
    fail(request, "the engine is busy; pause or wait for the stop before restarting");
    return;
  }
  // The same place after the restart: the same test and the same kind of op on the same path
  // (the fix may have changed what a check expects, so not the same description).
  std::optional<llb::PredictedOp> where;
  if (paused_) where = engine_->program().predicted[engine_->program().steps[paused_->step].predicted];
  if (request.arguments.contains("arguments") && request.arguments["arguments"].is_object()) {
    std::error_code error;
    launch_ = parseLaunchArguments(request.arguments["arguments"], std::filesystem::current_path(error).string());
  }
  closeShells();  // they stand in the old build
  std::unique_ptr<GatewayEngine> old = std::move(engine_);
  GatewayEngine* oldEngine = old.release();
  worker_->post([oldEngine] {
    oldEngine->close();
    delete oldEngine;
  });
  paused_.reset();
  pausedOnFailure_ = false;
  failureText_.clear();
  references_.clear();
  respond(request);
  startEngine();
  // When the new graph is known, stop where we were (or at the first op).
  begun_ = true;
  GatewayEngine* engine = engine_.get();
  busy_ = true;
  work<int>(
      [engine, where]() -> int {
        const llb::DebugProgram& program = engine->program();
        if (!where) return 0;
        for (std::size_t i = 0; i < program.steps.size(); ++i) {
          const llb::PredictedOp& op = program.predicted[program.steps[i].predicted];
          if (op.testName == where->testName && op.kind == where->kind && op.checkKind == where->checkKind &&
              op.path == where->path && op.stepIndex == where->stepIndex)
            return static_cast<int>(i);
        }
        return 0;
      },
      [this](int step) {
        if (!graphReady_ || ended_) {
          busy_ = false;
          return;
        }
        GatewayEngine* current = engine_.get();
        busy_ = true;
        work<Landing>(
            [current, step]() -> Landing {
              Landing landing;
              StepOutcome outcome;
              if (current->program().steps.empty()) {
                landing.kind = Landing::Kind::Ended;
                return landing;
              }
              landing.state = current->reach(step, outcome);
              landing.kind = landing.state ? Landing::Kind::Stopped : Landing::Kind::Failed;
              landing.reason = "entry";
              landing.outcome = outcome;
              landing.step = step;
              return landing;
            },
            [this](Landing landing) { land(landing); });
      });
}

void NativeSession::onDisconnect(const protocol::Request& request) {
  disconnected_ = true;
  if (!engine_) {
    respond(request);
    finished_ = true;
    if (onFinished) onFinished();
    return;
  }
  // Whatever runs is cut short; then the build is ended (Return) so that the daemon keeps no
  // build, ref or container of ours.
  closeShells();
  if (busy_) engine_->cancel();
  GatewayEngine* engine = engine_.get();
  const protocol::Request answered = request;
  worker_->post([this, engine, answered] {
    engine->close();
    asio::post(io_, [this, answered] {
      respond(answered);
      finished_ = true;
      if (onFinished) onFinished();
    });
  });
}

}  // namespace dalec::dap
