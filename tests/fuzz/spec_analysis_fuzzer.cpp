// Fuzzes the YAML parser's error recovery, the spec model, the schema walk and every analysis
// rule (what didOpen runs), then everything computed over the whole document: diagnostics as
// published, outline, folding, tokens, lenses, links and inlay hints. The resolved view is
// spec_resolution's.
#include "features/code_lens.h"
#include "features/diagnostics.h"
#include "features/document_links.h"
#include "features/document_symbols.h"
#include "features/inlay_hints.h"
#include "features/semantic_tokens.h"
#include "features/structure.h"
#include "spec_fuzz_session.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dalec;
  const std::string text = fuzz::documentText(data, size);
  const fuzz::AnalysedSpec spec(text);
  (void)lsp::toPublishDiagnostics(fuzz::kSpecUri, *spec.analysis);
  const spec::SpecModel* model = spec.context.model();
  if (!model) return 0;
  const lsp::FeatureContext& context = spec.context;
  (void)lsp::documentSymbols(context);
  (void)lsp::foldingRanges(context);
  (void)lsp::semanticTokens(context);
  (void)lsp::codeLenses(context);
  (void)lsp::documentLinks(context);
  (void)lsp::inlayHints(context, lsp::Range{{0, 0}, {1 << 20, 0}});
  return 0;
}
