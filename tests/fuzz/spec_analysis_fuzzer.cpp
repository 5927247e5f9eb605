// Fuzzes the YAML parser's error recovery, the spec model, the schema walk and every analysis
// rule (what didOpen runs), then everything computed over the whole document: diagnostics as
// published, outline, folding, tokens, lenses, links, inlay hints, and the resolved view of a
// target beside a Dalec resolution that differs from ours in a place the input picks.
#include <nlohmann/json.hpp>

#include "features/code_lens.h"
#include "features/diagnostics.h"
#include "features/document_links.h"
#include "features/document_symbols.h"
#include "features/inlay_hints.h"
#include "features/semantic_tokens.h"
#include "features/structure.h"
#include "frontend/resolution_differences.h"
#include "frontend/resolution_view.h"
#include "spec/resolved_spec.h"
#include "spec_fuzz_session.h"

namespace {

using nlohmann::json;

// A stand-in for frontend.dalec.resolve's JSON: our leaves with one changed and one left out, so
// the comparison and the view's markers run on real paths of this input.
json dalecAnswerUnlike(const std::vector<dalec::spec::ResolvedLeaf>& leaves, std::uint64_t seed) {
  json answer = json::object();
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    if (i == seed % leaves.size()) continue;
    json* at = &answer;
    for (const std::string& step : leaves[i].path) {
      const bool index = !step.empty() && step.size() < 6 && step.find_first_not_of("0123456789") == std::string::npos;
      if (at->is_null()) *at = index ? json::array() : json::object();
      if (index && at->is_array()) {
        const std::size_t n = std::stoul(step);
        while (at->size() <= n) at->push_back(nullptr);
        at = &(*at)[n];
      } else if (at->is_object()) {
        at = &(*at)[step];
      } else {
        at = nullptr;
        break;
      }
    }
    if (at && at->is_null()) *at = i == (seed >> 16) % (leaves.size() + 1) ? json("changed") : json(leaves[i].value);
  }
  return answer;
}

}  // namespace

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

  // The spec alone, a target it lacks, and one of its own targets, picked by the input (resolving
  // every target of every input would run the same code once per target).
  const std::uint64_t seed = fuzz::digest(text);
  std::vector<std::string> targets = {"", "no-such-target"};
  if (!model->targets.empty()) targets.push_back(model->targets[seed % model->targets.size()].key);
  const auto leaves = spec::resolvedLeaves(*model, context.args);
  const auto differences = frontend::differencesFromDalec(leaves, dalecAnswerUnlike(leaves, seed));
  for (const std::string& target : targets) {
    const spec::ResolvedSpec resolved = spec::resolveSpec(*model, target, context.args);
    if (!resolved.error.empty()) continue;
    (void)frontend::withDalecsResolution({resolved.text, resolved.sourceLines}, differences, "ghcr.io/project-dalec/dalec/frontend:fuzz",
                                         "name: fuzz\n");
  }
  return 0;
}
