#include "frontend/frontend_resolution.h"

#include "buildkit/gateway_session.h"

namespace dalec::frontend {

namespace {
constexpr auto kGatewayOpenTimeout = std::chrono::seconds(30);
}

FrontendResolution askFrontendResolution(buildkit::ControlClient& client, const FrontendRequest& request,
                                         const std::string& specText, std::chrono::milliseconds connectTimeout) {
  FrontendResolution out;
  out.verdict.frontendImage = request.frontendImage;
  if (!request.request) {
    out.verdict.message = request.error;
    return out;
  }
  if (auto error = client.connect(connectTimeout)) {
    out.verdict.message = *error;
    return out;
  }
  buildkit::GatewaySession session(client);
  buildkit::CancelForwarding forwardCancel(client, session);
  if (auto error = session.open(nullptr, kGatewayOpenTimeout)) {
    out.verdict.message = *error;
    return out;
  }
  if (auto missing = buildkit::missingCaps(session.caps(), {"frontend.inputs", "return"})) {
    out.verdict.message = *missing;
    return out;
  }
  auto answered = session.callFrontend(*request.request);
  session.close();
  if (!answered.ok()) {
    out.verdict = verdictFromFailure(answered.failure, specText);
    out.verdict.frontendImage = request.frontendImage;
    return out;
  }
  const auto& metadata = *answered.value;
  auto text = metadata.find("result.txt");
  auto json = metadata.find("result.json");
  if (json == metadata.end()) {
    // Not Dalec's resolve (an older or other frontend): it ran, but its answer is not one we read.
    out.verdict.message = "the frontend " + request.frontendImage + " answered frontend.dalec.resolve without result.json";
    return out;
  }
  out.specs = nlohmann::json::parse(json->second, nullptr, false);
  if (out.specs.is_discarded() || !out.specs.is_array()) {
    out.verdict.message = "the frontend " + request.frontendImage + "'s result.json is not a list of specs";
    out.specs = nlohmann::json();
    return out;
  }
  out.verdict.outcome = SpecVerdict::Outcome::Accepted;
  if (text != metadata.end()) out.yaml = text->second;
  return out;
}

}  // namespace dalec::frontend
