#pragma once
// DAP messages the native debug engine reads and writes, as typed structs (DAP 1.x). Reading is
// forgiving (a field of the wrong type reads as absent, see json_members.h); writing leaves out
// optional fields that are unset, as the protocol expects.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace dalec::dap::protocol {

using nlohmann::json;

struct Request {
  int seq = 0;
  std::string command;
  json arguments = json::object();
};
// Null when `message` is not a request (no seq, no command).
std::optional<Request> parseRequest(const json& message);

struct Source {
  std::string name, path;
};

struct SourceBreakpoint {
  int line = 0;
  std::optional<int> column;
  std::string condition, hitCondition, logMessage;
};

struct SetBreakpointsArguments {
  Source source;
  std::vector<SourceBreakpoint> breakpoints;
};
SetBreakpointsArguments parseSetBreakpoints(const json& arguments);

struct Breakpoint {
  std::optional<int> id;
  bool verified = false;
  std::string message;
  std::optional<Source> source;
  std::optional<int> line, column, endLine, endColumn;
  std::string reason;  // "pending" or "failed" when not verified
};

struct Thread {
  int id = 0;
  std::string name;
};

struct StackFrame {
  int id = 0;
  std::string name;
  std::optional<Source> source;
  int line = 0, column = 0;
  std::optional<int> endLine, endColumn;
  std::string presentationHint;  // "normal", "label", "subtle"
};

struct Scope {
  std::string name;
  std::string presentationHint;  // "arguments", "locals", "registers"
  long long variablesReference = 0;
  bool expensive = false;
};

struct Variable {
  std::string name, value, type, evaluateName;
  long long variablesReference = 0;
};

struct StoppedEvent {
  std::string reason;  // "entry", "breakpoint", "step", "exception", "pause"
  std::string description, text;
  int threadId = 1;
  bool allThreadsStopped = true;
  std::vector<int> hitBreakpointIds;
};

struct OutputEvent {
  std::string category = "console";  // "console", "stdout", "stderr", "important"
  std::string output;
  // Where the output is about (editors make it a link); 1-based line and column.
  std::optional<Source> source;
  int line = 0, column = 0;
};

// dalec-dap's own event (DAP lets an adapter send events of its own; a client ignores those it does
// not know), sent before `terminated` when a session could not start for a reason the user fixes in
// the editor's settings: {message, cause: "buildkit-unreachable", setting: "dalec.buildkit"}.
struct SessionFailedEvent {
  std::string message, cause, setting;
};
inline constexpr const char* kSessionFailedEvent = "dalec.sessionFailed";
// The relay's cause when `docker buildx` is not a command (the docker CLI has no buildx plugin);
// no setting fixes it, installing buildx or the launch configuration's "buildx" does.
inline constexpr const char* kBuildxMissingCause = "buildx-missing";

struct ExceptionInfo {
  std::string exceptionId, description;
  std::string breakMode = "always";
  std::string details;  // full message
};

struct EvaluateArguments {
  std::string expression, context;
  std::optional<int> frameId;
};
EvaluateArguments parseEvaluate(const json& arguments);

struct StackTraceArguments {
  std::optional<int> threadId;
};
StackTraceArguments parseStackTrace(const json& arguments);

// The reverse request that has the editor run a command in its terminal.
struct RunInTerminalArguments {
  std::string kind = "integrated";
  std::string title, cwd;
  std::vector<std::string> args;
};

void to_json(json& j, const Source& value);
void to_json(json& j, const Breakpoint& value);
void to_json(json& j, const Thread& value);
void to_json(json& j, const StackFrame& value);
void to_json(json& j, const Scope& value);
void to_json(json& j, const Variable& value);
void to_json(json& j, const StoppedEvent& value);
void to_json(json& j, const OutputEvent& value);
void to_json(json& j, const SessionFailedEvent& value);
void to_json(json& j, const ExceptionInfo& value);
void to_json(json& j, const RunInTerminalArguments& value);

}  // namespace dalec::dap::protocol
