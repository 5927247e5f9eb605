#pragma once
// What a debugger steps through for a spec and target: the exec ops of the Definition Dalec
// returned that we can name in spec terms (test steps and checks, located or recognised by their
// test-runner arguments), in the order Dalec runs them. Each knows the spec text it comes from
// and its op in the graph.
#include <string>
#include <utility>
#include <vector>

#include "llb/definition.h"
#include "llb/op_map.h"

namespace dalec::llb {

struct ProgramStep {
  std::size_t predicted = 0;  // index into DebugProgram::predicted
  ExecOpInfo exec;            // the op as Dalec emitted it
};

struct DebugProgram {
  std::vector<PredictedOp> predicted;  // what the spec says Dalec emits
  std::vector<ProgramStep> steps;      // what it did emit, in run order
  std::size_t unmatchedOps = 0;        // exec ops we cannot name (build steps, Dalec's own)

  // The step of a predicted op, or -1.
  int stepOf(std::size_t predictedIndex) const;
};

DebugProgram buildProgram(const DecodedDefinition& definition, const spec::SpecModel& model, std::string_view targetKey,
                          std::string_view specFilename);

// What an op checks or runs, in the spec's words, as (name, value) pairs: test, target, step,
// command, check, path, expected, spec line.
std::vector<std::pair<std::string, std::string>> opFacts(const PredictedOp& op, const spec::SpecModel& model);

}  // namespace dalec::llb
