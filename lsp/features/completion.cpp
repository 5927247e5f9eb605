#include "features/completion.h"

#include <algorithm>

#include "schema/field_docs.h"
#include "spec/cursor_context.h"
#include "spec/target_catalog.h"
#include "yaml/mapping_view.h"

namespace dalec::lsp {

namespace {

using spec::CursorContext;

bool startsWith(const std::string& word, const std::string& prefix) {
  return word.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), word.begin(), [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

// The text a key completion inserts: "key: " for a scalar, or the key and an indented block for
// mappings and lists (as a snippet with the cursor inside when the client takes snippets).
std::string keyInsertText(const schema::FieldDef& field, std::size_t column, bool snippets) {
  const std::string indent(column + 2, ' ');
  switch (field.type->shape) {
    case schema::Shape::Object:
    case schema::Shape::Map: return snippets ? field.name + ":\n" + indent + "$0" : field.name + ":";
    case schema::Shape::List: return snippets ? field.name + ":\n" + indent + "- $0" : field.name + ":";
    default: return snippets ? field.name + ": $0" : field.name + ": ";
  }
}

void completeKeys(const FeatureContext& context, const LineIndex& lines, const CursorContext& cursor, std::vector<CompletionItem>& out) {
  const schema::TypeDef* type = cursor.type;
  if (!type) return;
  const Range replace = [&] {
    Utf16Range r = lines.toUtf16(cursor.replace);
    return Range{{r.start.line, r.start.character}, {r.end.line, r.end.character}};
  }();
  const std::size_t column = static_cast<std::size_t>(lines.toRune(cursor.replace.begin).column - 1);
  auto present = [&](const std::string& key) {
    return std::find(cursor.siblingKeys.begin(), cursor.siblingKeys.end(), key) != cursor.siblingKeys.end();
  };
  if (type->shape == schema::Shape::Object) {
    for (const schema::FieldDef& field : type->fields) {
      if (present(field.name) || !startsWith(field.name, cursor.prefix)) continue;
      CompletionItem item;
      item.label = field.name;
      item.kind = CompletionItemKind::Property;
      item.detail = schema::describeShape(*field.type) + (field.required ? " (required)" : "");
      item.documentation = std::string(schema::fieldDoc(*type, field));
      item.sortText = (field.required ? "0" : "1") + field.name;
      item.snippet = context.client.snippets;
      item.textEdit = {replace, keyInsertText(field, column, context.client.snippets)};
      out.push_back(std::move(item));
    }
    return;
  }
  if (type->shape != schema::Shape::Map || cursor.path.empty()) return;
  const std::string& mapField = cursor.path.back();
  if (type->id == "map:Target" && cursor.path.size() == 1) {
    for (const spec::TargetInfo& target : spec::knownTargets()) {
      std::string key(target.key);
      if (present(key) || !startsWith(key, cursor.prefix)) continue;
      static const char* kinds[] = {"rpm", "deb", "sysext", "windows", ""};
      out.push_back({key, CompletionItemKind::EnumMember, std::string("Dalec target (") + kinds[static_cast<int>(target.kind)] + ")",
                     "", "", {replace, key + ":"}, false});
    }
  } else if (mapField == "patches" && cursor.path.size() == 1 && context.model()) {
    for (const std::string& name : context.model()->sourceNames()) {
      if (present(name) || !startsWith(name, cursor.prefix)) continue;
      out.push_back({name, CompletionItemKind::Reference, "patch this source", "", "", {replace, name + ":"}, false});
    }
  }
}

void completeValues(const FeatureContext& context, const LineIndex& lines, const CursorContext& cursor,
                    std::vector<CompletionItem>& out) {
  if (!cursor.type) return;
  Utf16Range r = lines.toUtf16(cursor.replace);
  const Range replace{{r.start.line, r.start.character}, {r.end.line, r.end.character}};
  auto add = [&](const std::string& value, CompletionItemKind kind, const std::string& detail) {
    if (startsWith(value, cursor.prefix)) out.push_back({value, kind, detail, "", "", {replace, value}, false});
  };
  for (const std::string& value : cursor.type->enumValues) add(value, CompletionItemKind::EnumMember, "");
  if (cursor.type->shape == schema::Shape::Bool) {
    add("true", CompletionItemKind::Value, "");
    add("false", CompletionItemKind::Value, "");
  }
  if (cursor.field && (cursor.field->name == "permissions" || cursor.field->name == "mode")) {
    add("0o755", CompletionItemKind::Value, "rwxr-xr-x");
    add("0o644", CompletionItemKind::Value, "rw-r--r--");
  }
  // A patch's `source:` names a source.
  if (cursor.field && cursor.field->name == "source" && cursor.path.size() >= 2 && cursor.path[0] == "patches" && context.model())
    for (const spec::SourceDecl& source : context.model()->sources)
      add(source.name, CompletionItemKind::Reference, std::string(spec::sourceKindName(source.kind)) + " source");
}

void completeArgs(const FeatureContext& context, const std::string& text, const LineIndex& lines, const CursorContext& cursor,
                  std::vector<CompletionItem>& out) {
  Utf16Range r = lines.toUtf16(cursor.replace);
  const Range replace{{r.start.line, r.start.character}, {r.end.line, r.end.character}};
  const bool closed = cursor.replace.end < text.size() && text[cursor.replace.end] == '}';
  std::vector<std::string> seen;
  if (context.model()) {
    for (const spec::ArgDecl& arg : context.model()->args) {
      if (!startsWith(arg.name, cursor.prefix)) continue;
      std::string detail = arg.hasDefault() ? "default: " + arg.defaultText() : "no default";
      out.push_back({arg.name, CompletionItemKind::Variable, detail, "", "0" + arg.name, {replace, arg.name + (closed ? "" : "}")}, false});
      seen.push_back(arg.name);
    }
  }
  for (const std::string& name : spec::platformArgs()) {
    if (std::find(seen.begin(), seen.end(), name) != seen.end() || !startsWith(name, cursor.prefix)) continue;
    out.push_back({name, CompletionItemKind::Variable, "built-in: declare it under args (no default) to use it", "",
                   "1" + name, {replace, name + (closed ? "" : "}")}, false});
  }
}

}  // namespace

std::vector<CompletionItem> complete(const FeatureContext& context, const std::string& text, Position position) {
  std::vector<CompletionItem> out;
  // Completion reads the current text, not only the last analysed tree: the line being typed
  // rarely parses.
  LineIndex lines(text);
  const std::size_t offset = lines.fromUtf16({position.line, position.character});
  CursorContext cursor = spec::cursorContext(text, offset);
  switch (cursor.kind) {
    case CursorContext::Kind::Key: completeKeys(context, lines, cursor, out); break;
    case CursorContext::Kind::Value: completeValues(context, lines, cursor, out); break;
    case CursorContext::Kind::ArgReference: completeArgs(context, text, lines, cursor, out); break;
    case CursorContext::Kind::None: break;
  }
  return out;
}

}  // namespace dalec::lsp
