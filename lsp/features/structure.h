#pragma once
// Folding ranges and selection ranges, from the YAML tree.
#include <vector>

#include "features/feature_context.h"
#include "protocol/language_features.h"

namespace dalec::lsp {

std::vector<FoldingRange> foldingRanges(const FeatureContext& context);
std::vector<SelectionRange> selectionRanges(const FeatureContext& context, const std::vector<Position>& positions);

}  // namespace dalec::lsp
