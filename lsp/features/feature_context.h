#pragma once
// What every feature reads: the document's analysis of its current version, position
// conversions, and what the client can do.
#include <string>

#include "protocol/lsp_types.h"
#include "server/document_store.h"
#include "spec/arg_values.h"
#include "text/line_index.h"

namespace dalec::lsp {

struct ClientSupport {
  bool snippets = false;  // completionItem.snippetSupport
};

struct FeatureContext {
  std::string uri;
  const DocumentAnalysis& analysis;
  ClientSupport client;
  // What ${ARG} stands for here (the settings' build args and platform), for hover and hints.
  spec::ArgEnvironment args = {};

  // Null when the document is not a Dalec spec: features then answer with nothing.
  const spec::SpecModel* model() const { return analysis.model.get(); }
  const LineIndex& lines() const { return analysis.model->document->lines(); }
  std::string_view text() const { return analysis.model->document->text(); }
  Range toRange(ByteRange range) const {
    Utf16Range r = lines().toUtf16(range);
    return {{r.start.line, r.start.character}, {r.end.line, r.end.character}};
  }
  std::size_t toOffset(Position p) const { return lines().fromUtf16({p.line, p.character}); }
};

}  // namespace dalec::lsp
