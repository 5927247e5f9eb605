#pragma once
// Typed LSP 3.17 structures the server reads and writes, with their JSON mapping. Features work
// on these structs; raw JSON stays in this file and in the transport.
#include <nlohmann/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "buildkit/routes/daemon_routes.h"
#include "frontend/frontend_request.h"

namespace dalec::lsp {

struct Position {
  int line = 0;
  int character = 0;
  friend bool operator==(const Position&, const Position&) = default;
};
struct Range {
  Position start;
  Position end;
  friend bool operator==(const Range&, const Range&) = default;
};

struct TextDocumentItem {
  std::string uri;
  std::string languageId;
  int version = 0;
  std::string text;
};

struct VersionedTextDocumentIdentifier {
  std::string uri;
  int version = 0;
};

struct TextDocumentContentChangeEvent {
  std::optional<Range> range;  // absent: the whole document is replaced
  std::string text;
};

struct DidOpenTextDocumentParams {
  TextDocumentItem textDocument;
};
struct DidChangeTextDocumentParams {
  VersionedTextDocumentIdentifier textDocument;
  std::vector<TextDocumentContentChangeEvent> contentChanges;
};
struct DidCloseTextDocumentParams {
  std::string uri;
};

struct CancelParams {
  nlohmann::json id;
};

struct InitializeParams {
  std::optional<int> processId;
  std::string rootUri;
  std::vector<std::string> positionEncodings;  // general.positionEncodings offered by the client
  bool snippetSupport = false;                 // textDocument.completion.completionItem.snippetSupport
  bool workDoneProgress = false;               // window.workDoneProgress: the server may create progress
  nlohmann::json initializationOptions;
};

struct ServerOptions {
  int diagnosticsDelayMs = 50;  // debounce after an edit before re-analysing
  // Per diagnostic code: "error", "warning", "info", "hint" or "off".
  std::map<std::string, std::string> severity;
  // Arg names a team's builds always pass (e.g. from a wrapper); never reported as undeclared.
  std::vector<std::string> extraBuiltinArgs;
  // Test runs (dalec.runTests): which BuildKit (dalec.buildkit: address, builder, tls; else the
  // default routes of buildkit/routes/daemon_routes.h), which frontend image
  // runs the tests (else the spec's `# syntax=` line), the target when the lens names none, build
  // args, and the build context directory (else the spec's own).
  buildkit::ConnectionSettings buildkit;
  std::string testFrontendImage;
  std::string testTarget;
  std::map<std::string, std::string> testBuildArgs;
  std::map<std::string, std::string> testBuildContexts;
  std::string testContextDir;
  // The platform ${TARGETARCH} and the other platform args stand for in hints and hover (empty:
  // this machine's, e.g. linux/amd64).
  std::string platform;
  // The frontend's own verdict on a spec (server/language_server_verdicts.cpp): when to ask it
  // ("off", "onSave" or "onChange"), and the frontend images, besides Dalec's own, that may be run
  // to answer: asking runs the image the spec names.
  std::string frontendVerdict = "onSave";
  std::vector<std::string> trustedFrontendImages;
};
ServerOptions readServerOptions(const nlohmann::json& initializationOptions);
// What the settings say about handing a spec to its frontend: image, build args, contexts, context
// directory; test runs and the frontend's verdict read the same ones.
frontend::FrontendOptions frontendOptionsOf(const ServerOptions& options);

enum class DiagnosticSeverity { Error = 1, Warning = 2, Information = 3, Hint = 4 };

struct Diagnostic {
  Range range;
  DiagnosticSeverity severity = DiagnosticSeverity::Error;
  std::string code;
  std::string source = "dalec";
  std::string message;
  bool unnecessary = false;
  nlohmann::json data;  // quick-fix payload (replacement text), when there is one
};

struct PublishDiagnosticsParams {
  std::string uri;
  std::optional<int> version;
  std::vector<Diagnostic> diagnostics;
};

void from_json(const nlohmann::json& j, Position& p);
void to_json(nlohmann::json& j, const Position& p);
void from_json(const nlohmann::json& j, Range& r);
void to_json(nlohmann::json& j, const Range& r);
void from_json(const nlohmann::json& j, TextDocumentItem& t);
void from_json(const nlohmann::json& j, VersionedTextDocumentIdentifier& t);
void from_json(const nlohmann::json& j, TextDocumentContentChangeEvent& c);
void from_json(const nlohmann::json& j, DidOpenTextDocumentParams& p);
void from_json(const nlohmann::json& j, DidChangeTextDocumentParams& p);
void from_json(const nlohmann::json& j, DidCloseTextDocumentParams& p);
void from_json(const nlohmann::json& j, CancelParams& p);
void from_json(const nlohmann::json& j, InitializeParams& p);
void to_json(nlohmann::json& j, const Diagnostic& d);
void to_json(nlohmann::json& j, const PublishDiagnosticsParams& p);

}  // namespace dalec::lsp
