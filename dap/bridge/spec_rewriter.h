#pragma once
// buildx speaks in Dalec's positions (lines after TrimSpace, 1-based rune columns) and names ops
// by their LLB descriptions; the editor speaks in lines and columns of the file as written and
// should see tests and checks. This class translates between the two for one spec and target.
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "llb/breakpoints.h"
#include "llb/op_map.h"
#include "spec/spec_model.h"

namespace dalec::dap {

class SpecRewriter {
 public:
  // `buildxPath` is the spec as buildx names it (the absolute -f path); `editorPath` as the editor does.
  SpecRewriter(std::shared_ptr<const spec::SpecModel> model, std::string_view targetKey, std::string buildxPath,
               std::string editorPath);

  bool isSpecPath(const std::string& path) const;  // either name, ignoring case as buildx does
  const std::vector<llb::PredictedOp>& ops() const { return ops_; }
  const spec::SpecModel& model() const { return *model_; }

  llb::BreakpointBinding bind(int editorLine, std::optional<int> editorColumn) const;
  // The first located op of a test, to stop at when a session focuses on it.
  std::optional<llb::BreakpointBinding> firstOpOfTest(const std::string& testName) const;
  // 1-based editor column (UTF-16) of a Dalec position.
  int editorColumn(const llb::LlbPosition& position) const;
  nlohmann::json editorSource() const;

  // In place: a buildx `breakpoint` (from an event or a response) in editor terms.
  void rewriteBreakpoint(nlohmann::json& breakpoint) const;
  // In place: stack frames on the spec get editor lines/columns and spec names. Returns, per
  // frame id, the predicted op it shows.
  std::vector<std::pair<long long, std::size_t>> rewriteStackFrames(nlohmann::json& stackFrames) const;
  // The message of a failed check, from the test runner's line in the build output
  // (`"<path>": check_type=<kind> expected: ..., got ...`), named in spec terms.
  std::string failureText(const std::string& runnerLine) const;

 private:
  std::shared_ptr<const spec::SpecModel> model_;
  std::vector<llb::PredictedOp> ops_;
  llb::SpecPositions positions_;
  std::string buildxPath_, editorPath_;
};

}  // namespace dalec::dap
