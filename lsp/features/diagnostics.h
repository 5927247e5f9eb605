#pragma once
// textDocument/publishDiagnostics: the core's diagnostics in LSP terms.
#include "protocol/lsp_types.h"
#include "server/document_store.h"

namespace dalec::lsp {

PublishDiagnosticsParams toPublishDiagnostics(const std::string& uri, const DocumentAnalysis& analysis);
// The same, with the user's per-code severity overrides applied ("off" drops the diagnostic).
PublishDiagnosticsParams toPublishDiagnostics(const std::string& uri, const DocumentAnalysis& analysis,
                                              const std::map<std::string, std::string>& severityOverrides);

}  // namespace dalec::lsp
