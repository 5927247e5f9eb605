#pragma once
// The spec as one target sees it: aliases and merge keys resolved, ${ARG} substituted in the fields
// Dalec expands (values from spec/arg_values.h), and the target's keys merged into the spec's own
// as Dalec v0.21 merges them (spec/target_overrides.h says the same in words), written out as
// YAML with the line of the spec each line came from.
#include <string>
#include <vector>

#include "spec/arg_values.h"
#include "spec/spec_model.h"

namespace dalec::spec {

struct ResolvedSpec {
  std::string text;
  std::vector<int> sourceLines;  // per line of `text`: the spec's 0-based line it came from, -1 for none
  std::string error;             // set when there is nothing to resolve (no such target, not a spec)
};

ResolvedSpec resolveSpec(const SpecModel& model, const std::string& targetKey, const ArgEnvironment& env);

// One scalar of the spec after its args are substituted and with nothing merged (what Dalec's own
// frontend.dalec.resolve answers): where it is (keys and list indexes from the top), its text, and
// the spec's 0-based line.
struct ResolvedLeaf {
  std::vector<std::string> path;  // a list index as its decimal digits
  std::string value;
  bool plain = true;  // written plain (so `0o755` or `true` is not text)
  bool null = false;
  int line = -1;
};
std::vector<ResolvedLeaf> resolvedLeaves(const SpecModel& model, const ArgEnvironment& env);

}  // namespace dalec::spec
