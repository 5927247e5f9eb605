#include "protocol/commands.h"

namespace dalec::lsp {

namespace {
std::string optionalString(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return {};
  return j.at(key).get<std::string>();  // a wrong type is the client's error: InvalidParams
}
}  // namespace

void from_json(const nlohmann::json& j, ExecuteCommandParams& p) {
  p.command = j.at("command").get<std::string>();
  if (j.contains("arguments") && !j["arguments"].is_null()) {
    if (!j["arguments"].is_array()) throw nlohmann::json::type_error::create(302, "arguments must be an array", &j);
    p.arguments = j["arguments"];
  }
  if (j.contains("workDoneToken") && (j["workDoneToken"].is_string() || j["workDoneToken"].is_number_integer()))
    p.workDoneToken = j["workDoneToken"];
}

void from_json(const nlohmann::json& j, RunTestsArguments& a) {
  if (!j.is_object()) throw nlohmann::json::type_error::create(302, "dalec.runTests takes an object {uri, test?, target?}", &j);
  a.uri = j.at("uri").get<std::string>();
  a.test = optionalString(j, "test");
  a.target = optionalString(j, "target");
}

void to_json(nlohmann::json& j, const CommandFailureData& d) { j = {{"cause", d.cause}, {"setting", d.setting}}; }

void to_json(nlohmann::json& j, const WorkDoneProgress& p) {
  switch (p.kind) {
    case WorkDoneProgress::Kind::Begin:
      j = {{"kind", "begin"}, {"title", p.title}, {"cancellable", p.cancellable}};
      break;
    case WorkDoneProgress::Kind::Report: j = {{"kind", "report"}}; break;
    case WorkDoneProgress::Kind::End: j = {{"kind", "end"}}; break;
  }
  if (!p.message.empty()) j["message"] = p.message;
  if (p.percentage && p.kind != WorkDoneProgress::Kind::End) j["percentage"] = *p.percentage;
}

void to_json(nlohmann::json& j, const ProgressParams& p) { j = {{"token", p.token}, {"value", p.value}}; }

}  // namespace dalec::lsp
