#include "llb/debug_program.h"

#include <algorithm>

namespace dalec::llb {

int DebugProgram::stepOf(std::size_t predictedIndex) const {
  for (std::size_t i = 0; i < steps.size(); ++i)
    if (steps[i].predicted == predictedIndex) return static_cast<int>(i);
  return -1;
}

DebugProgram buildProgram(const DecodedDefinition& definition, const spec::SpecModel& model, std::string_view targetKey,
                          std::string_view specFilename) {
  DebugProgram program;
  program.predicted = predictOps(model, targetKey);
  for (const OpMatch& match : matchOps(definition, program.predicted, specFilename)) {
    if (!match.predicted) {
      ++program.unmatchedOps;
      continue;
    }
    program.steps.push_back({*match.predicted, *match.op});
  }
  // Dalec runs a test's steps, then its checks, test after test: the order we predict them in.
  std::stable_sort(program.steps.begin(), program.steps.end(),
                   [](const ProgramStep& a, const ProgramStep& b) { return a.predicted < b.predicted; });
  return program;
}

std::vector<std::pair<std::string, std::string>> opFacts(const PredictedOp& op, const spec::SpecModel& model) {
  std::vector<std::pair<std::string, std::string>> facts;
  auto add = [&](const std::string& name, const std::string& value) {
    if (!value.empty()) facts.emplace_back(name, value);
  };
  add("test", op.testName);
  add("target", op.targetKey.empty() ? "every target" : op.targetKey);
  if (op.kind == OpKind::TestStep) {
    add("step", std::to_string(op.stepIndex + 1));
    add("command", std::string(model.document->slice(op.node)));
  } else if (op.kind == OpKind::Check) {
    add("check", op.checkKind);
    add("path", op.path);
    add("expected", op.expected.empty() ? (op.checkKind == "empty" ? "no content" : op.checkKind == "not_exist" ? "absent" : "")
                                        : op.expected);
    if (op.stepIndex >= 0) add("step", std::to_string(op.stepIndex + 1));
  }
  add("spec line", std::to_string(model.document->lines().lineOf(op.node.begin) + 1));
  return facts;
}

}  // namespace dalec::llb
