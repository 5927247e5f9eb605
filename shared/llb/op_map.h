#pragma once
// The exec ops Dalec (v0.21 and later) emits for a spec and target, each with the source position
// Dalec attaches to it, named in spec terms; and the match between those and the exec ops of a
// real Definition. Dalec's conventions: lines are 1-based and counted in the spec after
// bytes.TrimSpace; characters are 1-based rune columns; a scalar starts at its first character
// (the quote, or the '|'/'>' of a block scalar), a mapping at its first key's ':'.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "llb/definition.h"
#include "spec/spec_model.h"

namespace dalec::llb {

enum class OpKind { BuildSteps, TestStep, Check };

struct PredictedOp {
  OpKind kind = OpKind::Check;
  std::string testName;
  std::string targetKey;  // empty for tests at the spec's root
  int stepIndex = -1;     // test steps and their stdout/stderr checks
  std::string checkKind;  // Dalec's check_type: not_exist, is_dir, permissions, contains, ...
  std::string path;       // file checks: the path; stream checks: "stdout" or "stderr"
  std::string expected;   // the expectation, as Dalec passes it to the test runner
  std::string description;  // e.g. "test `works` › check `/usr/bin/demo` permissions 0755"
  ByteRange node;         // the spec text the op comes from
  bool hasLocation = false;
  LlbPosition start;      // Dalec's range start (meaningful when hasLocation)
};

// Converts between byte offsets of the spec as written and Dalec's positions.
class SpecPositions {
 public:
  explicit SpecPositions(const yaml::Document& document);
  LlbPosition toDalec(std::size_t offset) const;
  std::optional<std::size_t> fromDalec(LlbPosition position) const;
  // Editor line (1-based, file as written) of a Dalec line, and back.
  int editorLine(int dalecLine) const { return dalecLine + shift_; }
  int dalecLine(int editorLine) const { return editorLine - shift_; }

 private:
  const yaml::Document& document_;
  std::size_t trimStart_ = 0;
  int shift_ = 0;  // lines removed by TrimSpace
};

// The target key of a build target or route: "azlinux3/container" -> "azlinux3".
std::string targetKeyOf(std::string_view target);

// Every op with or without a location, in the order Dalec emits them: build steps, then the
// spec's tests followed by the target's, each step with its output checks, then file checks by path.
std::vector<PredictedOp> predictOps(const spec::SpecModel& model, std::string_view targetKey);

struct OpMatch {
  const ExecOpInfo* op = nullptr;
  std::optional<std::size_t> predicted;  // index into the predicted ops
};

// Matches each exec op of a Definition to the op we predicted: by source location when the op has
// one in `specFilename`, otherwise by its test-runner arguments.
std::vector<OpMatch> matchOps(const DecodedDefinition& definition, const std::vector<PredictedOp>& predicted,
                              std::string_view specFilename);

}  // namespace dalec::llb
