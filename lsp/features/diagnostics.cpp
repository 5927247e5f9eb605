#include "features/diagnostics.h"

#include <algorithm>

namespace dalec::lsp {

PublishDiagnosticsParams toPublishDiagnostics(const std::string& uri, const DocumentAnalysis& analysis) {
  PublishDiagnosticsParams params;
  params.uri = uri;
  params.version = analysis.version;
  if (!analysis.model) return params;
  const LineIndex& lines = analysis.model->document->lines();
  for (const analysis::Diagnostic& d : analysis.diagnostics) {
    Diagnostic out;
    const Utf16Range range = lines.toUtf16(d.range);
    out.range = {{range.start.line, range.start.character}, {range.end.line, range.end.character}};
    out.severity = static_cast<DiagnosticSeverity>(d.severity);
    out.code = d.code;
    out.message = d.message;
    out.unnecessary = d.unnecessary;
    if (d.replacement) out.data = {{"replacement", *d.replacement}};
    params.diagnostics.push_back(std::move(out));
  }
  return params;
}

}  // namespace dalec::lsp

namespace dalec::lsp {

PublishDiagnosticsParams toPublishDiagnostics(const std::string& uri, const DocumentAnalysis& analysis,
                                              const ServerOptions& options) {
  PublishDiagnosticsParams params = toPublishDiagnostics(uri, analysis);
  const auto& severityOverrides = options.severity;
  if (severityOverrides.empty() && options.extraBuiltinArgs.empty()) return params;
  static const std::map<std::string, DiagnosticSeverity> levels = {{"error", DiagnosticSeverity::Error},
                                                                   {"warning", DiagnosticSeverity::Warning},
                                                                   {"info", DiagnosticSeverity::Information},
                                                                   {"hint", DiagnosticSeverity::Hint}};
  std::vector<Diagnostic> kept;
  for (std::size_t i = 0; i < params.diagnostics.size(); ++i) {
    Diagnostic& d = params.diagnostics[i];
    if (d.code == "undefined-arg" && analysis.model) {
      const ByteRange r = analysis.diagnostics[i].range;
      const std::string name(analysis.model->document->slice(r));
      if (std::find(options.extraBuiltinArgs.begin(), options.extraBuiltinArgs.end(), name) != options.extraBuiltinArgs.end()) continue;
    }
    auto override = severityOverrides.find(d.code);
    if (override != severityOverrides.end()) {
      if (override->second == "off") continue;
      if (auto level = levels.find(override->second); level != levels.end()) d.severity = level->second;
    }
    kept.push_back(std::move(d));
  }
  params.diagnostics = std::move(kept);
  return params;
}

}  // namespace dalec::lsp
