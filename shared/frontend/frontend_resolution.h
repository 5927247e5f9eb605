#pragma once
// What Dalec's frontend makes of a spec, in full: its verdict and, when it accepts the spec, the
// spec it resolved (frontend.dalec.resolve's `result.txt` YAML and `result.json`, one spec per
// platform). Asked over BuildKit's gateway (a build of our own, no session): Control.Solve hands a
// subrequest's verdict back but drops its result, which only the gateway's Solve returns.
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "buildkit/control_client.h"
#include "frontend/spec_verdict.h"

namespace dalec::frontend {

struct FrontendResolution {
  SpecVerdict verdict;
  std::string yaml;      // Accepted: Dalec's YAML, a list with one spec per platform
  nlohmann::json specs;  // Accepted: the same specs as JSON (an array)
};

// Blocks for the round trip; `request` is buildVerdictRequest's.
FrontendResolution askFrontendResolution(buildkit::ControlClient& client, const FrontendRequest& request,
                                         const std::string& specText,
                                         std::chrono::milliseconds connectTimeout = std::chrono::seconds(5));

}  // namespace dalec::frontend
