#pragma once
// Links for URLs in a spec: sources (git, http), the website, and any other http(s) value.
#include <vector>

#include "features/feature_context.h"
#include "protocol/language_features.h"

namespace dalec::lsp {

std::vector<DocumentLink> documentLinks(const FeatureContext& context);

}  // namespace dalec::lsp
