#include "frontend/spec_verdict.h"

#include <regex>
#include <sstream>

namespace dalec::frontend {

namespace {

// BuildKit and the gateway wrap the frontend's error in prefixes of their own; Dalec's part starts
// at one of these.
constexpr const char* kDalecStarts[] = {"error loading spec", "could not read spec file", "error resolving build args",
                                        "error handling requested build target"};

// Failures that say nothing about the spec: the frontend never ran, or the daemon could not be used.
bool isInfrastructure(const buildkit::SolveFailure& failure) {
  constexpr int kUnavailable = 14, kDeadlineExceeded = 4, kCancelled = 1;
  if (failure.grpcCode == kUnavailable || failure.grpcCode == kDeadlineExceeded || failure.grpcCode == kCancelled)
    return true;
  for (const char* words : {"failed to resolve source metadata", "failed to do request", "pull access denied",
                            "failed to authorize", "no match for platform in manifest"})
    if (failure.message.find(words) != std::string::npos) return true;
  return false;
}

// A goccy/go-yaml code frame line: "  12 |     inline:", "> 15 |     bogus: 1", or its caret line.
bool isCodeFrameLine(const std::string& line) {
  static const std::regex frame(R"(^\s*>?\s*\d+ \|.*$)");
  static const std::regex caret(R"(^\s*\^\s*$)");
  return std::regex_match(line, frame) || std::regex_match(line, caret);
}

std::string dalecMessage(const std::string& raw) {
  std::string text = raw;
  std::size_t start = std::string::npos;
  for (const char* words : kDalecStarts) start = std::min(start, text.find(words));
  if (start != std::string::npos) text = text.substr(start);
  std::istringstream lines(text);
  std::string line, out;
  while (std::getline(lines, line)) {
    if (isCodeFrameLine(line) || line.find_first_not_of(" \t") == std::string::npos) continue;
    out += (out.empty() ? "" : "\n") + line;
  }
  return out;
}

// How many lines Dalec's TrimSpace removed in front of the spec.
int leadingLinesTrimmed(const std::string& specText) {
  int lines = 0;
  for (char c : specText) {
    if (c == '\n') ++lines;
    else if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') break;
  }
  return lines;
}

}  // namespace

FrontendRequest buildVerdictRequest(const std::string& specPath, const std::string& specText,
                                    const spec::SpecModel& model, const FrontendOptions& options) {
  FrontendRequest request = buildFrontendRequest(specPath, specText, model, options);
  if (!request.request) return request;
  (*request.request->mutable_frontendattrs())["requestid"] = kResolveSubrequest;
  request.request->set_internal(true);  // a question, not a build: keep it out of the daemon's history
  return request;
}

SpecVerdict verdictFromFailure(const buildkit::SolveFailure& failure, const std::string& specText) {
  SpecVerdict verdict;
  if (isInfrastructure(failure)) {
    verdict.outcome = SpecVerdict::Outcome::Unavailable;
    verdict.message = failure.message;
    return verdict;
  }
  verdict.outcome = SpecVerdict::Outcome::Rejected;
  verdict.message = dalecMessage(failure.message);
  const int shift = leadingLinesTrimmed(specText);
  // A typed source range (patches naming a missing source, invalid checks) is the most exact place.
  for (const buildkit::ErrorSource& source : failure.sources) {
    if (source.ranges.empty() || source.ranges[0].start.line <= 0) continue;
    verdict.position = RunePosition{source.ranges[0].start.line + shift, std::max(1, source.ranges[0].start.character)};
    return verdict;
  }
  // Otherwise goccy/go-yaml's "[line:column]" in the message (decoding errors: unknown fields, types).
  static const std::regex marker(R"(\[(\d+):(\d+)\])");
  std::smatch match;
  if (std::regex_search(failure.message, match, marker))
    verdict.position = RunePosition{std::stoi(match[1].str()) + shift, std::stoi(match[2].str())};
  return verdict;
}

SpecVerdict askFrontend(buildkit::ControlClient& client, const FrontendRequest& request, const std::string& specText,
                        std::chrono::milliseconds connectTimeout) {
  SpecVerdict verdict;
  verdict.frontendImage = request.frontendImage;
  if (!request.request) {
    verdict.message = request.error;
    return verdict;
  }
  if (auto error = client.connect(connectTimeout)) {
    verdict.message = *error;
    return verdict;
  }
  const buildkit::SolveOutcome outcome = client.solve(*request.request, [](const auto&) {});
  if (outcome.cancelled) {
    verdict.message = "cancelled";
    return verdict;
  }
  if (outcome.ok) {
    verdict.outcome = SpecVerdict::Outcome::Accepted;
    return verdict;
  }
  SpecVerdict failed = verdictFromFailure(outcome.failure, specText);
  failed.frontendImage = request.frontendImage;
  return failed;
}

const char* outcomeName(SpecVerdict::Outcome outcome) {
  switch (outcome) {
    case SpecVerdict::Outcome::Accepted: return "accepted";
    case SpecVerdict::Outcome::Rejected: return "rejected";
    case SpecVerdict::Outcome::Unavailable: return "unavailable";
  }
  return "unavailable";
}

}  // namespace dalec::frontend
