// dalec.runTests: a spec's tests run on buildkitd, their progress as work-done progress, their
// failures as diagnostics on the failing checks. The run itself is shared/testrun's; this file
// turns LSP requests into runs and runs into LSP messages.
#include <cstdlib>

#include "cli/spec_file.h"
#include "llb/op_map.h"
#include "protocol/file_uri.h"
#include "server/language_server.h"
#include "spec/target_catalog.h"

namespace dalec::lsp {

namespace {

// The spec's path for a file:// URI; other URIs are kept as they are (and then fail to open).
std::string pathOfUri(const std::string& uri) { return pathOfFileUri(uri).value_or(uri); }

// The lens's target, else the setting, else the spec's first target Dalec knows.
std::string chooseTarget(const RunTestsArguments& args, const ServerOptions& options, const spec::SpecModel& model) {
  if (!args.target.empty()) return args.target;
  if (!options.testTarget.empty()) return options.testTarget;
  for (const spec::TargetDecl& target : model.targets)
    if (spec::isKnownTarget(target.key)) return target.key;
  return {};
}

Diagnostic toDiagnostic(const yaml::Document& document, const testrun::CheckFailure& failure) {
  const Utf16Range r = document.lines().toUtf16(failure.range);
  Diagnostic d;
  d.range = {{r.start.line, r.start.character}, {r.end.line, r.end.character}};
  d.severity = DiagnosticSeverity::Error;
  d.code = "test-failed";
  d.source = "dalec test";
  d.message = failure.message;
  return d;
}

nlohmann::json reportJson(const testrun::TestReport& report, const std::string& route, const std::vector<Diagnostic>& placed) {
  nlohmann::json failures = nlohmann::json::array();
  for (const Diagnostic& d : placed) failures.push_back({{"range", d.range}, {"message", d.message}});
  return {{"outcome", testrun::outcomeName(report.outcome)}, {"target", route}, {"failures", failures}};
}

}  // namespace

void LanguageServer::startRunTests(const IncomingMessage& message) {
  auto fail = [&](int code, const std::string& text) { send_(makeError(message.id, code, text)); };
  ExecuteCommandParams params;
  RunTestsArguments args;
  try {
    params = message.params.get<ExecuteCommandParams>();
    if (params.command != kRunTestsCommand) return fail(rpc_error::kInvalidParams, "unknown command: " + params.command);
    if (params.arguments.empty()) return fail(rpc_error::kInvalidParams, "dalec.runTests needs an argument {uri, test?, target?}");
    args = params.arguments[0].get<RunTestsArguments>();
  } catch (const nlohmann::json::exception& e) {
    return fail(rpc_error::kInvalidParams, std::string("invalid params: ") + e.what());
  }
  if (testRuns_.running(args.uri)) return fail(rpc_error::kRequestFailed, "the tests of this spec are already running");

  // An open document is run as the editor has it, unsaved edits included.
  std::string text, readError;
  if (OpenDocument* open = documents_.find(args.uri)) {
    text = open->text;
  } else if (!readSpecFile(pathOfUri(args.uri), text, readError)) {
    return fail(rpc_error::kRequestFailed, pathOfUri(args.uri) + ": " + readError);
  }
  auto document = yaml::parse(std::move(text));
  auto model = spec::buildModel(document);

  testrun::TestRunOptions options;
  options.target = chooseTarget(args, options_, *model);
  static_cast<frontend::FrontendOptions&>(options) = frontendOptionsOf(options_);
  const std::string specPath = pathOfUri(args.uri);
  testrun::TestRequest request = testrun::buildTestRequest(specPath, document->text(), *model, options);
  if (!request.request) return fail(rpc_error::kRequestFailed, request.error);
  const buildkit::AddressResult address = buildkit::resolveDaemonAddress(options_.buildkit);
  if (!address.value) return send_(makeError(message.id, rpc_error::kRequestFailed, address.error, buildkitUnreachable()));

  nlohmann::json token = params.workDoneToken ? *params.workDoneToken : (workDoneProgress_ ? createProgress() : nlohmann::json());
  std::string title = "Dalec: testing " + request.route;
  if (!args.test.empty()) title = "Dalec: testing `" + args.test + "` on " + request.route;
  if (!token.is_null()) {
    WorkDoneProgress begin{WorkDoneProgress::Kind::Begin, title, "connecting to " + address.value->address, std::nullopt, true};
    sendProgress(token, begin);
  }
  log_("running the tests of " + specPath + " for " + request.route + " with " + request.frontendImage + " on " +
       address.value->described());

  TestRunJob job{args.uri,   message.id.dump(), token.is_null() ? std::string() : token.dump(), *address.value,
                 std::move(*request.request), model, llb::targetKeyOf(request.route), request.specFilename, args.test};
  const nlohmann::json requestId = message.id;
  testRuns_.start(
      job,
      [this, token](const testrun::RunProgress& update) {
        if (token.is_null()) return;
        WorkDoneProgress report{WorkDoneProgress::Kind::Report, "", update.message, std::nullopt, false};
        if (update.percentage >= 0) report.percentage = update.percentage;
        sendProgress(token, report);
      },
      [this, requestId, token, job](const testrun::TestReport& report) { finishRunTests(requestId, token, job, report); });
}

void LanguageServer::finishRunTests(const nlohmann::json& requestId, const nlohmann::json& token, const TestRunJob& job,
                                    const testrun::TestReport& report) {
  using Outcome = testrun::TestReport::Outcome;
  std::vector<Diagnostic> placed;
  for (const testrun::CheckFailure& failure : report.failures) placed.push_back(toDiagnostic(*job.model->document, failure));
  // A pass clears the last failures; an error (no daemon, no frontend) says nothing about the checks.
  if (report.outcome == Outcome::Passed || report.outcome == Outcome::Failed) {
    if (placed.empty()) testDiagnostics_.erase(job.uri);
    else testDiagnostics_[job.uri] = placed;
    if (documents_.find(job.uri)) publish(job.uri);
    else send_(makeNotification("textDocument/publishDiagnostics", PublishDiagnosticsParams{job.uri, std::nullopt, placed}));
  }
  if (!token.is_null()) {
    std::string summary = testrun::outcomeName(report.outcome);
    if (report.outcome == Outcome::Failed) summary = std::to_string(placed.size()) + " check(s) failed";
    if (report.outcome == Outcome::Passed) summary = "tests passed";
    if (report.outcome == Outcome::Error) summary = report.error;
    sendProgress(token, WorkDoneProgress{WorkDoneProgress::Kind::End, "", summary, std::nullopt, false});
    // A token the client has not accepted yet keeps its queue until the client answers.
    auto pending = progress_.find(token.dump());
    if (pending != progress_.end() && pending->second.state == PendingProgress::State::Waiting) pending->second.ended = true;
    else if (pending != progress_.end()) progress_.erase(pending);
  }
  log_("test run of " + job.uri + ": " + testrun::outcomeName(report.outcome) +
       (report.error.empty() ? "" : ": " + report.error));
  switch (report.outcome) {
    case Outcome::Passed:
    case Outcome::Failed: {
      nlohmann::json result = reportJson(report, job.request.frontendattrs().at("target"), placed);
      send_(makeResult(requestId, result));
      return;
    }
    case Outcome::Cancelled: send_(makeError(requestId, rpc_error::kRequestCancelled, report.error)); return;
    case Outcome::Error:
      if (report.daemonUnreachable) send_(makeError(requestId, rpc_error::kRequestFailed, report.error, buildkitUnreachable()));
      else send_(makeError(requestId, rpc_error::kRequestFailed, report.error));
      return;
  }
}

nlohmann::json LanguageServer::createProgress() {
  const int n = ++nextServerRequest_;
  const nlohmann::json token = "dalec-test-" + std::to_string(n);
  const nlohmann::json id = "dalec-server-" + std::to_string(n);
  progress_[token.dump()] = {};
  progressRequests_[id.dump()] = token.dump();
  send_({{"jsonrpc", "2.0"}, {"id", id}, {"method", "window/workDoneProgress/create"}, {"params", {{"token", token}}}});
  return token;
}

void LanguageServer::sendProgress(const nlohmann::json& token, const WorkDoneProgress& value) {
  auto pending = progress_.find(token.dump());
  // No entry: a token the client made itself (workDoneToken), usable at once.
  if (pending != progress_.end()) {
    if (pending->second.state == PendingProgress::State::Waiting) pending->second.queued.push_back(value);
    if (pending->second.state != PendingProgress::State::Accepted) return;
  }
  send_(makeNotification("$/progress", ProgressParams{token, value}));
}

void LanguageServer::handleResponse(const IncomingMessage& message) {
  auto request = progressRequests_.find(message.id.dump());
  if (request == progressRequests_.end()) return;  // not a request of ours, or answered already
  const std::string tokenKey = request->second;
  progressRequests_.erase(request);
  auto pending = progress_.find(tokenKey);
  if (pending == progress_.end()) return;
  if (message.errorCode != 0) {
    log_("the client refused a progress token; the test run goes on without progress");
    if (pending->second.ended) progress_.erase(pending);
    else pending->second = PendingProgress{PendingProgress::State::Refused, false, {}};
    return;
  }
  const nlohmann::json token = nlohmann::json::parse(tokenKey);
  for (const WorkDoneProgress& value : pending->second.queued)
    send_(makeNotification("$/progress", ProgressParams{token, value}));
  if (pending->second.ended) progress_.erase(pending);
  else pending->second = PendingProgress{PendingProgress::State::Accepted, false, {}};
}

void LanguageServer::onProgressCancel(const nlohmann::json& params) {
  if (!params.is_object() || !params.contains("token")) return;
  testRuns_.cancelToken(params["token"].dump());
}

}  // namespace dalec::lsp
