// Fuzzes every position-taking feature (completion, hover, navigation, rename, selection, code
// actions) at three positions the input picks: a line and a column from its digest, one of them
// past the line's end.
#include "features/code_actions.h"
#include "features/completion.h"
#include "features/hover.h"
#include "features/navigation.h"
#include "features/structure.h"
#include "spec_fuzz_session.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dalec;
  const std::string text = fuzz::documentText(data, size);
  const fuzz::AnalysedSpec spec(text);
  if (!spec.context.model()) return 0;
  const lsp::FeatureContext& context = spec.context;
  const std::uint64_t seed = fuzz::digest(text);
  const auto lineCount = static_cast<std::uint64_t>(context.lines().lineCount());
  for (int i = 0; i < 3; ++i) {
    const std::uint64_t bits = seed >> (i * 20);
    const auto line = static_cast<int>((bits & 0xffff) % (lineCount + 1));
    const int character = i == 2 ? 400 : static_cast<int>((bits >> 16) & 0x3f);
    const lsp::Position at{line, character};
    (void)lsp::complete(context, text, at);
    (void)lsp::hoverAt(context, at);
    (void)lsp::findDefinition(context, at);
    (void)lsp::findReferences(context, at, true);
    (void)lsp::findHighlights(context, at);
    (void)lsp::prepareRename(context, at);
    (void)lsp::rename(context, at, "RENAMED");
    (void)lsp::selectionRanges(context, {at});
    (void)lsp::codeActions(context, lsp::Range{at, at});
  }
  return 0;
}
