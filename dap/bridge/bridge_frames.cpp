// Stack frames, scopes and variables in spec terms; evaluation and exception details.
#include <filesystem>

#include "bridge/bridge.h"

namespace dalec::dap {

void Bridge::onStackTrace(const json& request) {
  relay(request, [this](json& response) { rewriteStackTrace(response); });
}

void Bridge::rewriteStackTrace(json& response) {
  if (!response.value("success", false) || !response.contains("body") || !model_) return;
  llb::SpecPositions positions(*model_->document);
  for (json& frame : response["body"]["stackFrames"]) {
    if (!frame.contains("source") || !isSpecPath(frame["source"].value("path", ""))) continue;
    const int dalecLine = frame.value("line", 0);
    const int column = frame.value("column", 0);
    frame["source"] = {{"path", editorSpecPath_}, {"name", std::filesystem::path(editorSpecPath_).filename().string()}};
    frame["line"] = positions.editorLine(dalecLine);
    if (column > 0) frame["column"] = toEditorColumn({dalecLine, column});
    frame.erase("endLine");
    frame.erase("endColumn");
    for (std::size_t i = 0; i < ops_.size(); ++i) {
      if (!ops_[i].hasLocation || ops_[i].start != llb::LlbPosition{dalecLine, column}) continue;
      frame["name"] = ops_[i].description;
      frameOps_[frame.value("id", -1LL)] = i;
      // The op's text, in editor terms, so the editor highlights exactly the check.
      const auto end = model_->document->lines().toUtf16(ops_[i].node.end);
      frame["endLine"] = end.line + 1;
      frame["endColumn"] = end.character + 1;
      break;
    }
  }
}

void Bridge::onScopes(const json& request) {
  const long long frameId = request.value("arguments", json::object()).value("frameId", -1LL);
  relay(request, [this, frameId](json& response) {
    auto op = frameOps_.find(frameId);
    if (!response.value("success", false) || op == frameOps_.end()) return;
    const long long reference = nextCheckScope_++;
    checkScopes_[reference] = op->second;
    const char* name = ops_[op->second].kind == llb::OpKind::Check ? "Check" : "Step";
    response["body"]["scopes"].insert(response["body"]["scopes"].begin(),
                                      json{{"name", name}, {"presentationHint", "locals"}, {"variablesReference", reference},
                                           {"expensive", false}});
  });
}

void Bridge::onVariables(const json& request) {
  const long long reference = request.value("arguments", json::object()).value("variablesReference", -1LL);
  auto scope = checkScopes_.find(reference);
  if (scope == checkScopes_.end()) {
    relay(request);
    return;
  }
  // What the check expects, in the spec's words.
  const llb::PredictedOp& op = ops_[scope->second];
  json variables = json::array();
  auto add = [&](const std::string& name, const std::string& value) {
    if (!value.empty()) variables.push_back({{"name", name}, {"value", value}, {"variablesReference", 0}});
  };
  add("test", op.testName);
  add("target", op.targetKey.empty() ? "every target" : op.targetKey);
  if (op.kind == llb::OpKind::TestStep) {
    add("step", std::to_string(op.stepIndex + 1));
    add("command", std::string(model_->document->slice(op.node)));
  } else {
    add("check", op.checkKind);
    add("path", op.path);
    add("expected", op.expected.empty() ? (op.checkKind == "empty" ? "no content" : op.checkKind == "not_exist" ? "absent" : "")
                                        : op.expected);
    if (op.stepIndex >= 0) add("step", std::to_string(op.stepIndex + 1));
  }
  add("spec line", std::to_string(llb::SpecPositions(*model_->document).editorLine(op.start.line)));
  if (!lastStopText_.empty()) add("failure", lastStopText_);
  respond(request, true, {{"variables", variables}});
}

void Bridge::onEvaluate(const json& request) {
  const json args = request.value("arguments", json::object());
  if (args.value("context", "") == "repl") {
    relay(request);  // buildx's console: `exec` opens a shell in the build container
    return;
  }
  // Hover and watch: buildx would only answer with an error. Args of the spec have values we know.
  const std::string expression = args.value("expression", "");
  std::string result = "(not evaluated: type `exec` in the Debug Console for a shell in the build container)";
  if (model_) {
    const std::string name = expression.size() > 3 && expression.rfind("${", 0) == 0 ? expression.substr(2, expression.size() - 3) : expression;
    if (auto it = launch_.args.find(name); it != launch_.args.end()) result = it->second;
    else if (const spec::ArgDecl* arg = model_->findArg(name)) result = arg->hasDefault() ? arg->value->resolved()->value : "(no default)";
  }
  respond(request, true, {{"result", result}, {"variablesReference", 0}});
}

void Bridge::onExceptionInfo(const json& request) {
  if (lastStopText_.empty()) {
    respond(request, false, nullptr, "no failure to describe");
    return;
  }
  respond(request, true,
          {{"exceptionId", "check-failed"}, {"description", lastStopText_}, {"breakMode", "always"}});
}

}  // namespace dalec::dap
