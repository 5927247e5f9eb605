#pragma once
// The LSP session: lifecycle, dispatch of requests and notifications to features, cancellation,
// and publishing diagnostics. Single-threaded: everything runs on the io_context's thread.
#include <asio/io_context.hpp>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "features/feature_context.h"
#include "protocol/commands.h"
#include "protocol/lsp_types.h"
#include "server/analysis_scheduler.h"
#include "server/document_store.h"
#include "server/frontend_verdict_jobs.h"
#include "server/requests_awaiting_open.h"
#include "server/test_run_jobs.h"
#include "transport/json_rpc.h"

namespace dalec::lsp {

class LanguageServer {
 public:
  using Sender = std::function<void(const nlohmann::json&)>;
  using Logger = std::function<void(const std::string&)>;

  LanguageServer(asio::io_context& io, Sender send, Logger log);

  // Handles the messages that arrived together. Cancellations among them apply to the requests
  // in the same batch, which is the only time a single-threaded server can still honour them.
  void handleBatch(const std::vector<IncomingMessage>& messages);
  void handle(const IncomingMessage& message);
  void reportFramingFault(const std::string& fault);

  bool exitRequested() const { return exitRequested_; }
  // LSP: exit after shutdown is success (0); exit without shutdown is an error (1).
  int exitCode() const { return shutdownRequested_ ? 0 : 1; }
  DocumentStore& documents() { return documents_; }

 private:
  using RequestHandler = nlohmann::json (LanguageServer::*)(const nlohmann::json& params);
  using NotificationHandler = void (LanguageServer::*)(const nlohmann::json& params);

  void handleRequest(const IncomingMessage& message);
  void handleNotification(const IncomingMessage& message);
  void handleResponse(const IncomingMessage& message);

  nlohmann::json onInitialize(const nlohmann::json& params);
  nlohmann::json onShutdown(const nlohmann::json& params);
  void onInitialized(const nlohmann::json& params);
  void onExit(const nlohmann::json& params);
  void onDidOpen(const nlohmann::json& params);
  void onDidChange(const nlohmann::json& params);
  void onDidClose(const nlohmann::json& params);
  void onCancel(const nlohmann::json& params);
  void onDidChangeConfiguration(const nlohmann::json& params);
  void onIgnored(const nlohmann::json& params);
  void onProgressCancel(const nlohmann::json& params);

  // workspace/executeCommand dalec.runTests (language_server_tests.cpp). Answered when the run ends.
  void startRunTests(const IncomingMessage& message);
  void finishRunTests(const nlohmann::json& requestId, const nlohmann::json& token, const TestRunJob& job,
                      const testrun::TestReport& report);
  // The frontend's own verdict (language_server_verdicts.cpp): asks it about the open document
  // (answering `commandId` when a dalec.verifySpec command asked), and shows what it said.
  void askFrontend(const std::string& uri, std::optional<nlohmann::json> commandId);
  void finishVerdict(const VerdictJob& job, const frontend::FrontendResolution& resolution);
  // The last verdict's resolved spec beside ours in dalec/resolvedSpec, when it answered this text.
  void addFrontendResolution(const std::string& uri, const DocumentAnalysis& analysis, nlohmann::json& view);
  void onDidSave(const nlohmann::json& params);
  void sendLogMessage(int type, const std::string& message);
  // Work-done progress the server creates: values wait until the client has accepted the token.
  nlohmann::json createProgress();
  void sendProgress(const nlohmann::json& token, const WorkDoneProgress& value);

  // Language features, one handler each.
  nlohmann::json onCompletion(const nlohmann::json& params);
  nlohmann::json onHover(const nlohmann::json& params);
  nlohmann::json onDefinition(const nlohmann::json& params);
  nlohmann::json onReferences(const nlohmann::json& params);
  nlohmann::json onDocumentHighlight(const nlohmann::json& params);
  nlohmann::json onPrepareRename(const nlohmann::json& params);
  nlohmann::json onRename(const nlohmann::json& params);
  nlohmann::json onDocumentSymbol(const nlohmann::json& params);
  nlohmann::json onFoldingRange(const nlohmann::json& params);
  nlohmann::json onSelectionRange(const nlohmann::json& params);
  nlohmann::json onSemanticTokens(const nlohmann::json& params);
  nlohmann::json onCodeLens(const nlohmann::json& params);
  nlohmann::json onInlayHint(const nlohmann::json& params);
  nlohmann::json onResolvedSpec(const nlohmann::json& params);
  FeatureContext contextOf(const std::string& uri, const DocumentAnalysis& analysis, bool snippets) const;
  nlohmann::json onCodeAction(const nlohmann::json& params);
  nlohmann::json onDocumentLink(const nlohmann::json& params);

  // The analysis of an open document's current version; an InvalidParams error otherwise.
  std::shared_ptr<const DocumentAnalysis> openAnalysis(const std::string& uri);

  void publish(const std::string& uri);

  Sender send_;
  Logger log_;
  DocumentStore documents_;
  AnalysisScheduler scheduler_;
  ServerOptions options_;
  bool snippetSupport_ = false;
  std::set<std::string> cancelled_;  // dumped ids of requests cancelled before they were handled
  std::map<std::string, int> publishedVersion_;
  bool initialized_ = false;
  bool shutdownRequested_ = false;
  bool exitRequested_ = false;
  std::map<std::string, RequestHandler> requests_;
  std::map<std::string, NotificationHandler> notifications_;

  bool workDoneProgress_ = false;  // the client accepts window/workDoneProgress/create
  int nextServerRequest_ = 0;
  struct PendingProgress {
    enum class State { Waiting, Accepted, Refused };
    State state = State::Waiting;
    bool ended = false;                   // the run is over; forget the token once answered
    std::vector<WorkDoneProgress> queued;  // while Waiting
  };
  std::map<std::string, PendingProgress> progress_;         // by token, dumped
  std::map<std::string, std::string> progressRequests_;     // create request id -> token, dumped
  // The last failed run's diagnostics per spec, shown with the analysis' until a run passes.
  std::map<std::string, std::vector<Diagnostic>> testDiagnostics_;
  // The frontend's last rejection per spec, and its last verdict with the question it answered.
  std::map<std::string, std::vector<Diagnostic>> frontendDiagnostics_;
  struct LastVerdict {
    std::string cacheKey, specText;
    frontend::FrontendResolution resolution;
  };
  std::map<std::string, LastVerdict> lastVerdict_;
  std::map<std::string, std::vector<nlohmann::json>> verdictCommands_;  // dalec.verifySpec requests waiting
  std::set<std::string> untrustedSaid_;  // frontend images we said we do not run
  bool unavailableSaid_ = false;         // "no verdict" said since the last verdict
  // Last: destroyed first, so no run outlives what it reports to.
  FrontendVerdictJobs verdicts_;
  TestRunJobs testRuns_;
  // How long a request may wait for its document's didOpen (see requests_awaiting_open.h).
  static constexpr std::chrono::milliseconds kOpenGrace{1000};
  RequestsAwaitingOpen awaitingOpen_;
};

// Whether asking `image` for a verdict may run it: Dalec's published frontends, and `trusted`
// (images as written, or bare repositories, whose every tag is trusted).
bool frontendIsTrusted(const std::string& image, const std::vector<std::string>& trusted);

// Runs the server on this process's stdin/stdout until `exit` or end of input.
int serveStdio();

}  // namespace dalec::lsp
