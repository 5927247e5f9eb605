#include "features/code_actions.h"

#include "features/diagnostics.h"
#include "yaml/mapping_view.h"

namespace dalec::lsp {

namespace {

bool overlaps(const Range& a, const Range& b) {
  auto before = [](const Position& x, const Position& y) { return x.line < y.line || (x.line == y.line && x.character < y.character); };
  return !before(a.end, b.start) && !before(b.end, a.start);
}

// Where a new arg goes: after the last declared arg, or a new `args:` before the first key.
TextEdit declareArg(const FeatureContext& context, const std::string& name) {
  const spec::SpecModel& model = *context.model();
  const yaml::Node* args = yaml::lookup(model.root, "args");
  if (args && args->resolved() && args->resolved()->isMapping() && !model.args.empty()) {
    const spec::ArgDecl& last = model.args.back();
    const std::size_t line = context.lines().lineOf(std::max(last.key->range.end, last.value ? last.value->range.end : 0));
    const std::size_t insertAt = context.lines().lineEnd(line);
    const int column = context.lines().toRune(last.key->range.begin).column - 1;
    return {context.toRange({insertAt, insertAt}), "\n" + std::string(static_cast<std::size_t>(column), ' ') + name + ":"};
  }
  const std::size_t at = model.root->pairs.empty() ? 0 : context.lines().lineStart(context.lines().lineOf(model.root->pairs.front().key->range.begin));
  return {context.toRange({at, at}), "args:\n  " + name + ":\n\n"};
}

}  // namespace

std::vector<CodeAction> codeActions(const FeatureContext& context, Range range) {
  std::vector<CodeAction> out;
  const spec::SpecModel* model = context.model();
  if (!model) return out;
  const PublishDiagnosticsParams published = toPublishDiagnostics(context.uri, context.analysis);
  for (std::size_t i = 0; i < context.analysis.diagnostics.size(); ++i) {
    const analysis::Diagnostic& d = context.analysis.diagnostics[i];
    const Diagnostic& lspDiagnostic = published.diagnostics[i];
    if (!overlaps(lspDiagnostic.range, range)) continue;
    if (d.replacement) {
      CodeAction action;
      action.title = "Change to \"" + *d.replacement + "\"";
      action.diagnostics = {lspDiagnostic};
      action.edit.changes[context.uri] = {{lspDiagnostic.range, *d.replacement}};
      action.isPreferred = true;
      out.push_back(std::move(action));
    }
    const std::string name(context.text().substr(d.range.begin, d.range.end - d.range.begin));
    if (d.code == "undefined-arg" || d.code == "undeclared-builtin-arg" || d.code == "undeclared-arg") {
      CodeAction action;
      action.title = "Declare arg " + name + " under args";
      action.diagnostics = {lspDiagnostic};
      action.edit.changes[context.uri] = {declareArg(context, name)};
      out.push_back(std::move(action));
    }
    if (d.code == "unused-arg") {
      // Remove the whole declaration line (and its value lines).
      const spec::ArgDecl* arg = model->findArg(name);
      if (!arg) continue;
      const std::size_t first = context.lines().lineOf(arg->key->range.begin);
      const std::size_t last = context.lines().lineOf(std::max(arg->key->range.end, arg->value ? arg->value->range.end : 0));
      const std::size_t begin = context.lines().lineStart(first);
      const std::size_t end = last + 1 < context.lines().lineCount() ? context.lines().lineStart(last + 1) : context.lines().lineEnd(last);
      CodeAction action;
      action.title = "Remove unused arg " + name;
      action.diagnostics = {lspDiagnostic};
      action.edit.changes[context.uri] = {{context.toRange({begin, end}), ""}};
      out.push_back(std::move(action));
    }
  }
  return out;
}

}  // namespace dalec::lsp
