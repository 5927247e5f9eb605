#pragma once
// What a target's keys do to the spec's own, as Dalec v0.21 merges them (Spec.GetPackageDeps /
// MergeDependencies, MergeSpecImage, GetImageBases, GetImagePost, GetArtifacts, GetProvides,
// GetReplaces, GetConflicts, and the test runner's `spec.Tests + target.Tests`). Only where
// something of the spec's is replaced, merged or, surprisingly, left in force.
#include <string>
#include <vector>

#include "spec/spec_model.h"

namespace dalec::spec {

struct OverrideNote {
  const Node* key = nullptr;  // the target's key the note is about
  std::string text;           // "replaces the spec's dependencies.build"
};

std::vector<OverrideNote> targetOverrides(const SpecModel& model, const TargetDecl& target);

}  // namespace dalec::spec
