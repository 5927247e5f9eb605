#include "protocol/dap_types.h"

#include "protocol/json_members.h"

namespace dalec::dap::protocol {

std::optional<Request> parseRequest(const json& message) {
  if (!message.is_object() || stringMember(message, "type") != "request") return std::nullopt;
  auto seq = integerMember(message, "seq");
  std::string command = stringMember(message, "command");
  if (!seq || command.empty()) return std::nullopt;
  Request request{*seq, std::move(command), json::object()};
  if (auto it = message.find("arguments"); it != message.end() && it->is_object()) request.arguments = *it;
  return request;
}

SetBreakpointsArguments parseSetBreakpoints(const json& arguments) {
  SetBreakpointsArguments out;
  if (auto source = arguments.find("source"); source != arguments.end()) {
    out.source.name = stringMember(*source, "name");
    out.source.path = stringMember(*source, "path");
  }
  if (auto list = arguments.find("breakpoints"); list != arguments.end() && list->is_array()) {
    for (const json& item : *list) {
      auto line = integerMember(item, "line");
      if (!line) continue;
      out.breakpoints.push_back({*line, integerMember(item, "column"), stringMember(item, "condition"),
                                 stringMember(item, "hitCondition"), stringMember(item, "logMessage")});
    }
  } else if (auto lines = arguments.find("lines"); lines != arguments.end() && lines->is_array()) {
    for (const json& line : *lines)  // the deprecated form
      if (line.is_number_integer()) out.breakpoints.push_back({line.get<int>(), std::nullopt, "", "", ""});
  }
  return out;
}

EvaluateArguments parseEvaluate(const json& arguments) {
  return {stringMember(arguments, "expression"), stringMember(arguments, "context"), integerMember(arguments, "frameId")};
}

StackTraceArguments parseStackTrace(const json& arguments) { return {integerMember(arguments, "threadId")}; }

namespace {
void setIf(json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}
template <typename T>
void setIf(json& j, const char* key, const std::optional<T>& value) {
  if (value) j[key] = *value;
}
}  // namespace

void to_json(json& j, const Source& value) {
  j = json::object();
  setIf(j, "name", value.name);
  setIf(j, "path", value.path);
}

void to_json(json& j, const Breakpoint& value) {
  j = {{"verified", value.verified}};
  setIf(j, "id", value.id);
  setIf(j, "message", value.message);
  setIf(j, "source", value.source);
  setIf(j, "line", value.line);
  setIf(j, "column", value.column);
  setIf(j, "endLine", value.endLine);
  setIf(j, "endColumn", value.endColumn);
  setIf(j, "reason", value.reason);
}

void to_json(json& j, const Thread& value) { j = {{"id", value.id}, {"name", value.name}}; }

void to_json(json& j, const StackFrame& value) {
  j = {{"id", value.id}, {"name", value.name}, {"line", value.line}, {"column", value.column}};
  setIf(j, "source", value.source);
  setIf(j, "endLine", value.endLine);
  setIf(j, "endColumn", value.endColumn);
  setIf(j, "presentationHint", value.presentationHint);
}

void to_json(json& j, const Scope& value) {
  j = {{"name", value.name}, {"variablesReference", value.variablesReference}, {"expensive", value.expensive}};
  setIf(j, "presentationHint", value.presentationHint);
}

void to_json(json& j, const Variable& value) {
  j = {{"name", value.name}, {"value", value.value}, {"variablesReference", value.variablesReference}};
  setIf(j, "type", value.type);
  setIf(j, "evaluateName", value.evaluateName);
}

void to_json(json& j, const StoppedEvent& value) {
  j = {{"reason", value.reason}, {"threadId", value.threadId}, {"allThreadsStopped", value.allThreadsStopped}};
  setIf(j, "description", value.description);
  setIf(j, "text", value.text);
  if (!value.hitBreakpointIds.empty()) j["hitBreakpointIds"] = value.hitBreakpointIds;
}

void to_json(json& j, const SessionFailedEvent& value) {
  j = {{"message", value.message}, {"cause", value.cause}, {"setting", value.setting}};
}

void to_json(json& j, const OutputEvent& value) {
  j = {{"category", value.category}, {"output", value.output}};
  if (!value.source) return;
  j["source"] = *value.source;
  j["line"] = value.line;
  j["column"] = value.column;
}

void to_json(json& j, const ExceptionInfo& value) {
  j = {{"exceptionId", value.exceptionId}, {"breakMode", value.breakMode}};
  setIf(j, "description", value.description);
  if (!value.details.empty()) j["details"] = {{"message", value.details}};
}

void to_json(json& j, const RunInTerminalArguments& value) {
  j = {{"kind", value.kind}, {"args", value.args}};
  setIf(j, "title", value.title);
  setIf(j, "cwd", value.cwd);
}

}  // namespace dalec::dap::protocol
