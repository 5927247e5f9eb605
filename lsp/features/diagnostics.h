#pragma once
// textDocument/publishDiagnostics: the core's diagnostics in LSP terms.
#include "protocol/lsp_types.h"
#include "server/document_store.h"

namespace dalec::lsp {

PublishDiagnosticsParams toPublishDiagnostics(const std::string& uri, const DocumentAnalysis& analysis);
// The same, with the user's settings applied: per-code severities ("off" drops the diagnostic)
// and extra built-in args, whose references are not reported as undeclared.
PublishDiagnosticsParams toPublishDiagnostics(const std::string& uri, const DocumentAnalysis& analysis,
                                              const ServerOptions& options);

}  // namespace dalec::lsp
