#pragma once
// Semantic tokens for ${ARG} references: declared args, Dalec's built-in args, unresolved ones.
#include <nlohmann/json.hpp>
#include <vector>

#include "features/feature_context.h"

namespace dalec::lsp {

// The legend advertised in initialize.
nlohmann::json semanticTokensLegend();
// LSP's relative encoding: 5 integers per token.
std::vector<int> semanticTokens(const FeatureContext& context);

}  // namespace dalec::lsp
