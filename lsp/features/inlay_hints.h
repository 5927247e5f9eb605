#pragma once
// textDocument/inlayHint: what Dalec makes of a value, written after it. `${VERSION}` gets the value
// it takes (spec/arg_values.h, as hover says it), an octal mode its rwx form, a decimal
// `permissions: 755` the octal mode it really is (0o1363), and a target's key what it does to the
// spec's own (spec/target_overrides.h: "replaces the spec's image.entrypoint").
#include <vector>

#include "features/feature_context.h"
#include "protocol/language_features.h"

namespace dalec::lsp {

std::vector<InlayHint> inlayHints(const FeatureContext& context, Range visible);

// "rwxr-xr-x" for 0755; setuid, setgid and sticky as ls shows them (rwsr-sr-t).
std::string symbolicMode(std::int64_t mode);

}  // namespace dalec::lsp
