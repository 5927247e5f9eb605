// threads: one DAP thread for the spec's build steps and one per test, in the order Dalec runs
// them, so the editor's call stack reads as the spec does (the test, then where in it the session
// stands). Dalec runs them one after another, so one thread at a time is where the session is;
// every stop stops them all.
#include "native/native_session.h"

namespace dalec::dap {

namespace {
constexpr int kFirstThreadId = 1;
}

void NativeSession::nameThreads() {
  threads_.clear();
  threadOfStep_.clear();
  const llb::DebugProgram& program = engine_->program();
  std::map<std::pair<std::string, std::string>, int> byTest;  // (target, test) -> thread id
  for (const llb::ProgramStep& step : program.steps) {
    const llb::PredictedOp& op = program.predicted[step.predicted];
    auto [it, added] = byTest.try_emplace({op.targetKey, op.testName}, kFirstThreadId + static_cast<int>(threads_.size()));
    if (added) {
      const bool build = op.kind == llb::OpKind::BuildSteps;
      threads_.push_back(protocol::Thread{it->second, build ? std::string("build") : "test `" + op.testName + "`"});
    }
    threadOfStep_.push_back(it->second);
  }
}

int NativeSession::threadOf(int step) const {
  return step >= 0 && step < static_cast<int>(threadOfStep_.size()) ? threadOfStep_[static_cast<std::size_t>(step)] : kFirstThreadId;
}

void NativeSession::onThreads(const protocol::Request& request) {
  json threads = json::array();
  for (const protocol::Thread& thread : threads_) threads.push_back(thread);
  // Before the graph is known (or for a target with no tests): the session itself.
  if (threads.empty()) threads.push_back(protocol::Thread{kFirstThreadId, engine_ && graphReady_ ? "Dalec " + engine_->route() : "Dalec"});
  respond(request, {{"threads", threads}});
}

}  // namespace dalec::dap
