#include "protocol/lsp_types.h"

#include <algorithm>

#include "buildkit/routes/connection_settings_json.h"

namespace dalec::lsp {

namespace {
// Reads a required member, failing with a message that names it (turned into InvalidParams).
template <typename T>
T required(const nlohmann::json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) throw nlohmann::json::other_error::create(501, std::string("missing '") + key + "'", &j);
  return j.at(key).get<T>();
}
}  // namespace

void from_json(const nlohmann::json& j, Position& p) {
  p.line = required<int>(j, "line");
  p.character = required<int>(j, "character");
}
void to_json(nlohmann::json& j, const Position& p) { j = {{"line", p.line}, {"character", p.character}}; }
void from_json(const nlohmann::json& j, Range& r) {
  r.start = required<Position>(j, "start");
  r.end = required<Position>(j, "end");
}
void to_json(nlohmann::json& j, const Range& r) { j = {{"start", r.start}, {"end", r.end}}; }

void from_json(const nlohmann::json& j, TextDocumentItem& t) {
  t.uri = required<std::string>(j, "uri");
  t.languageId = j.is_object() && j.contains("languageId") && j["languageId"].is_string() ? j["languageId"].get<std::string>() : "";
  t.version = required<int>(j, "version");
  t.text = required<std::string>(j, "text");
}
void from_json(const nlohmann::json& j, VersionedTextDocumentIdentifier& t) {
  t.uri = required<std::string>(j, "uri");
  t.version = required<int>(j, "version");
}
void from_json(const nlohmann::json& j, TextDocumentContentChangeEvent& c) {
  c.text = required<std::string>(j, "text");
  if (j.contains("range") && !j["range"].is_null()) c.range = j["range"].get<Range>();
}
void from_json(const nlohmann::json& j, DidOpenTextDocumentParams& p) {
  p.textDocument = required<TextDocumentItem>(j, "textDocument");
}
void from_json(const nlohmann::json& j, DidChangeTextDocumentParams& p) {
  p.textDocument = required<VersionedTextDocumentIdentifier>(j, "textDocument");
  p.contentChanges = required<std::vector<TextDocumentContentChangeEvent>>(j, "contentChanges");
}
void from_json(const nlohmann::json& j, DidCloseTextDocumentParams& p) {
  p.uri = required<std::string>(required<nlohmann::json>(j, "textDocument"), "uri");
}
void from_json(const nlohmann::json& j, CancelParams& p) { p.id = required<nlohmann::json>(j, "id"); }

void from_json(const nlohmann::json& j, InitializeParams& p) {
  if (!j.is_object()) throw nlohmann::json::other_error::create(501, "initialize params must be an object", &j);
  if (j.contains("processId") && j["processId"].is_number_integer()) p.processId = j["processId"].get<int>();
  if (j.contains("rootUri") && j["rootUri"].is_string()) p.rootUri = j["rootUri"].get<std::string>();
  if (j.contains("initializationOptions")) p.initializationOptions = j["initializationOptions"];
  const nlohmann::json* encodings = nullptr;
  if (j.contains("capabilities") && j["capabilities"].is_object() && j["capabilities"].contains("general") &&
      j["capabilities"]["general"].is_object() && j["capabilities"]["general"].contains("positionEncodings"))
    encodings = &j["capabilities"]["general"]["positionEncodings"];
  const nlohmann::json* completion = nullptr;
  if (j.contains("capabilities") && j["capabilities"].is_object() && j["capabilities"].contains("textDocument") &&
      j["capabilities"]["textDocument"].is_object() && j["capabilities"]["textDocument"].contains("completion"))
    completion = &j["capabilities"]["textDocument"]["completion"];
  if (completion && completion->is_object() && completion->contains("completionItem") && (*completion)["completionItem"].is_object())
    p.snippetSupport = (*completion)["completionItem"].value("snippetSupport", false);
  if (j.contains("capabilities") && j["capabilities"].is_object() && j["capabilities"].contains("window") &&
      j["capabilities"]["window"].is_object())
    p.workDoneProgress = j["capabilities"]["window"].contains("workDoneProgress") &&
                         j["capabilities"]["window"]["workDoneProgress"].is_boolean() && j["capabilities"]["window"]["workDoneProgress"].get<bool>();
  if (encodings && encodings->is_array())
    for (const auto& e : *encodings)
      if (e.is_string()) p.positionEncodings.push_back(e.get<std::string>());
}

