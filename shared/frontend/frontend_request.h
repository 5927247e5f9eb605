#pragma once
// A Solve request that hands a spec to Dalec's frontend through BuildKit's gateway frontend, with
// the spec (and, when it reads one and it is small, the build context) sent as frontend inputs
// built as LLB in the request itself. No client session is opened, so whatever needs one (named
// local contexts, secrets, SSH, a large context) is refused up front with the reason, instead of
// failing deep inside the build. Test runs and the frontend's verdict on a spec both start here.
#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include "buildkit/control.pb.h"
#include "spec/spec_model.h"

namespace dalec::frontend {

struct FrontendOptions {
  std::string frontendImage;  // overrides the spec's `# syntax=` line when set
  std::map<std::string, std::string> buildArgs;
  // Named build contexts, e.g. {"dalec-bookworm-worker": "docker-image://registry.local/worker"}:
  // images and remote URLs only, since local directories need a client session.
  std::map<std::string, std::string> buildContexts;
  std::string contextDir;     // the main build context on disk; by default the spec's directory
  std::size_t contextLimitBytes = 4u << 20;
  std::size_t contextLimitFiles = 2000;
};

struct FrontendRequest {
  std::optional<moby::buildkit::v1::SolveRequest> request;
  std::string error;          // why there is no request
  std::string frontendImage;  // the image that reads the spec
  std::string specFilename;   // the name Dalec puts in its source maps
  std::size_t contextFiles = 0, contextBytes = 0;
};

// The request with frontend, source image, filename, build args, contexts and inputs set; callers
// add what they ask of the frontend (a target, a subrequest).
FrontendRequest buildFrontendRequest(const std::string& specPath, const std::string& specText,
                                     const spec::SpecModel& model, const FrontendOptions& options);

}  // namespace dalec::frontend
