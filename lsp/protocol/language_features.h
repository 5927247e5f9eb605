#pragma once
// Typed structures of the language features (completion, hover, navigation, symbols, lenses,
// actions, links, semantic tokens) and their JSON mapping.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "protocol/lsp_types.h"

namespace dalec::lsp {

struct TextDocumentPositionParams {
  std::string uri;
  Position position;
};
struct ReferenceParams : TextDocumentPositionParams {
  bool includeDeclaration = true;
};
struct RenameParams : TextDocumentPositionParams {
  std::string newName;
};
struct RangeParams {  // codeAction and selection-style requests that carry a range
  std::string uri;
  Range range;
};
struct SelectionRangeParams {
  std::string uri;
  std::vector<Position> positions;
};

struct Location {
  std::string uri;
  Range range;
};
struct TextEdit {
  Range range;
  std::string newText;
};
struct WorkspaceEdit {
  std::map<std::string, std::vector<TextEdit>> changes;
};

enum class CompletionItemKind { Property = 10, Variable = 6, Value = 12, EnumMember = 20, Reference = 18, Module = 9 };
struct CompletionItem {
  std::string label;
  CompletionItemKind kind = CompletionItemKind::Property;
  std::string detail;
  std::string documentation;  // markdown
  std::string sortText;
  TextEdit textEdit;
  bool snippet = false;
};

struct Hover {
  std::string markdown;
  Range range;
};

enum class SymbolKindLsp { Module = 2, Namespace = 3, Package = 4, Class = 5, Method = 6, Property = 7, Field = 8,
                           Function = 12, Variable = 13, Object = 19, Event = 24 };
struct DocumentSymbol {
  std::string name;
  std::string detail;
  SymbolKindLsp kind = SymbolKindLsp::Object;
  Range range;
  Range selectionRange;
  std::vector<DocumentSymbol> children;
};

struct FoldingRange {
  int startLine = 0;
  int endLine = 0;
};

struct SelectionRange {
  Range range;
  std::vector<Range> parents;  // innermost first; serialised as the nested "parent" chain
};

struct Command {
  std::string title;
  std::string command;
  nlohmann::json arguments = nlohmann::json::array();
};
struct CodeLens {
  Range range;
  Command command;
};
struct CodeAction {
  std::string title;
  std::string kind = "quickfix";
  std::vector<Diagnostic> diagnostics;
  WorkspaceEdit edit;
  bool isPreferred = false;
};

enum class HighlightKind { Text = 1, Read = 2, Write = 3 };
struct DocumentHighlight {
  Range range;
  HighlightKind kind = HighlightKind::Text;
};

enum class InlayHintKind { None = 0, Type = 1, Parameter = 2 };
struct InlayHint {
  Position position;
  std::string label;
  InlayHintKind kind = InlayHintKind::Type;
  bool paddingLeft = true;
};

struct DocumentLink {
  Range range;
  std::string target;
};

void from_json(const nlohmann::json& j, TextDocumentPositionParams& p);
void from_json(const nlohmann::json& j, ReferenceParams& p);
void from_json(const nlohmann::json& j, RenameParams& p);
void from_json(const nlohmann::json& j, RangeParams& p);
void from_json(const nlohmann::json& j, SelectionRangeParams& p);
void to_json(nlohmann::json& j, const Location& l);
void to_json(nlohmann::json& j, const TextEdit& e);
void to_json(nlohmann::json& j, const WorkspaceEdit& e);
void to_json(nlohmann::json& j, const CompletionItem& c);
void to_json(nlohmann::json& j, const Hover& h);
void to_json(nlohmann::json& j, const DocumentSymbol& s);
void to_json(nlohmann::json& j, const FoldingRange& f);
void to_json(nlohmann::json& j, const SelectionRange& s);
void to_json(nlohmann::json& j, const Command& c);
void to_json(nlohmann::json& j, const CodeLens& c);
void to_json(nlohmann::json& j, const CodeAction& a);
void to_json(nlohmann::json& j, const DocumentHighlight& h);
void to_json(nlohmann::json& j, const DocumentLink& l);
void to_json(nlohmann::json& j, const InlayHint& h);

}  // namespace dalec::lsp
