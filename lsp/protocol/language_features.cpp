#include "protocol/language_features.h"

namespace dalec::lsp {

namespace {
std::string uriOf(const nlohmann::json& j) { return j.at("textDocument").at("uri").get<std::string>(); }
}  // namespace

void from_json(const nlohmann::json& j, TextDocumentPositionParams& p) {
  p.uri = uriOf(j);
  p.position = j.at("position").get<Position>();
}
void from_json(const nlohmann::json& j, ReferenceParams& p) {
  from_json(j, static_cast<TextDocumentPositionParams&>(p));
  if (j.contains("context") && j["context"].is_object())
    p.includeDeclaration = j["context"].value("includeDeclaration", true);
}
void from_json(const nlohmann::json& j, RenameParams& p) {
  from_json(j, static_cast<TextDocumentPositionParams&>(p));
  p.newName = j.at("newName").get<std::string>();
}
void from_json(const nlohmann::json& j, RangeParams& p) {
  p.uri = uriOf(j);
  p.range = j.at("range").get<Range>();
}
void from_json(const nlohmann::json& j, SelectionRangeParams& p) {
  p.uri = uriOf(j);
  p.positions = j.at("positions").get<std::vector<Position>>();
}

void to_json(nlohmann::json& j, const Location& l) { j = {{"uri", l.uri}, {"range", l.range}}; }
void to_json(nlohmann::json& j, const TextEdit& e) { j = {{"range", e.range}, {"newText", e.newText}}; }
void to_json(nlohmann::json& j, const WorkspaceEdit& e) {
  nlohmann::json changes = nlohmann::json::object();
  for (const auto& [uri, edits] : e.changes) changes[uri] = edits;
  j = {{"changes", changes}};
}
void to_json(nlohmann::json& j, const CompletionItem& c) {
  j = {{"label", c.label}, {"kind", static_cast<int>(c.kind)}, {"textEdit", c.textEdit},
       {"insertTextFormat", c.snippet ? 2 : 1}};
  if (!c.detail.empty()) j["detail"] = c.detail;
  if (!c.documentation.empty()) j["documentation"] = {{"kind", "markdown"}, {"value", c.documentation}};
  if (!c.sortText.empty()) j["sortText"] = c.sortText;
}
void to_json(nlohmann::json& j, const Hover& h) {
  j = {{"contents", {{"kind", "markdown"}, {"value", h.markdown}}}, {"range", h.range}};
}
void to_json(nlohmann::json& j, const DocumentSymbol& s) {
  j = {{"name", s.name}, {"kind", static_cast<int>(s.kind)}, {"range", s.range}, {"selectionRange", s.selectionRange}};
  if (!s.detail.empty()) j["detail"] = s.detail;
  if (!s.children.empty()) j["children"] = s.children;
}
void to_json(nlohmann::json& j, const FoldingRange& f) { j = {{"startLine", f.startLine}, {"endLine", f.endLine}}; }
void to_json(nlohmann::json& j, const SelectionRange& s) {
  nlohmann::json chain = nullptr;
  for (auto it = s.parents.rbegin(); it != s.parents.rend(); ++it) {
    nlohmann::json link = {{"range", *it}};
    if (!chain.is_null()) link["parent"] = chain;
    chain = link;
  }
  j = {{"range", s.range}};
  if (!chain.is_null()) j["parent"] = chain;
}
void to_json(nlohmann::json& j, const Command& c) {
  j = {{"title", c.title}, {"command", c.command}, {"arguments", c.arguments}};
}
void to_json(nlohmann::json& j, const InlayHint& h) {
  j = {{"position", h.position}, {"label", h.label}, {"paddingLeft", h.paddingLeft}};
  if (h.kind != InlayHintKind::None) j["kind"] = static_cast<int>(h.kind);
}

void to_json(nlohmann::json& j, const CodeLens& c) { j = {{"range", c.range}, {"command", c.command}}; }
void to_json(nlohmann::json& j, const CodeAction& a) {
  j = {{"title", a.title}, {"kind", a.kind}, {"edit", a.edit}};
  if (!a.diagnostics.empty()) j["diagnostics"] = a.diagnostics;
  if (a.isPreferred) j["isPreferred"] = true;
}
void to_json(nlohmann::json& j, const DocumentHighlight& h) { j = {{"range", h.range}, {"kind", static_cast<int>(h.kind)}}; }
void to_json(nlohmann::json& j, const DocumentLink& l) { j = {{"range", l.range}, {"target", l.target}}; }

}  // namespace dalec::lsp
