// Fuzzes incremental edits: two range edits the input picks (where, how much to delete, what to
// insert: the fragments authors type, `${`, `: `, a list item, an anchor...) applied by the
// document store as didChange applies them, each version re-analysed, with hover, completion and
// inlay hints asked where the edit landed. Covers re-analysis of half-typed specs, and checks the
// store's incremental re-parse against a whole parse of each version: any difference aborts.
#include <algorithm>

#include "features/completion.h"
#include "features/hover.h"
#include "features/inlay_hints.h"
#include "spec_fuzz_session.h"
#include "text/line_index.h"
#include "yaml_tree_dump.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dalec;
  static const char* const kTyped[] = {"${", "}", ": ", "\n  - ", "&a ", "*a", "\"", "# c", "name: x\n", "\t", "", "\n",
                                       "VERSION", "0o755", "- name: t\n    files:\n"};
  lsp::DocumentStore store;
  store.open({fuzz::kSpecUri, "dalec", 1, fuzz::documentText(data, size)});
  // Analysed once open, as the server does on didOpen: the tree the first edit is spliced into.
  (void)store.analysisOf(fuzz::kSpecUri);
  std::uint64_t seed = fuzz::digest(store.find(fuzz::kSpecUri)->text);
  for (int version = 2; version < 4; ++version) {  // the second edits the tree the first one spliced
    const std::string& text = store.find(fuzz::kSpecUri)->text;
    const LineIndex lines(text);
    const std::size_t start = text.empty() ? 0 : seed % (text.size() + 1);
    const std::size_t removed = std::min<std::size_t>((seed >> 24) % 8, text.size() - start);
    const auto from = lines.toUtf16(start);
    const auto to = lines.toUtf16(start + removed);
    const lsp::Range range{{from.line, from.character}, {to.line, to.character}};
    store.change({fuzz::kSpecUri, version}, {{range, kTyped[(seed >> 32) % (sizeof kTyped / sizeof *kTyped)]}});
    const auto analysis = store.analysisOf(fuzz::kSpecUri);
    // Only a spliced tree can differ from a whole parse: one parsed whole (any text with a syntax
    // error, for one) is the whole parse, and comparing it with itself was two of each input's five
    // parses.
    const yaml::Document* tree = analysis->model ? analysis->model->document.get() : nullptr;
    if (tree && tree->spliced() && !testing::sameYamlTree(*tree, *yaml::parse(tree->text())))
      __builtin_trap();
    if (analysis->model) {
      const lsp::FeatureContext context{fuzz::kSpecUri, *analysis, lsp::ClientSupport{true}, spec::ArgEnvironment{{{"VERSION", "9"}}, ""}};
      (void)lsp::hoverAt(context, range.start);
      (void)lsp::complete(context, store.find(fuzz::kSpecUri)->text, range.start);
      // The hints of the lines around the edit, as an editor asks for the lines it shows.
      (void)lsp::inlayHints(context, lsp::Range{{std::max(0, range.start.line - 30), 0}, {range.start.line + 30, 0}});
    }
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
  }
  return 0;
}
