#pragma once
// Where Dalec's own resolution of a spec (frontend.dalec.resolve's JSON: args substituted, nothing
// merged) differs from ours (spec/resolved_spec.h's leaves). Only what the spec writes is compared:
// Dalec's defaults for what it leaves out are Dalec's business. A field Dalec's answer lacks, where
// ours has a value, is one Dalec dropped (e.g. a key a build step does not have).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "spec/resolved_spec.h"

namespace dalec::frontend {

struct ResolutionDifference {
  std::string path;  // e.g. build.steps[0].envv, tests[1].files["/etc/hello.conf"].contains[0]
  int line = -1;     // the spec's 0-based line
  std::string ours;  // as JSON would write it: "0.1.0", 493, true
  std::optional<std::string> dalec;  // the same for Dalec's; none when Dalec has no such field
};

std::vector<ResolutionDifference> differencesFromDalec(const std::vector<spec::ResolvedLeaf>& ours,
                                                       const nlohmann::json& dalecSpec);

// "build.steps[0].command" for {"build", "steps", "0", "command"}; keys that are not plain
// identifiers are quoted: files["/etc/hello.conf"].
std::string describePath(const std::vector<std::string>& path);

}  // namespace dalec::frontend
