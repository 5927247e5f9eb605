#include "native/gateway_engine.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "frontend/spec_verdict.h"
#include "testrun/failure_mapping.h"
#include "testrun/test_request.h"
#include "yaml/node.h"

namespace dalec::dap {

namespace {

// Gateway calls the engine cannot do without (BuildKit v0.11.0 and later have them all).
const std::vector<std::string> kWantedCaps = {"gateway.evaluate", "proto.refarray", "reference.output",
                                              "frontend.inputs", "return", "gateway.exec"};

bool readWhole(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return true;
}

std::string keyOf(const llb::OpInput& output) { return output.digest + "#" + std::to_string(output.index); }

}  // namespace

GatewayEngine::GatewayEngine(EngineEvents events) : events_(std::move(events)) {}

GatewayEngine::~GatewayEngine() { close(); }

std::optional<StartFailure> GatewayEngine::start(const LaunchArguments& launch) {
  auto failed = [](std::string message) { return StartFailure{std::move(message), std::nullopt}; };
  if (!readWhole(launch.spec, specText_)) return failed("cannot read the spec " + launch.spec);
  model_ = spec::buildModel(yaml::parse(specText_));

  testrun::TestRunOptions options;
  options.frontendImage = launch.frontendImage;
  options.buildArgs = launch.args;
  options.contextDir = launch.context;
  options.target = launch.target;
  if (options.target.empty() && !model_->targets.empty()) options.target = model_->targets.front().key;
  if (options.target.empty())
    return failed("no target to debug: set \"target\" in the launch configuration (a target key such as \"bookworm\", or a "
           "route such as \"bookworm/testing/container\")");
  const testrun::TestRequest request = testrun::buildTestRequest(launch.spec, specText_, *model_, options);
  if (!request.request) return failed(request.error);
  route_ = request.route;

  auto unreachable = [](std::string message) { return StartFailure{std::move(message), std::nullopt, true}; };
  const buildkit::AddressResult address = buildkit::resolveDaemonAddress(launch.buildkit);
  if (!address.value) return unreachable(address.error);
  control_ = std::make_unique<buildkit::ControlClient>(*address.value);
  if (auto reason = control_->connect(std::chrono::seconds(5))) return unreachable(*reason);
  // Which daemon, and why that one: the first thing to know when a session behaves unexpectedly.
  if (events_.output) events_.output("dalec-dap: debugging on BuildKit at " + address.value->described() + "\n");

  {
    std::lock_guard lock(sessionMutex_);
    if (cancelled_) return failed("cancelled");
    session_ = std::make_unique<buildkit::GatewaySession>(*control_);
  }
  auto onStatus = [this](const moby::buildkit::v1::StatusResponse& status) {
    const testrun::StatusChange change = log_.record(status);
    for (const auto& entry : status.logs()) {
      if (!events_.output) break;
      events_.output(entry.msg());
    }
    if (events_.progress && !change.newestRunning.empty()) events_.progress(change.newestRunning);
  };
  daemon_ = address.value->address;
  session_->setLostHandler([this](const std::string& why) {
    if (events_.lost) events_.lost(lostReason(why));
  });
  if (auto reason = session_->open(onStatus, std::chrono::seconds(15))) return failed("BuildKit at " + address.value->described() + ": " + *reason);
  if (auto missing = buildkit::missingCaps(session_->caps(), kWantedCaps)) return failed(*missing);

  auto frontend = session_->solveFrontend(*request.request);
  if (!frontend.ok()) {
    if (auto why = lostAfter(frontend.failure)) return failed(*why);
    const frontend::SpecVerdict verdict = frontend::verdictFromFailure(frontend.failure, specText_);
    if (verdict.outcome != frontend::SpecVerdict::Outcome::Rejected)
      return failed("Dalec's frontend (" + request.frontendImage + ") could not run: " + frontend.failure.message);
    return StartFailure{"Dalec's frontend (" + request.frontendImage + ") rejected the spec: " + verdict.message, verdict.position};
  }
  frontendRef_ = frontend.value->id();
  std::string bytes, error;
  frontend.value->def().SerializeToString(&bytes);
  graph_ = llb::DefinitionGraph::from(frontend.value->def(), error);
  if (!graph_) return failed("the frontend's Definition cannot be debugged: " + error);
  program_ = llb::buildProgram(llb::decodeDefinition(bytes), *model_, llb::targetKeyOf(route_), request.specFilename);
  return std::nullopt;
}

buildkit::GatewayResult<std::string> GatewayEngine::solveOutput(const llb::OpInput& output) {
  if (auto it = solved_.find(keyOf(output)); it != solved_.end()) {
    buildkit::GatewayResult<std::string> cached;
    cached.value = it->second;
    return cached;
  }
  auto ref = session_->solve(graph_->upTo(output));
  if (ref.ok()) solved_[keyOf(output)] = *ref.value;
  return ref;
}

StepOutcome GatewayEngine::outcomeOf(const buildkit::SolveFailure& failure) {
  StepOutcome outcome;
  outcome.ok = false;
  outcome.failure = failure;
  if (!failure.vertex) return outcome;
  // Dalec's explanation travels only in the failed op's log, which can trail the error a little.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
  while (true) {
    const testrun::VertexRecord record = log_.find(*failure.vertex);
    outcome.dalecSays = testrun::failureText(record);
    if (outcome.dalecSays.find("check_type=") != std::string::npos || std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return outcome;
}

std::optional<PausedState> GatewayEngine::reach(int step, StepOutcome& outcome) {
  const llb::ExecOpInfo& exec = program_.steps.at(step).exec;
  PausedState state;
  state.step = step;
  for (const llb::InputInfo& input : exec.inputs) {
    auto ref = solveOutput({input.digest, input.index});
    if (ref.ok()) {
      auto evaluated = session_->evaluate(*ref.value);
      if (!evaluated.ok()) ref.failure = evaluated.failure, ref.value.reset();
    }
    if (!ref.ok()) {
      outcome = outcomeOf(ref.failure);
      return std::nullopt;
    }
    state.inputRefs.push_back(*ref.value);
  }
  for (const llb::MountInfo& mount : exec.mounts)
    if (mount.dest == "/" && mount.input >= 0 && static_cast<std::size_t>(mount.input) < state.inputRefs.size())
      state.rootRef = state.inputRefs[mount.input];
  outcome = {};
  return state;
}

StepOutcome GatewayEngine::run(int step) {
  const llb::ExecOpInfo& exec = program_.steps.at(step).exec;
  // A failed op stays failed for the rest of the build (BuildKit memoizes it): that is the answer.
  auto ref = solveOutput({exec.digest, 0});
  if (!ref.ok()) return outcomeOf(ref.failure);
  auto evaluated = session_->evaluate(*ref.value);
  if (!evaluated.ok()) return outcomeOf(evaluated.failure);
  return {};
}

StepOutcome GatewayEngine::runTarget() {
  auto evaluated = session_->evaluate(frontendRef_);
  if (!evaluated.ok()) return outcomeOf(evaluated.failure);
  return {};
}

buildkit::GatewayResult<std::vector<buildkit::FileEntry>> GatewayEngine::listDir(const std::string& ref, const std::string& path) {
  return session_->readDir(ref, path);
}

buildkit::GatewayResult<std::string> GatewayEngine::readFile(const std::string& ref, const std::string& path, std::int64_t limit) {
  return session_->readFile(ref, path, limit);
}

buildkit::ProcessSpec GatewayEngine::processAt(const PausedState& state) const {
  const llb::ExecOpInfo& exec = program_.steps.at(state.step).exec;
  buildkit::ProcessSpec spec;
  for (const llb::MountInfo& mount : exec.mounts) {
    llb::Mount out;
    out.set_dest(mount.dest);
    out.set_selector(mount.selector);
    out.set_mounttype(mount.type);
    out.set_readonly(mount.dest == "/" ? false : mount.readonly);
    if (mount.type == 0) {
      // A bind of an input: its state before the op. Scratch output mounts have nothing to show.
      if (mount.input < 0 || static_cast<std::size_t>(mount.input) >= state.inputRefs.size()) continue;
      out.set_resultid(state.inputRefs[mount.input]);
    } else if (mount.type != 4) {
      continue;  // caches (could hold a lock a build waits on), secrets and SSH: not in a shell
    }
    spec.mounts.push_back(std::move(out));
  }
  spec.network = exec.network;
  spec.env = exec.env;
  spec.cwd = exec.cwd;
  spec.user = exec.user;
  return spec;
}

buildkit::ProcessResult GatewayEngine::exec(const PausedState& state, const std::string& command) {
  buildkit::ProcessSpec spec = processAt(state);
  spec.args = {"/bin/sh", "-c", command};
  return session_->run(spec);
}

buildkit::ProcessResult GatewayEngine::shell(const PausedState& state, buildkit::TerminalIo& io) {
  buildkit::ProcessSpec spec = processAt(state);
  spec.args = {"/bin/sh"};
  bool hasTerm = false;
  for (const std::string& var : spec.env) hasTerm = hasTerm || var.rfind("TERM=", 0) == 0;
  if (!hasTerm) spec.env.push_back("TERM=xterm-256color");  // what editors' terminals emulate
  return session_->runTerminal(spec, io);
}

std::optional<std::string> GatewayEngine::lost() const {
  if (!session_) return std::nullopt;
  auto why = session_->lost();
  if (!why) return std::nullopt;
  return lostReason(*why);
}

// A call that failed with UNAVAILABLE and no op to blame failed because the daemon went; the
// build's own stream says so a moment later (or not at all, if the connection just dropped).
std::optional<std::string> GatewayEngine::lostAfter(const buildkit::SolveFailure& failure) const {
  if (auto why = lost()) return why;
  if (failure.vertex || failure.grpcCode != 14 /* UNAVAILABLE */) return std::nullopt;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (auto why = lost()) return why;
  }
  return lostReason(failure.message);
}

// One wording for the handler and for a call that failed because of it.
std::string GatewayEngine::lostReason(const std::string& why) const { return "lost BuildKit at " + daemon_ + ": " + why; }

void GatewayEngine::close() {
  if (session_) session_->close();
}

void GatewayEngine::cancel() {
  cancelled_ = true;
  std::lock_guard lock(sessionMutex_);
  if (session_) session_->cancel();
}

}  // namespace dalec::dap
