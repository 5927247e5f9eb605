#include "features/code_lens.h"

#include "spec/target_catalog.h"

namespace dalec::lsp {

std::vector<CodeLens> codeLenses(const FeatureContext& context) {
  std::vector<CodeLens> out;
  const spec::SpecModel* model = context.model();
  if (!model) return out;
  for (const spec::TestDecl& test : model->tests) {
    const yaml::Node* name = test.name ? test.name->resolved() : nullptr;
    if (!name || !name->isScalar() || name->isNull) continue;
    // One lens per written test: a test reused through an alias appears once, at its anchor.
    bool seen = false;
    for (const CodeLens& lens : out)
      if (lens.command.command == "dalec.debugTest" && lens.command.arguments[0]["test"] == name->value &&
          lens.range.start.line == context.toRange(name->range).start.line)
        seen = true;
    if (seen) continue;
    nlohmann::json args = {{"uri", context.uri}, {"test", name->value}};
    if (!test.targetKey.empty()) args["target"] = test.targetKey;
    out.push_back({context.toRange(name->range), {"Debug test", "dalec.debugTest", nlohmann::json::array({args})}});
    out.push_back({context.toRange(name->range), {"Run test", "dalec.runTests", nlohmann::json::array({args})}});
  }
  for (const spec::TargetDecl& target : model->targets) {
    if (!spec::isKnownTarget(target.key) && !target.forwardsToFrontend) continue;
    nlohmann::json args = {{"uri", context.uri}, {"target", target.key}};
    out.push_back({context.toRange(target.keyNode->range), {"Build target", "dalec.buildTarget", nlohmann::json::array({args})}});
    out.push_back({context.toRange(target.keyNode->range), {"Debug target", "dalec.debugTarget", nlohmann::json::array({args})}});
  }
  return out;
}

}  // namespace dalec::lsp
