// Fuzzes an edit as the server meets it: the document opened and parsed, then one range edit the
// input picks (the fragments authors type) applied by the document store as didChange applies it,
// the new version re-analysed, and hover, completion and inlay hints asked where the edit landed.
// Covers re-analysis of half-typed specs, and checks the store's incremental re-parse against a
// whole parse of the new version: any difference aborts. Chains of edits, each re-parsing the tree
// the one before spliced, are spec_edit_chains' (at the YAML layer, where they differ).
#include <algorithm>

#include "features/completion.h"
#include "features/hover.h"
#include "features/inlay_hints.h"
#include "spec_fuzz_session.h"
#include "text/line_index.h"
#include "yaml/node.h"
#include "yaml_tree_dump.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dalec;
  lsp::DocumentStore store;
  store.open({fuzz::kSpecUri, "dalec", 1, fuzz::documentText(data, size)});
  // The tree the server's didOpen analysis leaves for the edit to be spliced into. That analysis
  // itself is spec_analysis' to fuzz (the same function on the same inputs), so only its parse runs.
  lsp::OpenDocument& opened = *store.find(fuzz::kSpecUri);
  opened.lastTree = yaml::parse(opened.text);
  const std::string& text = opened.text;
  const fuzz::TypedEdit edit = fuzz::typedEdit(text, fuzz::digest(text));
  const LineIndex lines(text);
  const auto from = lines.toUtf16(edit.begin);
  const auto to = lines.toUtf16(edit.begin + edit.removed);
  const lsp::Range range{{from.line, from.character}, {to.line, to.character}};
  store.change({fuzz::kSpecUri, 2}, {{range, std::string(edit.inserted)}});
  const auto analysis = store.analysisOf(fuzz::kSpecUri);
  // Only a spliced tree can differ from a whole parse: one parsed whole (most texts with a syntax
  // error, for one) is the whole parse.
  const yaml::Document* tree = analysis->model ? analysis->model->document.get() : nullptr;
  if (tree && tree->spliced() && !testing::sameYamlTree(*tree, *yaml::parse(tree->text()))) __builtin_trap();
  if (!analysis->model) return 0;
  const lsp::FeatureContext context{fuzz::kSpecUri, *analysis, lsp::ClientSupport{true}, spec::ArgEnvironment{{{"VERSION", "9"}}, ""}};
  (void)lsp::hoverAt(context, range.start);
  (void)lsp::complete(context, store.find(fuzz::kSpecUri)->text, range.start);
  // The hints of the lines around the edit, as an editor asks for the lines it shows.
  (void)lsp::inlayHints(context, lsp::Range{{std::max(0, range.start.line - 30), 0}, {range.start.line + 30, 0}});
  return 0;
}
