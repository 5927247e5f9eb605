// Stack frames, scopes and variables in spec terms; evaluation and exception details.
#include <filesystem>

#include "bridge/bridge.h"

namespace dalec::dap {

void Bridge::onStackTrace(const json& request) {
  relay(request, [this](json& response) {
    if (!spec_ || !response.value("success", false) || !response.contains("body")) return;
    for (const auto& [frameId, op] : spec_->rewriteStackFrames(response["body"]["stackFrames"])) frameOps_[frameId] = op;
  });
}

void Bridge::onScopes(const json& request) {
  const long long frameId = request.value("arguments", json::object()).value("frameId", -1LL);
  relay(request, [this, frameId](json& response) {
    auto op = frameOps_.find(frameId);
    if (!response.value("success", false) || op == frameOps_.end()) return;
    const long long reference = nextCheckScope_++;
    checkScopes_[reference] = op->second;
    const char* name = spec_->ops()[op->second].kind == llb::OpKind::Check ? "Check" : "Step";
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
  const llb::PredictedOp& op = spec_->ops()[scope->second];
  json variables = json::array();
  auto add = [&](const std::string& name, const std::string& value) {
    if (!value.empty()) variables.push_back({{"name", name}, {"value", value}, {"variablesReference", 0}});
  };
  add("test", op.testName);
  add("target", op.targetKey.empty() ? "every target" : op.targetKey);
  if (op.kind == llb::OpKind::TestStep) {
    add("step", std::to_string(op.stepIndex + 1));
    add("command", std::string(spec_->model().document->slice(op.node)));
  } else {
    add("check", op.checkKind);
    add("path", op.path);
    add("expected", op.expected.empty() ? (op.checkKind == "empty" ? "no content" : op.checkKind == "not_exist" ? "absent" : "")
                                        : op.expected);
    if (op.stepIndex >= 0) add("step", std::to_string(op.stepIndex + 1));
  }
  add("spec line", std::to_string(llb::SpecPositions(*spec_->model().document).editorLine(op.start.line)));
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
  if (spec_) {
    const std::string name = expression.size() > 3 && expression.rfind("${", 0) == 0 ? expression.substr(2, expression.size() - 3) : expression;
    if (auto it = launch_.args.find(name); it != launch_.args.end()) result = it->second;
    else if (const spec::ArgDecl* arg = spec_->model().findArg(name)) result = arg->hasDefault() ? arg->defaultText() : "(no default)";
  }
  respond(request, true, {{"result", result}, {"variablesReference", 0}});
}

void Bridge::onExceptionInfo(const json& request) {
  if (lastStopText_.empty()) {
    respond(request, false, nullptr, "no failure to describe");
    return;
  }
  respond(request, true,
          {{"exceptionId", spec_ ? "check-failed" : "build-failed"}, {"description", lastStopText_}, {"breakMode", "always"}});
}

}  // namespace dalec::dap
