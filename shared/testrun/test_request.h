#pragma once
// The Solve request that runs a spec's tests: Dalec's frontend through BuildKit's gateway
// frontend, with the spec (and, when it needs one and it is small, the build context) sent as
// frontend inputs built as LLB in the request itself. No client session is opened, so whatever
// needs one (named local contexts, secrets, SSH, a large context) is refused up front with the
// reason, instead of failing deep inside the build.
#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include "buildkit/control.pb.h"
#include "spec/spec_model.h"

namespace dalec::testrun {

struct TestRunOptions {
  std::string target;         // a route ("azlinux3/container") or a target key ("jammy")
  std::string frontendImage;  // overrides the spec's `# syntax=` line when set
  std::map<std::string, std::string> buildArgs;
  // Named build contexts, e.g. {"dalec-bookworm-worker": "docker-image://registry.local/worker"}:
  // images and remote URLs only, since local directories need a client session.
  std::map<std::string, std::string> buildContexts;
  std::string contextDir;     // the main build context on disk; by default the spec's directory
  std::size_t contextLimitBytes = 4u << 20;
  std::size_t contextLimitFiles = 2000;
};

struct TestRequest {
  std::optional<moby::buildkit::v1::SolveRequest> request;
  std::string error;          // why there is no request
  std::string frontendImage;  // the image that runs the tests
  std::string route;          // the target route solved
  std::string specFilename;   // the name Dalec puts in its source maps
  std::size_t contextFiles = 0, contextBytes = 0;
};

// Dalec's default route for a target key: "jammy" -> "jammy/deb", "azlinux3" -> "azlinux3/container".
std::string routeForTarget(const std::string& target);

TestRequest buildTestRequest(const std::string& specPath, const std::string& specText, const spec::SpecModel& model,
                             const TestRunOptions& options);

}  // namespace dalec::testrun
