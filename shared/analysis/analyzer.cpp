#include "analysis/analyzer.h"

#include <algorithm>
#include <tuple>

namespace dalec::analysis {

const char* severityName(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Information: return "info";
    case Severity::Hint: return "hint";
  }
  return "error";
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string didYouMean(const std::optional<std::string>& suggestion) {
  return suggestion ? "; did you mean " + quoted(*suggestion) + "?" : "";
}

std::vector<Diagnostic> analyze(const spec::SpecModel& model) {
  std::vector<Diagnostic> out;
  checkYamlSyntax(model, out);
  checkSchema(model, out);
  checkArgs(model, out);
  checkSources(model, out);
  checkTests(model, out);
  checkPackage(model, out);
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.range.begin, a.range.end) < std::tie(b.range.begin, b.range.end);
  });
  // An anchor reached through several aliases is checked once, but rules reading the model may
  // still meet the same node twice; say each thing once.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Diagnostic& a, const Diagnostic& b) {
                          return a.range == b.range && a.code == b.code && a.message == b.message;
                        }),
            out.end());
  return out;
}

namespace {

// A block scalar whose first line is not indented past its key. YAML ends the scalar before such a
// line, and goccy/go-yaml (Dalec's parser) does: the key's value is empty and the line is read as
// more of the mapping. libfyaml, our parser, reads it as the scalar's text, so without this check
// we would show nothing where Dalec rejects the spec or, worse, drops the text.
void checkBlockScalarIndent(const yaml::Document& doc, const yaml::Node* node, std::vector<Diagnostic>& out) {
  if (!node || node->isAlias()) return;
  for (const yaml::Node* item : node->items) checkBlockScalarIndent(doc, item, out);
  for (const yaml::Pair& pair : node->pairs) {
    checkBlockScalarIndent(doc, pair.value, out);
    const yaml::Node* value = pair.value;
    if (!pair.key || !value || !value->isScalar() ||
        (value->style != yaml::ScalarStyle::Literal && value->style != yaml::ScalarStyle::Folded))
      continue;
    const std::string_view text = doc.text();
    const std::size_t indicator = value->range.begin;
    const std::size_t keyLineStart = text.rfind('\n', pair.key->range.begin) == std::string_view::npos
                                         ? 0
                                         : text.rfind('\n', pair.key->range.begin) + 1;
    const std::size_t keyColumn = pair.key->range.begin - keyLineStart;
    // An explicit indentation indicator (|2) decides by itself.
    if (indicator + 1 < text.size() && text[indicator + 1] >= '1' && text[indicator + 1] <= '9') continue;
    std::size_t line = text.find('\n', indicator);
    while (line != std::string_view::npos) {
      const std::size_t start = line + 1;
      std::size_t first = start;
      while (first < text.size() && text[first] == ' ') ++first;
      if (first >= text.size()) break;
      if (text[first] == '\n' || text[first] == '\r') {  // blank lines belong to the scalar
        line = text.find('\n', first);
        continue;
      }
      if (first - start > keyColumn || first >= value->range.end) break;
      std::size_t end = text.find('\n', first);
      if (end == std::string_view::npos) end = text.size();
      while (end > first && (text[end - 1] == '\r' || text[end - 1] == ' ')) --end;
      out.push_back({{first, end}, Severity::Error, "yaml-syntax",
                     "this line is not indented past " + quoted(pair.key->value) +
                         ", so YAML (and Dalec) ends the block scalar before it: " + quoted(pair.key->value) +
                         " is read as empty and this line as a key of its own; indent it further",
                     false, std::nullopt});
      break;
    }
  }
}

}  // namespace

void checkYamlSyntax(const spec::SpecModel& model, std::vector<Diagnostic>& out) {
  const yaml::Document& doc = *model.document;
  for (const yaml::SyntaxError& error : doc.errors())
    out.push_back({error.range, Severity::Error, "yaml-syntax", error.message, false, std::nullopt});
  for (const yaml::DuplicateKey& dup : doc.duplicates()) {
    const int firstLine = doc.lines().toRune(dup.first->range.begin).line;
    out.push_back({dup.key->range, Severity::Error, "duplicate-key",
                   "duplicate key " + quoted(dup.key->value) + " (first defined on line " + std::to_string(firstLine) + ")",
                   false, std::nullopt});
  }
  for (const yaml::UnknownAlias& alias : doc.unknownAliases())
    out.push_back({alias.alias->range, Severity::Error, "unknown-anchor",
                   "alias *" + alias.alias->aliasName() + " refers to no anchor defined before it", false, std::nullopt});
  checkBlockScalarIndent(doc, doc.root(), out);
  if (doc.root() && doc.errors().empty()) {
    const yaml::Node* root = doc.root()->resolved();
    if (root && !root->isMapping() && !root->isNull)
      out.push_back({root->range, Severity::Error, "wrong-type", "a Dalec spec must be a mapping of keys at the top level",
                     false, std::nullopt});
  }
}

}  // namespace dalec::analysis
