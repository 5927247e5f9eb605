#pragma once
// One run of a spec's tests against buildkitd: connect, solve the test request while following its
// status, and report the outcome in spec terms. Blocking; run it off the editor's thread.
#include <chrono>
#include <functional>
#include <string>

#include "buildkit/control_client.h"
#include "testrun/failure_mapping.h"
#include "testrun/test_request.h"

namespace dalec::testrun {

struct RunProgress {
  std::string message;  // e.g. "Test: azlinux3/works › check-file-contains /etc/x hello"
  int percentage = -1;  // vertices completed of those seen, when known
};
using ProgressSink = std::function<void(const RunProgress&)>;

struct RunInput {
  const spec::SpecModel* model = nullptr;  // the spec the request was built from
  std::string targetKey;                   // for naming ops ("azlinux3")
  std::string specFilename;                // the name in Dalec's source maps
  std::string onlyTest{};                  // run this test alone (through the graph)
  bool failFast = false;                   // one build of the target, stopping at its first failure
};

// Runs `request` on `client` (already created for the daemon's address).
TestReport runTests(buildkit::ControlClient& client, const moby::buildkit::v1::SolveRequest& request,
                    const RunInput& input, const ProgressSink& progress,
                    std::chrono::milliseconds connectTimeout = std::chrono::seconds(5));

}  // namespace dalec::testrun
