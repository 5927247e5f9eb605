#pragma once
// The frontend's own verdict on a spec: Dalec's `frontend.dalec.resolve` subrequest loads the spec
// exactly as a build does (strict YAML decoding, validation, build-arg substitution) and answers
// with the resolved spec, without building anything. It is the cheapest call that makes the real
// frontend say whether it accepts a spec, and where it rejects it.
#include <chrono>
#include <optional>
#include <string>

#include "buildkit/control_client.h"
#include "buildkit/solve_failure.h"
#include "frontend/frontend_request.h"
#include "text/position.h"

namespace dalec::frontend {

inline constexpr const char* kResolveSubrequest = "frontend.dalec.resolve";

struct SpecVerdict {
  enum class Outcome {
    Accepted,     // the frontend loaded and resolved the spec
    Rejected,     // the frontend ran and refused the spec
    Unavailable,  // no verdict: no daemon, the frontend image could not be had, a request we could not make
  };
  Outcome outcome = Outcome::Unavailable;
  std::string message;  // Rejected: Dalec's message without BuildKit's wrapping and the code frames;
                        // Unavailable: the reason
  std::optional<RunePosition> position;  // Rejected, when Dalec says where: in the spec as written
  std::string frontendImage;
};

// The subrequest for a spec: the spec handed to the frontend with requestid set, no target.
FrontendRequest buildVerdictRequest(const std::string& specPath, const std::string& specText,
                                    const spec::SpecModel& model, const FrontendOptions& options);

// What a failed subrequest means, in the spec's terms. Dalec numbers lines of the spec after
// trimming its surrounding white space; `specText` (as sent) turns them back into the file's lines.
SpecVerdict verdictFromFailure(const buildkit::SolveFailure& failure, const std::string& specText);

// Sends the subrequest on `client` and waits for the answer (blocking).
SpecVerdict askFrontend(buildkit::ControlClient& client, const FrontendRequest& request, const std::string& specText,
                        std::chrono::milliseconds connectTimeout = std::chrono::seconds(5));

const char* outcomeName(SpecVerdict::Outcome outcome);

}  // namespace dalec::frontend
