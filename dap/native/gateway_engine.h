#pragma once
// The blocking half of dalec-dap's own engine: a build of ours on buildkitd (GatewaySession), the
// Definition Dalec's frontend returns for the spec, and the moves a debugger makes on it, in spec
// terms. A stop is *before* an op: its inputs are solved and evaluated (and so are in BuildKit's
// cache), the op itself has not run. Runs on one worker thread; cancel() from any.
#include <atomic>
#include <functional>
#include <mutex>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "buildkit/control_client.h"
#include "buildkit/gateway_session.h"
#include "llb/debug_program.h"
#include "llb/definition_graph.h"
#include "protocol/launch_arguments.h"
#include "spec/spec_model.h"
#include "text/position.h"
#include "testrun/vertex_log_book.h"

namespace dalec::dap {

// The state at a stop: refs of the op's inputs (by input index), which a file explorer and a shell
// read.
struct PausedState {
  int step = -1;
  std::vector<std::string> inputRefs;
  std::string rootRef;  // the ref mounted at "/", if the op mounts one
};

struct StepOutcome {
  bool ok = true;
  buildkit::SolveFailure failure;
  std::string dalecSays;  // the test runner's "expected ..., got ..." line, or the step's last output
};

// Why a session could not start. A spec the frontend rejects comes with Dalec's place in it.
struct StartFailure {
  std::string message;
  std::optional<RunePosition> position;  // in the spec file as on disk
  bool daemonUnreachable = false;        // no BuildKit at the address chosen, or none found
};

struct EngineEvents {
  std::function<void(const std::string& line)> output;   // build output, line by line
  std::function<void(const std::string& what)> progress;  // the op running now
  // The daemon ended our build (a dropped connection, buildkitd gone), on another thread.
  std::function<void(const std::string& why)> lost;
};

class GatewayEngine {
 public:
  GatewayEngine(EngineEvents events);
  ~GatewayEngine();

  // Reads the spec, opens the build and calls the spec's frontend. A failure is the reason, placed
  // where it can be (Dalec attaches its position to what it rejects).
  std::optional<StartFailure> start(const LaunchArguments& launch);
  const llb::DebugProgram& program() const { return program_; }
  const spec::SpecModel& model() const { return *model_; }
  const std::string& route() const { return route_; }
  const std::string& specText() const { return specText_; }

  // Solves and evaluates the inputs of `step`: the state just before it runs.
  std::optional<PausedState> reach(int step, StepOutcome& outcome);
  // Runs `step` itself.
  StepOutcome run(int step);
  // Runs the whole target (what a build of it would).
  StepOutcome runTarget();

  buildkit::GatewayResult<std::vector<buildkit::FileEntry>> listDir(const std::string& ref, const std::string& path);
  buildkit::GatewayResult<std::string> readFile(const std::string& ref, const std::string& path, std::int64_t limit);
  // Runs `command` with /bin/sh in a container set up as the op at `state` would be.
  buildkit::ProcessResult exec(const PausedState& state, const std::string& command);
  // An interactive /bin/sh with a TTY in the same container set-up; safe beside the worker's calls.
  buildkit::ProcessResult shell(const PausedState& state, buildkit::TerminalIo& io);

  void close();
  void cancel();
  bool cancelled() const { return cancelled_; }
  // Why the build is gone although we did not end it (see EngineEvents::lost), or nothing.
  std::optional<std::string> lost() const;
  // lost(), or, for a call that failed for want of a daemon, why (waiting briefly for lost()).
  std::optional<std::string> lostAfter(const buildkit::SolveFailure& failure) const;

 private:
  std::string lostReason(const std::string& why) const;
  StepOutcome outcomeOf(const buildkit::SolveFailure& failure);
  buildkit::ProcessSpec processAt(const PausedState& state) const;
  buildkit::GatewayResult<std::string> solveOutput(const llb::OpInput& output);

  EngineEvents events_;
  std::atomic<bool> cancelled_{false};
  std::mutex sessionMutex_;  // cancel() comes from the io thread while start() creates the session
  std::unique_ptr<buildkit::ControlClient> control_;
  std::unique_ptr<buildkit::GatewaySession> session_;
  std::shared_ptr<const spec::SpecModel> model_;
  std::string specText_, route_, daemon_;
  std::optional<llb::DefinitionGraph> graph_;
  llb::DebugProgram program_;
  std::string frontendRef_;
  testrun::VertexLogBook log_;
  std::map<std::string, std::string> solved_;  // "digest#index" -> ref, for this build
};

}  // namespace dalec::dap
