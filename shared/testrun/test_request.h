#pragma once
// The Solve request that runs a spec's tests: the spec handed to Dalec's frontend
// (frontend/frontend_request.h) for a target route, which Dalec builds and tests.
#include <string>

#include "frontend/frontend_request.h"

namespace dalec::testrun {

struct TestRunOptions : frontend::FrontendOptions {
  std::string target;  // a route ("azlinux3/container") or a target key ("jammy")
};

struct TestRequest : frontend::FrontendRequest {
  std::string route;  // the target route solved
};

// Dalec's default route for a target key: "jammy" -> "jammy/deb", "azlinux3" -> "azlinux3/container".
std::string routeForTarget(const std::string& target);

TestRequest buildTestRequest(const std::string& specPath, const std::string& specText, const spec::SpecModel& model,
                             const TestRunOptions& options);

}  // namespace dalec::testrun
