#pragma once
// A test run through the Definition Dalec returns, on a gateway build of our own: each test op
// (step, check) is solved and evaluated on its own, so one run reports every failing check, not
// only the first BuildKit meets, and a run can be limited to one test (Dalec itself has no
// per-test filter: its build runs them all). Checks of a test read the same input, so a failing
// check does not hide the next; a failing step fails its checks, which are then not reported again.
#include <chrono>
#include <string>
#include <vector>

#include "buildkit/control_client.h"
#include "testrun/test_run.h"

namespace dalec::testrun {

struct GraphRunOptions {
  std::string onlyTest;  // run this test's ops only; empty: every test, then the whole target
};

struct GraphRunStats {
  std::size_t opsInProgram = 0, opsRun = 0;  // test ops of the target, and those this run evaluated
  std::vector<std::string> startedVertices;   // names of the vertices BuildKit reported starting
};

TestReport runTestsThroughGraph(buildkit::ControlClient& client, const moby::buildkit::v1::SolveRequest& request,
                                const RunInput& input, const GraphRunOptions& options, const ProgressSink& progress,
                                GraphRunStats* stats = nullptr,
                                std::chrono::milliseconds connectTimeout = std::chrono::seconds(5));

// The run a user asked for: through the graph (every failure; `onlyTest`), or fail-fast.
TestReport runSpecTests(buildkit::ControlClient& client, const moby::buildkit::v1::SolveRequest& request,
                        const RunInput& input, const ProgressSink& progress);

}  // namespace dalec::testrun
