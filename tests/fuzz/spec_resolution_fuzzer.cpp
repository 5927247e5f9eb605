// Fuzzes the resolved view (dalec/resolvedSpec, dalec.showResolvedSpec): the spec with its args
// substituted and a target's overrides merged as Dalec merges them, for the spec alone, a target
// it lacks and one of its own targets, and beside a Dalec resolution that differs from ours in a
// place the input picks (the view's markers and its section of Dalec's lines). Only the model is
// built first: the rules and the other features are spec_analysis's.
#include <nlohmann/json.hpp>

#include "frontend/resolution_differences.h"
#include "frontend/resolution_view.h"
#include "spec/resolved_spec.h"
#include "spec/spec_model.h"
#include "spec_fuzz_session.h"
#include "yaml/node.h"

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
  const auto model = spec::buildModel(yaml::parse(text));
  const spec::ArgEnvironment settings = fuzz::userSettings();
  // Resolving every target of every input would run the same code once per target.
  const std::uint64_t seed = fuzz::digest(text);
  std::vector<std::string> targets = {"", "no-such-target"};
  if (!model->targets.empty()) targets.push_back(model->targets[seed % model->targets.size()].key);
  const auto leaves = spec::resolvedLeaves(*model, settings);
  const auto differences = frontend::differencesFromDalec(leaves, dalecAnswerUnlike(leaves, seed));
  for (const std::string& target : targets) {
    const spec::ResolvedSpec resolved = spec::resolveSpec(*model, target, settings);
    if (!resolved.error.empty()) continue;
    (void)frontend::withDalecsResolution({resolved.text, resolved.sourceLines}, differences, "ghcr.io/project-dalec/dalec/frontend:fuzz",
                                         "name: fuzz\n");
  }
  return 0;
}
