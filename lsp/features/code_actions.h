#pragma once
// Quick fixes: did-you-mean replacements (unknown key, arg, source, target), declaring an
// undefined arg, removing an unused one.
#include <vector>

#include "features/feature_context.h"
#include "protocol/language_features.h"

namespace dalec::lsp {

std::vector<CodeAction> codeActions(const FeatureContext& context, Range range);

}  // namespace dalec::lsp
