#pragma once
// Lenses over each test ("Debug test") and each target ("Build target"), carrying what an editor
// needs to start dalec-dap on exactly that test or target.
#include <vector>

#include "features/feature_context.h"
#include "protocol/language_features.h"

namespace dalec::lsp {

std::vector<CodeLens> codeLenses(const FeatureContext& context);

}  // namespace dalec::lsp
