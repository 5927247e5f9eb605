#pragma once
// Hover: what a key means, an arg's declaration and default, a source's kind and origin.
#include <optional>

#include "features/feature_context.h"
#include "protocol/language_features.h"

namespace dalec::lsp {

std::optional<Hover> hoverAt(const FeatureContext& context, Position position);

}  // namespace dalec::lsp
