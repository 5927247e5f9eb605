#pragma once
// workspace/executeCommand and work-done progress: the typed structs of the `dalec.runTests`
// command and the `$/progress` notifications that follow a run.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "buildkit/routes/connection_settings_json.h"

namespace dalec::lsp {

inline constexpr const char* kRunTestsCommand = "dalec.runTests";
// Asks the spec's own frontend now whether it accepts the spec: {uri}; answered with the verdict.
inline constexpr const char* kVerifySpecCommand = "dalec.verifySpec";
// The spec as a target sees it: {uri, target?}; answered with what dalec/resolvedSpec answers.
inline constexpr const char* kShowResolvedSpecCommand = "dalec.showResolvedSpec";

// The `data` of a command's error response when the failure has a cause an editor can offer a
// fix for: "buildkit-unreachable" (no BuildKit at the address chosen, or none found), whose fix is
// the settings that choose the daemon (`setting`: their section).
struct CommandFailureData {
  std::string cause;
  std::string setting;
};
inline CommandFailureData buildkitUnreachable() { return {buildkit::kUnreachableCause, buildkit::kSettingsSection}; }

struct ExecuteCommandParams {
  std::string command;
  nlohmann::json arguments = nlohmann::json::array();
  std::optional<nlohmann::json> workDoneToken;  // set when the client made the progress token
};

// The lens's argument object: {"uri": …, "test"?: …, "target"?: …}.
struct RunTestsArguments {
  std::string uri;
  std::string test;    // the test the lens sits on: only its ops run; empty: every test
  std::string target;  // a target key or route; the setting or the spec's first target otherwise
};

// One `$/progress` value: begin (with a title), report or end.
struct WorkDoneProgress {
  enum class Kind { Begin, Report, End };
  Kind kind = Kind::Report;
  std::string title;  // begin only
  std::string message;
  std::optional<int> percentage;
  bool cancellable = false;  // begin only
};

struct ProgressParams {
  nlohmann::json token;
  WorkDoneProgress value;
};

void from_json(const nlohmann::json& j, ExecuteCommandParams& p);
void from_json(const nlohmann::json& j, RunTestsArguments& a);
void to_json(nlohmann::json& j, const WorkDoneProgress& p);
void to_json(nlohmann::json& j, const CommandFailureData& d);
void to_json(nlohmann::json& j, const ProgressParams& p);

}  // namespace dalec::lsp
