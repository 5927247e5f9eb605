#include "server/language_server.h"

#include <malloc.h>

#include "features/code_actions.h"
#include "features/code_lens.h"
#include "features/completion.h"
#include "features/diagnostics.h"
#include "features/document_links.h"
#include "features/document_symbols.h"
#include "features/hover.h"
#include "features/inlay_hints.h"
#include "spec/resolved_spec.h"
#include "features/navigation.h"
#include "features/semantic_tokens.h"
#include "features/structure.h"
#include "protocol/language_features.h"

namespace dalec::lsp {

namespace {
struct RpcFailure {
  int code;
  std::string message;
};
}  // namespace

LanguageServer::LanguageServer(asio::io_context& io, Sender send, Logger log)
    : send_(std::move(send)),
      log_(std::move(log)),
      scheduler_(io,
                 [this](const std::string& uri) {
                   publish(uri);
                   if (options_.frontendVerdict == "onChange") askFrontend(uri, std::nullopt);
                 }),
      verdicts_(io, [this](const VerdictJob& job, const frontend::FrontendResolution& resolution) { finishVerdict(job, resolution); }),
      testRuns_(io),
      awaitingOpen_(io, kOpenGrace, [this](const IncomingMessage& request, const std::string& uri) {
        send_(makeError(request.id, rpc_error::kInvalidParams, notOpenMessage(uri)));
      }) {
  requests_ = {
      {"initialize", &LanguageServer::onInitialize},
      {"shutdown", &LanguageServer::onShutdown},
      {"textDocument/completion", &LanguageServer::onCompletion},
      {"textDocument/hover", &LanguageServer::onHover},
      {"textDocument/definition", &LanguageServer::onDefinition},
      {"textDocument/references", &LanguageServer::onReferences},
      {"textDocument/documentHighlight", &LanguageServer::onDocumentHighlight},
      {"textDocument/prepareRename", &LanguageServer::onPrepareRename},
      {"textDocument/rename", &LanguageServer::onRename},
      {"textDocument/documentSymbol", &LanguageServer::onDocumentSymbol},
      {"textDocument/foldingRange", &LanguageServer::onFoldingRange},
      {"textDocument/selectionRange", &LanguageServer::onSelectionRange},
      {"textDocument/semanticTokens/full", &LanguageServer::onSemanticTokens},
      {"textDocument/codeLens", &LanguageServer::onCodeLens},
      {"textDocument/inlayHint", &LanguageServer::onInlayHint},
      {"textDocument/codeAction", &LanguageServer::onCodeAction},
      {"textDocument/documentLink", &LanguageServer::onDocumentLink},
      {"dalec/resolvedSpec", &LanguageServer::onResolvedSpec},
  };
  notifications_ = {
      {"initialized", &LanguageServer::onInitialized},
      {"exit", &LanguageServer::onExit},
      {"textDocument/didOpen", &LanguageServer::onDidOpen},
      {"textDocument/didChange", &LanguageServer::onDidChange},
      {"textDocument/didClose", &LanguageServer::onDidClose},
      {"textDocument/didSave", &LanguageServer::onDidSave},
      {"$/cancelRequest", &LanguageServer::onCancel},
      {"$/setTrace", &LanguageServer::onIgnored},
      {"workspace/didChangeConfiguration", &LanguageServer::onDidChangeConfiguration},
      {"window/workDoneProgress/cancel", &LanguageServer::onProgressCancel},
  };
}

void LanguageServer::handleBatch(const std::vector<IncomingMessage>& messages) {
  for (const IncomingMessage& m : messages)
    if (m.kind == IncomingMessage::Kind::Notification && m.method == "$/cancelRequest") handle(m);
  for (const IncomingMessage& m : messages) {
    if (exitRequested_) return;
    if (m.kind == IncomingMessage::Kind::Notification && m.method == "$/cancelRequest") continue;
    handle(m);
  }
}

void LanguageServer::handle(const IncomingMessage& message) {
  switch (message.kind) {
    case IncomingMessage::Kind::Invalid:
      log_("invalid message: " + message.errorMessage);
      send_(makeError(message.id, message.errorCode, message.errorMessage));
      return;
    case IncomingMessage::Kind::Response: handleResponse(message); return;
    case IncomingMessage::Kind::Request: handleRequest(message); return;
    case IncomingMessage::Kind::Notification: handleNotification(message); return;
  }
}

void LanguageServer::reportFramingFault(const std::string& fault) { log_("framing: " + fault); }

void LanguageServer::handleRequest(const IncomingMessage& message) {
  if (cancelled_.erase(message.id.dump())) {
    send_(makeError(message.id, rpc_error::kRequestCancelled, "request cancelled"));
    return;
  }
  if (!initialized_ && message.method != "initialize") {
    send_(makeError(message.id, rpc_error::kServerNotInitialized, "the server has not been initialized"));
    return;
  }
  if (shutdownRequested_) {
    send_(makeError(message.id, rpc_error::kInvalidRequest, "the server is shutting down"));
    return;
  }
  if (message.method == "workspace/executeCommand") {
    // Both commands answer now if they cannot start, else when BuildKit has answered.
    if (message.params.is_object() && message.params.value("command", "") == kVerifySpecCommand) {
      const nlohmann::json& arguments = message.params.value("arguments", nlohmann::json::array());
      if (!arguments.is_array() || arguments.empty() || !arguments[0].is_object() || !arguments[0].contains("uri") ||
          !arguments[0]["uri"].is_string()) {
        send_(makeError(message.id, rpc_error::kInvalidParams, "dalec.verifySpec needs an argument {uri}"));
        return;
      }
      askFrontend(arguments[0]["uri"].get<std::string>(), message.id);
      return;
    }
    if (message.params.is_object() && message.params.value("command", "") == kShowResolvedSpecCommand) {
      const nlohmann::json& arguments = message.params.value("arguments", nlohmann::json::array());
      if (!arguments.is_array() || arguments.empty() || !arguments[0].is_object()) {
        send_(makeError(message.id, rpc_error::kInvalidParams, "dalec.showResolvedSpec needs an argument {uri, target?}"));
        return;
      }
      IncomingMessage asRequest = message;
      asRequest.method = "dalec/resolvedSpec";
      asRequest.params = arguments[0];
      handleRequest(asRequest);
      return;
    }
    startRunTests(message);
    return;
  }
  auto handler = requests_.find(message.method);
  if (handler == requests_.end()) {
    send_(makeError(message.id, rpc_error::kMethodNotFound, "method not found: " + message.method));
    return;
  }
  if (auto uri = RequestsAwaitingOpen::documentOf(message); uri && !documents_.find(*uri)) {
    awaitingOpen_.hold(message, *uri);
    return;
  }
  try {
    send_(makeResult(message.id, (this->*handler->second)(message.params)));
  } catch (const RpcFailure& failure) {
    send_(makeError(message.id, failure.code, failure.message));
  } catch (const nlohmann::json::exception& e) {
    send_(makeError(message.id, rpc_error::kInvalidParams, std::string("invalid params: ") + e.what()));
  } catch (const std::exception& e) {
    log_(message.method + " failed: " + e.what());
    send_(makeError(message.id, rpc_error::kInternalError, std::string("internal error: ") + e.what()));
  }
}

void LanguageServer::handleNotification(const IncomingMessage& message) {
  auto handler = notifications_.find(message.method);
  if (handler == notifications_.end()) {
    // Unknown "$/" notifications may be ignored; others are worth a line in the log.
    if (message.method.rfind("$/", 0) != 0) log_("ignoring unknown notification " + message.method);
    return;
  }
  if (!initialized_ && message.method != "exit") {
    log_("ignoring " + message.method + " before initialize");
    return;
  }
  try {
    (this->*handler->second)(message.params);
  } catch (const std::exception& e) {
    log_("ignoring " + message.method + " with invalid params: " + e.what());
  }
}

nlohmann::json LanguageServer::onInitialize(const nlohmann::json& params) {
  if (initialized_) throw RpcFailure{rpc_error::kInvalidRequest, "initialize was already received"};
  InitializeParams init = params.get<InitializeParams>();
  options_ = readServerOptions(init.initializationOptions);
  snippetSupport_ = init.snippetSupport;
  workDoneProgress_ = init.workDoneProgress;
  initialized_ = true;
  return {
      {"capabilities",
       {
           {"positionEncoding", "utf-16"},
           {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
           {"completionProvider", {{"triggerCharacters", {"{", ":", " "}}, {"resolveProvider", false}}},
           {"hoverProvider", true},
           {"definitionProvider", true},
           {"referencesProvider", true},
           {"documentHighlightProvider", true},
           {"renameProvider", {{"prepareProvider", true}}},
           {"documentSymbolProvider", true},
           {"foldingRangeProvider", true},
           {"selectionRangeProvider", true},
           {"semanticTokensProvider", {{"legend", semanticTokensLegend()}, {"full", true}}},
           {"codeLensProvider", {{"resolveProvider", false}}},
           {"inlayHintProvider", true},
           {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
           {"documentLinkProvider", {{"resolveProvider", false}}},
           {"executeCommandProvider", {{"commands", {kRunTestsCommand, kVerifySpecCommand, kShowResolvedSpecCommand}}}},
       }},
      {"serverInfo", {{"name", "dalec-lsp"}, {"version", "0.1.0"}}},
  };
}

nlohmann::json LanguageServer::onShutdown(const nlohmann::json&) {
  shutdownRequested_ = true;
  return nullptr;
}

void LanguageServer::onInitialized(const nlohmann::json&) {}
void LanguageServer::onExit(const nlohmann::json&) { exitRequested_ = true; }
void LanguageServer::onIgnored(const nlohmann::json&) {}

void LanguageServer::onDidOpen(const nlohmann::json& params) {
  auto open = params.get<DidOpenTextDocumentParams>();
  documents_.open(open.textDocument);
  // First diagnostics as soon as possible; only edits are debounced.
  scheduler_.schedule(open.textDocument.uri, std::chrono::milliseconds(0));
  for (const IncomingMessage& request : awaitingOpen_.release(open.textDocument.uri)) handleRequest(request);
}

void LanguageServer::onDidChange(const nlohmann::json& params) {
  auto change = params.get<DidChangeTextDocumentParams>();
  if (!documents_.find(change.textDocument.uri)) {
    log_("didChange for a document that is not open: " + change.textDocument.uri);
    return;
  }
  if (!documents_.change(change.textDocument, change.contentChanges)) {
    log_("didChange with an invalid range for " + change.textDocument.uri + "; the edit was not applied");
    return;
  }
  scheduler_.schedule(change.textDocument.uri, std::chrono::milliseconds(options_.diagnosticsDelayMs));
}

void LanguageServer::onDidClose(const nlohmann::json& params) {
  auto close = params.get<DidCloseTextDocumentParams>();
  scheduler_.cancel(close.uri);
  documents_.close(close.uri);
  publishedVersion_.erase(close.uri);
  testDiagnostics_.erase(close.uri);
  frontendDiagnostics_.erase(close.uri);
  lastVerdict_.erase(close.uri);
  verdicts_.forget(close.uri);
  // Return the closed document's memory to the system (glibc keeps freed arenas otherwise).
  malloc_trim(0);
  // Clear what the editor shows for the closed document.
  send_(makeNotification("textDocument/publishDiagnostics", PublishDiagnosticsParams{close.uri, std::nullopt, {}}));
}

void LanguageServer::onDidSave(const nlohmann::json& params) {
  if (options_.frontendVerdict != "onSave" || !params.is_object() || !params.contains("textDocument")) return;
  const nlohmann::json& document = params["textDocument"];
  if (document.is_object() && document.contains("uri") && document["uri"].is_string())
    askFrontend(document["uri"].get<std::string>(), std::nullopt);
}

void LanguageServer::onCancel(const nlohmann::json& params) {
  const std::string id = params.get<CancelParams>().id.dump();
  // A test run answers when it ends: cancelling its request stops the build.
  if (testRuns_.cancelRequest(id)) return;
  if (auto held = awaitingOpen_.withdraw(id)) {
    send_(makeError(held->id, rpc_error::kRequestCancelled, "request cancelled"));
    return;
  }
  // Other requests are answered as they arrive, so only one still ahead of us can be cancelled.
  cancelled_.insert(id);
  if (cancelled_.size() > 1000) cancelled_.erase(cancelled_.begin());
}

void LanguageServer::onDidChangeConfiguration(const nlohmann::json& params) {
  if (params.is_object() && params.contains("settings") && params["settings"].is_object()) {
    const auto& settings = params["settings"];
    options_ = readServerOptions(settings.contains("dalec") ? settings["dalec"] : settings);
    // New severities apply to what the editor shows now, not only after the next edit.
    for (const auto& [uri, version] : publishedVersion_) scheduler_.schedule(uri, std::chrono::milliseconds(0));
  }
}

std::shared_ptr<const DocumentAnalysis> LanguageServer::openAnalysis(const std::string& uri) {
  auto analysis = documents_.analysisOf(uri);
  if (!analysis) throw RpcFailure{rpc_error::kInvalidParams, notOpenMessage(uri)};
  return analysis;
}

FeatureContext LanguageServer::contextOf(const std::string& uri, const DocumentAnalysis& analysis, bool snippets) const {
  return FeatureContext{uri, analysis, ClientSupport{snippets}, spec::ArgEnvironment{options_.testBuildArgs, options_.platform}};
}

nlohmann::json LanguageServer::onCompletion(const nlohmann::json& params) {
  auto p = params.get<TextDocumentPositionParams>();
  auto analysis = openAnalysis(p.uri);
  if (!analysis->model) return nlohmann::json::array();
  return complete(contextOf(p.uri, *analysis, snippetSupport_), documents_.find(p.uri)->text, p.position);
}

nlohmann::json LanguageServer::onHover(const nlohmann::json& params) {
  auto p = params.get<TextDocumentPositionParams>();
  auto analysis = openAnalysis(p.uri);
  auto hover = hoverAt(contextOf(p.uri, *analysis, false), p.position);
  return hover ? nlohmann::json(*hover) : nlohmann::json(nullptr);
}

nlohmann::json LanguageServer::onDefinition(const nlohmann::json& params) {
  auto p = params.get<TextDocumentPositionParams>();
  auto analysis = openAnalysis(p.uri);
  return findDefinition(contextOf(p.uri, *analysis, false), p.position);
}

nlohmann::json LanguageServer::onReferences(const nlohmann::json& params) {
  auto p = params.get<ReferenceParams>();
  auto analysis = openAnalysis(p.uri);
  return findReferences(contextOf(p.uri, *analysis, false), p.position, p.includeDeclaration);
}

nlohmann::json LanguageServer::onDocumentHighlight(const nlohmann::json& params) {
  auto p = params.get<TextDocumentPositionParams>();
  auto analysis = openAnalysis(p.uri);
  return findHighlights(contextOf(p.uri, *analysis, false), p.position);
}

nlohmann::json LanguageServer::onPrepareRename(const nlohmann::json& params) {
  auto p = params.get<TextDocumentPositionParams>();
  auto analysis = openAnalysis(p.uri);
  auto result = prepareRename(contextOf(p.uri, *analysis, false), p.position);
  if (!result) return nullptr;
  return {{"range", result->range}, {"placeholder", result->placeholder}};
}

nlohmann::json LanguageServer::onRename(const nlohmann::json& params) {
  auto p = params.get<RenameParams>();
  auto analysis = openAnalysis(p.uri);
  auto outcome = rename(contextOf(p.uri, *analysis, false), p.position, p.newName);
  if (!outcome.edit) throw RpcFailure{rpc_error::kRequestFailed, outcome.error};
  return *outcome.edit;
}

nlohmann::json LanguageServer::onDocumentSymbol(const nlohmann::json& params) {
  const std::string uri = params.at("textDocument").at("uri").get<std::string>();
  auto analysis = openAnalysis(uri);
  return documentSymbols(contextOf(uri, *analysis, false));
}

nlohmann::json LanguageServer::onFoldingRange(const nlohmann::json& params) {
  const std::string uri = params.at("textDocument").at("uri").get<std::string>();
  auto analysis = openAnalysis(uri);
  return foldingRanges(contextOf(uri, *analysis, false));
}

nlohmann::json LanguageServer::onSelectionRange(const nlohmann::json& params) {
  auto p = params.get<SelectionRangeParams>();
  auto analysis = openAnalysis(p.uri);
  return selectionRanges(contextOf(p.uri, *analysis, false), p.positions);
}

nlohmann::json LanguageServer::onSemanticTokens(const nlohmann::json& params) {
  const std::string uri = params.at("textDocument").at("uri").get<std::string>();
  auto analysis = openAnalysis(uri);
  return {{"data", semanticTokens(contextOf(uri, *analysis, false))}};
}

nlohmann::json LanguageServer::onCodeLens(const nlohmann::json& params) {
  const std::string uri = params.at("textDocument").at("uri").get<std::string>();
  auto analysis = openAnalysis(uri);
  return codeLenses(contextOf(uri, *analysis, false));
}

nlohmann::json LanguageServer::onInlayHint(const nlohmann::json& params) {
  auto p = params.get<RangeParams>();
  auto analysis = openAnalysis(p.uri);
  return inlayHints(contextOf(p.uri, *analysis, false), p.range);
}

// {uri, target?} → {target, text, sourceLines, frontend?}: the spec as the target sees it
// (spec/resolved_spec.h), each line with the spec's 0-based line it came from (-1: none), for a
// read-only view beside it; with Dalec's own resolution when its frontend last answered this text.
nlohmann::json LanguageServer::onResolvedSpec(const nlohmann::json& params) {
  if (!params.is_object() || !params.contains("uri") || !params["uri"].is_string())
    throw RpcFailure{rpc_error::kInvalidParams, "dalec/resolvedSpec needs {uri, target?}"};
  const std::string uri = params["uri"].get<std::string>();
  auto analysis = openAnalysis(uri);
  if (!analysis->model) throw RpcFailure{rpc_error::kRequestFailed, uri + " is not a Dalec spec"};
  std::string target = params.value("target", "");
  if (target.empty()) target = options_.testTarget;
  if (target.empty() && !analysis->model->targets.empty()) target = analysis->model->targets.front().key;
  target = target.substr(0, target.find('/'));  // a route (bookworm/testing/container) names its target first
  const spec::ResolvedSpec resolved = spec::resolveSpec(*analysis->model, target, contextOf(uri, *analysis, false).args);
  if (!resolved.error.empty()) throw RpcFailure{rpc_error::kRequestFailed, resolved.error};
  nlohmann::json view = {{"target", target}, {"text", resolved.text}, {"sourceLines", resolved.sourceLines}};
  addFrontendResolution(uri, *analysis, view);
  return view;
}

nlohmann::json LanguageServer::onCodeAction(const nlohmann::json& params) {
  auto p = params.get<RangeParams>();
  auto analysis = openAnalysis(p.uri);
  return codeActions(contextOf(p.uri, *analysis, false), p.range);
}

nlohmann::json LanguageServer::onDocumentLink(const nlohmann::json& params) {
  const std::string uri = params.at("textDocument").at("uri").get<std::string>();
  auto analysis = openAnalysis(uri);
  return documentLinks(contextOf(uri, *analysis, false));
}

void LanguageServer::publish(const std::string& uri) {
  auto analysis = documents_.analysisOf(uri);
  if (!analysis) return;
  auto& last = publishedVersion_[uri];
  PublishDiagnosticsParams params = toPublishDiagnostics(uri, *analysis, options_);
  for (const auto* extra : {&testDiagnostics_, &frontendDiagnostics_})
    if (auto found = extra->find(uri); found != extra->end())
      params.diagnostics.insert(params.diagnostics.end(), found->second.begin(), found->second.end());
  send_(makeNotification("textDocument/publishDiagnostics", params));
  last = analysis->version;
}

}  // namespace dalec::lsp
