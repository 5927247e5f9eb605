#include "features/navigation.h"

#include "spec/symbols.h"

namespace dalec::lsp {

namespace {

std::optional<spec::SymbolOccurrence> symbolUnder(const FeatureContext& context, Position position) {
  if (!context.model()) return std::nullopt;
  return spec::symbolAt(*context.model(), context.toOffset(position));
}

}  // namespace

std::vector<Location> findDefinition(const FeatureContext& context, Position position) {
  std::vector<Location> out;
  auto symbol = symbolUnder(context, position);
  if (!symbol) return out;
  for (const auto& o : spec::occurrencesOf(*context.model(), symbol->kind, symbol->name))
    if (o.isDeclaration) out.push_back({context.uri, context.toRange(o.range)});
  return out;
}

std::vector<Location> findReferences(const FeatureContext& context, Position position, bool includeDeclaration) {
  std::vector<Location> out;
  auto symbol = symbolUnder(context, position);
  if (!symbol) return out;
  for (const auto& o : spec::occurrencesOf(*context.model(), symbol->kind, symbol->name))
    if (includeDeclaration || !o.isDeclaration) out.push_back({context.uri, context.toRange(o.range)});
  return out;
}

std::vector<DocumentHighlight> findHighlights(const FeatureContext& context, Position position) {
  std::vector<DocumentHighlight> out;
  auto symbol = symbolUnder(context, position);
  if (!symbol) return out;
  for (const auto& o : spec::occurrencesOf(*context.model(), symbol->kind, symbol->name))
    out.push_back({context.toRange(o.range), o.isDeclaration ? HighlightKind::Write : HighlightKind::Read});
  return out;
}

std::optional<PrepareRenameResult> prepareRename(const FeatureContext& context, Position position) {
  auto symbol = symbolUnder(context, position);
  if (!symbol || symbol->kind == spec::SymbolKind::Target) return std::nullopt;
  return PrepareRenameResult{context.toRange(symbol->range), symbol->name};
}

RenameOutcome rename(const FeatureContext& context, Position position, const std::string& newName) {
  auto symbol = symbolUnder(context, position);
  if (!symbol) return {std::nullopt, "nothing to rename here: place the cursor on an arg, a source or a test name"};
  if (auto problem = spec::renameProblem(*context.model(), *symbol, newName)) return {std::nullopt, *problem};
  WorkspaceEdit edit;
  for (const auto& o : spec::occurrencesOf(*context.model(), symbol->kind, symbol->name))
    edit.changes[context.uri].push_back({context.toRange(o.range), newName});
  return {edit, ""};
}

}  // namespace dalec::lsp
