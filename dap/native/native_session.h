#pragma once
// dalec-dap's own debug session for a Dalec spec: DAP in spec terms over GatewayEngine. One
// handler per request (native_*.cpp). The editor's side runs on the io thread; every engine call
// goes to the worker queue and its result comes back to the io thread, so a long build never
// blocks a request (threads, pause, disconnect are answered while an op runs).
#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "native/gateway_engine.h"
#include "native/work_queue.h"
#include "protocol/dap_types.h"
#include "protocol/launch_arguments.h"
#include "terminal/shell_listener.h"

namespace dalec::dap {

using nlohmann::json;

class NativeSession {
 public:
  using Sender = std::function<void(json)>;  // the caller numbers the message
  NativeSession(asio::io_context& io, Sender toEditor, json editorCapabilities);
  ~NativeSession();

  void onRequest(const protocol::Request& request);
  void onEditorClosed();
  bool finished() const { return finished_; }
  std::function<void()> onFinished;

 private:
  using Handler = void (NativeSession::*)(const protocol::Request&);
  enum class Move { Continue, Next, StepOut, StepBack, ReverseContinue, Start };

  void respond(const protocol::Request& request, json body = json::object());
  void fail(const protocol::Request& request, const std::string& message);
  void event(const std::string& name, json body = json::object());
  void output(const std::string& text, const std::string& category = "console");
  // Runs `job` on the worker; `then` on the io thread with its result.
  template <typename T>
  void work(std::function<T()> job, std::function<void(T)> then) {
    worker_->post([this, job = std::move(job), then = std::move(then)] {
      auto result = std::make_shared<T>(job());
      asio::post(io_, [result, then] { then(std::move(*result)); });
    });
  }

  // --- handlers (native_launch.cpp)
  void onLaunch(const protocol::Request& request);
  void onRestart(const protocol::Request& request);
  void onConfigurationDone(const protocol::Request& request);
  void onDisconnect(const protocol::Request& request);
  // (native_breakpoints.cpp)
  void onSetBreakpoints(const protocol::Request& request);
  void onSetExceptionBreakpoints(const protocol::Request& request);
  // (native_stepping.cpp)
  void onContinue(const protocol::Request& request);
  void onNext(const protocol::Request& request);
  void onStepOut(const protocol::Request& request);
  void onStepBack(const protocol::Request& request);
  void onReverseContinue(const protocol::Request& request);
  void onPause(const protocol::Request& request);
  // (native_inspection.cpp)
  void onStackTrace(const protocol::Request& request);
  void onScopes(const protocol::Request& request);
  void onVariables(const protocol::Request& request);
  void onEvaluate(const protocol::Request& request);
  void onExceptionInfo(const protocol::Request& request);
  // (native_threads.cpp)
  void onThreads(const protocol::Request& request);
  void nameThreads();
  int threadOf(int step) const;  // the thread of a program step: its test's
  // (native_shell.cpp)
  void openShell(const protocol::Request& request);
  void closeShells();

  // --- the engine's graph, once known (native_launch.cpp)
  void startEngine();
  void graphKnown();
  void startFailed(const StartFailure& failure);
  void beginIfReady();
  void end(int exitCode, const std::string& why);
  void finishIfDone();
  // --- moving through the program (native_stepping.cpp)
  void resume(const protocol::Request& request, Move move);
  // Where a move ends, computed on the worker.
  struct Landing {
    enum class Kind { Stopped, Failed, Ended, Error } kind = Kind::Ended;
    std::string reason;  // of a stop: entry, breakpoint, step, pause
    int step = -1;
    std::optional<PausedState> state;
    StepOutcome outcome;    // Failed: the failure; Ended: the target's own outcome
    int failedChecks = 0;   // failures passed over on the way (stopOnFailedCheck off)
    std::string error;
    std::string note;       // said in the console with the stop (a breakpoint condition's result)
  };
  Landing advance(Move move, int from, bool fromFailure);
  // A breakpoint's condition at `step`, on the worker: stops (with a note) or passes (nothing).
  std::optional<Landing> breakpointLanding(int step, const std::string& condition);
  void land(const Landing& landing);
  // --- breakpoints (native_breakpoints.cpp)
  void rebindBreakpoints();
  std::vector<protocol::Breakpoint> bindAll();
  protocol::Source specSource() const;
  // --- inspection helpers (native_inspection.cpp)
  long long newReference(json what);
  std::vector<protocol::Variable> checkVariables(const llb::ProgramStep& step);
  std::vector<protocol::Variable> opVariables(const llb::ProgramStep& step);

  asio::io_context& io_;
  Sender toEditor_;
  json editorCapabilities_;
  std::map<std::string, Handler> handlers_;

  LaunchArguments launch_;
  std::string editorSpecPath_;  // the spec's path as the editor wrote it
  std::unique_ptr<GatewayEngine> engine_;
  std::unique_ptr<WorkQueue> worker_;
  bool launched_ = false, configured_ = false, graphReady_ = false, begun_ = false;
  bool ended_ = false, disconnected_ = false, finished_ = false, busy_ = false;
  std::atomic<bool> pauseRequested_{false};

  // Breakpoints by editor line; bound to program steps once the graph is known.
  std::vector<protocol::SourceBreakpoint> requested_;
  std::vector<int> requestedIds_;
  std::map<int, int> breakpointIds_;  // step -> breakpoint id
  std::mutex breakpointsMutex_;       // the worker reads the bound steps while it runs
  std::map<int, std::string> breakpointSteps_;  // step -> its condition (empty: always stop)
  int nextBreakpointId_ = 1;
  bool stopOnFailedCheck_ = true;
  bool noDebug_ = false;  // "Run without debugging": no stops at all, the outcome only

  // One thread per test (native_threads.cpp), named once the graph is known.
  std::vector<protocol::Thread> threads_;
  std::vector<int> threadOfStep_;

  // Where the session stands.
  std::optional<PausedState> paused_;
  bool pausedOnFailure_ = false;
  std::string failureText_;      // the last failing op's "expected ..., got ...", or BuildKit's message
  std::string failureDetails_;   // BuildKit's message of that failure
  std::map<long long, json> references_;  // variablesReference -> what it lists
  long long nextReference_ = 1;
  int progressId_ = 0;
  std::vector<std::unique_ptr<terminal::ShellListener>> shells_;  // interactive shells in the editor's terminal
};

}  // namespace dalec::dap
