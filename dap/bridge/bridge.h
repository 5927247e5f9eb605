#pragma once
// dalec-dap's session: DAP with the editor on one side, `buildx dap build` on the other.
//
// The editor's requests are handled one per method: answered here (initialize, exception
// filters, hover evaluation, anything buildx cannot decode), rewritten into buildx's terms
// (launch, breakpoints on spec lines) or relayed. buildx's responses and events come back
// rewritten into spec terms (frames named after tests and checks, spec lines, a "Check" scope,
// failed checks as exceptions). Every message to the editor gets this bridge's own seq; responses
// are matched by request_seq, never by order, since buildx answers concurrently.
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bridge/child_process.h"
#include "bridge/spec_rewriter.h"
#include "llb/breakpoints.h"
#include "llb/op_map.h"
#include "protocol/launch_arguments.h"
#include "spec/spec_model.h"
#include "framing/message_reader.h"

namespace dalec::dap {

using nlohmann::json;

class Bridge {
 public:
  using Sender = std::function<void(const json&)>;
  using Logger = std::function<void(const std::string&)>;

  Bridge(asio::io_context& io, Sender toEditor, Logger log);

  void onEditorMessage(const json& message);
  void onEditorClosed();
  // The session is over: the editor disconnected (or went away) and buildx is gone.
  bool finished() const { return finished_; }
  std::function<void()> onFinished;

 private:
  using ResponseHandler = std::function<void(json& response)>;
  using RequestHandler = void (Bridge::*)(const json& request);

  // --- editor side
  void sendToEditor(json message);
  void respond(const json& request, bool success, json body = json::object(), const std::string& message = "");
  void sendEvent(const std::string& event, json body);

  // --- buildx side
  // Sends a request to buildx; `handler` sees (and may rewrite) the response before anything else.
  void requestBuildx(const std::string& command, json arguments, ResponseHandler handler);
  // Relays an editor request to buildx and its (rewritten) response back.
  void relay(const json& request, ResponseHandler rewrite = nullptr);
  void onBuildxOutput(std::string_view bytes);
  void onBuildxMessage(json message);
  void onBuildxEvent(json& event);
  void onBuildxExit(int status);
  void finishIfDone();
  void endSession(int exitCode, const std::string& why);

  // --- one handler per editor request (bridge_*.cpp)
  void onInitialize(const json& request);
  void onLaunch(const json& request);
  void onAttach(const json& request);
  void onSetBreakpoints(const json& request);
  void onSetExceptionBreakpoints(const json& request);
  void onConfigurationDone(const json& request);
  void onThreads(const json& request);
  void onStackTrace(const json& request);
  void onScopes(const json& request);
  void onVariables(const json& request);
  void onEvaluate(const json& request);
  void onExceptionInfo(const json& request);
  void onDisconnect(const json& request);
  void onTerminate(const json& request);
  void onRelayed(const json& request);
  void onSource(const json& request);
  void onUnsupported(const json& request);

  // --- rewriting into spec terms (bridge_frames.cpp, bridge_breakpoints.cpp, spec_rewriter.cpp)
  bool isSpecPath(const std::string& path) const { return spec_ && spec_->isSpecPath(path); }
  void rewriteStopped(json& event);
  // buildx's progress output lags its DAP events: the failing op's log (the only place the test
  // runner's "expected ..., got ..." appears) can arrive after `stopped`. An exception stop is held
  // until the op's ERROR line is seen, or for at most kFailureOutputWait.
  void holdExceptionStop(json event);
  void releaseHeldStop();
  // buildx's own failures on location-less head ops (bridge_stalls.cpp).
  static bool isEmptyProgramPanic(const std::string& stderrText);
  std::string explainBuildxExit(int status) const;
  // What to say when the docker CLI has no buildx plugin (docker's own words are about a flag).
  std::optional<std::string> missingBuildxPlugin() const;
  void watchForStall();
  void cancelStallWatch();
  json specBreakpointsFor(const json& editorBreakpoints, std::vector<std::optional<llb::BreakpointBinding>>& bindings);
  void sendFocusBreakpointIfNeeded(std::function<void()> then);

  asio::io_context& io_;
  Sender toEditor_;
  Logger log_;
  std::map<std::string, RequestHandler> handlers_;

  int editorSeq_ = 0;
  int buildxSeq_ = 0;
  json editorCapabilities_;  // the editor's initialize arguments
  bool initialized_ = false, launched_ = false, configured_ = false, disconnected_ = false;
  bool terminatedSent_ = false, exitedSent_ = false, finished_ = false;

  std::unique_ptr<ChildProcess> buildx_;
  // buildx must answer initialize and launch in time; a hung buildx is stopped.
  std::unique_ptr<asio::steady_timer> startupTimer_;
  framing::MessageReader buildxReader_;
  std::string buildxStderr_;
  std::map<int, ResponseHandler> pending_;  // buildx seq -> what to do with its response
  std::map<int, int> reverseRequests_;      // seq we gave a buildx reverse request -> buildx's seq

  LaunchArguments launch_;
  std::unique_ptr<SpecRewriter> spec_;  // set by launch
  bool specBreakpointsSent_ = false;
  std::optional<llb::BreakpointBinding> focusBinding_;  // launch "test": stop at its first op
  std::map<long long, std::size_t> frameOps_;            // frame id -> predicted op
  std::map<long long, std::size_t> checkScopes_;         // our variablesReference -> predicted op
  long long nextCheckScope_ = 0x7FFF0000;
  int nextOwnBreakpointId_ = 1000000;
  std::string lastFailure_;  // the test runner's "expected ..., got ..." line from the build output
  std::string outputTail_;   // an incomplete output line
  std::string lastStopText_;  // what the last exception stop said
  bool failureLineSeen_ = false;  // the failing op's "did not complete successfully" line arrived
  std::optional<json> heldStop_;
  std::unique_ptr<asio::steady_timer> heldStopTimer_;
  bool threadStopped_ = false;  // buildx has stopped and not been resumed since
  std::unique_ptr<asio::steady_timer> stallTimer_;
  static constexpr std::chrono::milliseconds kFailureOutputWait{1500};
};

}  // namespace dalec::dap
