// Fuzzes the YAML parser's error recovery, the spec model, the schema walk and every analysis
// rule (didOpen of the input), and the requests over the whole document: outline, folding,
// tokens, lenses, links and inlay hints.
#include "spec_fuzz_session.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  dalec::fuzz::SpecSession session(data, size);
  for (const char* method : {"textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/semanticTokens/full",
                             "textDocument/codeLens", "textDocument/documentLink"})
    session.ask(method);
  session.ask("textDocument/inlayHint", {{"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 1 << 20}, {"character", 0}}}}}});
  return 0;
}
