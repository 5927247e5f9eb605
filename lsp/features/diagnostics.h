#pragma once
// textDocument/publishDiagnostics: the core's diagnostics in LSP terms.
#include "protocol/lsp_types.h"
#include "server/document_store.h"

namespace dalec::lsp {

PublishDiagnosticsParams toPublishDiagnostics(const std::string& uri, const DocumentAnalysis& analysis);

}  // namespace dalec::lsp
