#pragma once
// Definition, references, document highlights and rename for args, sources and tests.
#include <optional>
#include <string>
#include <vector>

#include "features/feature_context.h"
#include "protocol/language_features.h"

namespace dalec::lsp {

std::vector<Location> findDefinition(const FeatureContext& context, Position position);
std::vector<Location> findReferences(const FeatureContext& context, Position position, bool includeDeclaration);
std::vector<DocumentHighlight> findHighlights(const FeatureContext& context, Position position);

struct PrepareRenameResult {
  Range range;
  std::string placeholder;
};
std::optional<PrepareRenameResult> prepareRename(const FeatureContext& context, Position position);

struct RenameOutcome {
  std::optional<WorkspaceEdit> edit;
  std::string error;  // why the rename cannot be done (shown to the user)
};
RenameOutcome rename(const FeatureContext& context, Position position, const std::string& newName);

}  // namespace dalec::lsp
