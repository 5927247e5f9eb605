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
  // The same unlocated check in two tests (`/etc/x` exists, in each test that checks `/etc/x`) is
  // one op: the same bytes over the same input. Each test still runs it, so each gets the step.
  std::vector<bool> present(program.predicted.size(), false);
  for (const ProgramStep& step : program.steps) present[step.predicted] = true;
  const std::size_t matched = program.steps.size();
  for (std::size_t i = 0; i < program.predicted.size(); ++i) {
    const PredictedOp& want = program.predicted[i];
    if (present[i] || want.hasLocation) continue;
    for (std::size_t s = 0; s < matched; ++s) {
      const PredictedOp& have = program.predicted[program.steps[s].predicted];
      if (!have.hasLocation && have.kind == want.kind && have.checkKind == want.checkKind && have.path == want.path &&
          have.expected == want.expected && have.stepIndex < 0 && want.stepIndex < 0) {
        program.steps.push_back({i, program.steps[s].exec});
        break;
      }
    }
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