ServerOptions readServerOptions(const nlohmann::json& options) {
  ServerOptions result;
  if (options.is_object() && options.contains("diagnosticsDelayMs") && options["diagnosticsDelayMs"].is_number_integer())
    result.diagnosticsDelayMs = std::clamp(options["diagnosticsDelayMs"].get<int>(), 0, 10000);
  if (options.is_object() && options.contains("severity") && options["severity"].is_object())
    for (const auto& [code, level] : options["severity"].items())
      if (level.is_string()) result.severity[code] = level.get<std::string>();
  if (options.is_object() && options.contains("extraBuiltinArgs") && options["extraBuiltinArgs"].is_array())
    for (const auto& name : options["extraBuiltinArgs"])
      if (name.is_string()) result.extraBuiltinArgs.push_back(name.get<std::string>());
  auto text = [](const nlohmann::json& object, const char* key) {
    return object.is_object() && object.contains(key) && object[key].is_string() ? object[key].get<std::string>() : std::string();
  };
  if (options.is_object()) {
    const nlohmann::json buildkit = options.value("buildkit", nlohmann::json::object());
    const nlohmann::json test = options.value("test", nlohmann::json::object());
    result.buildkit = buildkit::connectionSettingsFrom(buildkit);
    result.testFrontendImage = text(test, "frontendImage");
    result.testContextDir = text(test, "contextDir");
    result.platform = text(options, "platform");
    // The VS Code extension's dalec.defaultTarget serves F5 and lenses alike.
    result.testTarget = text(test, "target").empty() ? text(options, "defaultTarget") : text(test, "target");
    auto stringMap = [&](const char* key, std::map<std::string, std::string>& into) {
      if (test.is_object() && test.contains(key) && test[key].is_object())
        for (const auto& [name, value] : test[key].items())
          if (value.is_string()) into[name] = value.get<std::string>();
    };
    stringMap("buildArgs", result.testBuildArgs);
    stringMap("buildContexts", result.testBuildContexts);
    const nlohmann::json frontend = options.value("frontend", nlohmann::json::object());
    const std::string verdict = text(frontend, "verdict");
    if (verdict == "off" || verdict == "onSave" || verdict == "onChange") result.frontendVerdict = verdict;
    if (frontend.is_object() && frontend.contains("trustedImages") && frontend["trustedImages"].is_array())
      for (const auto& image : frontend["trustedImages"])
        if (image.is_string()) result.trustedFrontendImages.push_back(image.get<std::string>());
  }
  return result;
}

frontend::FrontendOptions frontendOptionsOf(const ServerOptions& options) {
  frontend::FrontendOptions out;
  out.frontendImage = options.testFrontendImage;
  out.buildArgs = options.testBuildArgs;
  out.buildContexts = options.testBuildContexts;
  out.contextDir = options.testContextDir;
  return out;
}

void to_json(nlohmann::json& j, const Diagnostic& d) {
  j = {{"range", d.range},
       {"severity", static_cast<int>(d.severity)},
       {"code", d.code},
       {"source", d.source},
       {"message", d.message}};
  if (d.unnecessary) j["tags"] = {1};
  if (!d.data.is_null()) j["data"] = d.data;
}

void to_json(nlohmann::json& j, const PublishDiagnosticsParams& p) {
  j = {{"uri", p.uri}, {"diagnostics", p.diagnostics}};
  if (p.version) j["version"] = *p.version;
}

}  // namespace dalec::lsp
