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
                   "alias *" + alias.alias->aliasName + " refers to no anchor defined before it", false, std::nullopt});
  if (doc.root() && doc.errors().empty()) {
    const yaml::Node* root = doc.root()->resolved();
    if (root && !root->isMapping() && !root->isNull)
      out.push_back({root->range, Severity::Error, "wrong-type", "a Dalec spec must be a mapping of keys at the top level",
                     false, std::nullopt});
  }
}

}  // namespace dalec::analysis
