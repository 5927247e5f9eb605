#pragma once
// Completion by context: keys valid where the cursor is (never one already present), enum and
// boolean values, ${ARG} names, source names where a source is named, target keys.
#include <vector>

#include "features/feature_context.h"
#include "protocol/language_features.h"

namespace dalec::lsp {

std::vector<CompletionItem> complete(const FeatureContext& context, const std::string& text, Position position);

}  // namespace dalec::lsp
