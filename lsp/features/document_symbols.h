#pragma once
// The outline: args, sources, patches, build steps, targets, tests with their steps and checks.
#include <vector>

#include "features/feature_context.h"
#include "protocol/language_features.h"

namespace dalec::lsp {

std::vector<DocumentSymbol> documentSymbols(const FeatureContext& context);

}  // namespace dalec::lsp
