#include "features/diagnostics.h"

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
                                              const std::map<std::string, std::string>& severityOverrides) {
  PublishDiagnosticsParams params = toPublishDiagnostics(uri, analysis);
  if (severityOverrides.empty()) return params;
  static const std::map<std::string, DiagnosticSeverity> levels = {{"error", DiagnosticSeverity::Error},
                                                                   {"warning", DiagnosticSeverity::Warning},
                                                                   {"info", DiagnosticSeverity::Information},
                                                                   {"hint", DiagnosticSeverity::Hint}};
  std::vector<Diagnostic> kept;
  for (Diagnostic& d : params.diagnostics) {
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
