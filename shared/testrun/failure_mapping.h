#pragma once
// Turning a failed test run into what an editor shows: BuildKit's error points at the failing op's
// source range in the spec (errdefs.Source); Dalec printed the check's expectation and the actual
// value on that op's stderr. The result is one failure per range, on the check as written.
#include <string>
#include <vector>

#include "buildkit/solve_failure.h"
#include "llb/op_map.h"
#include "spec/spec_model.h"
#include "testrun/vertex_log_book.h"
#include "text/position.h"

namespace dalec::testrun {

struct CheckFailure {
  ByteRange range;          // in the spec as written (the check's value, or the step's command)
  std::string message;      // Dalec's own line first, then the test and the exit code
  std::string description;  // "test `works` › check `/usr/bin/x` contains hello", when known
};

struct TestReport {
  enum class Outcome { Passed, Failed, Error, Cancelled };
  Outcome outcome = Outcome::Passed;
  std::vector<CheckFailure> failures;  // Failed: where, and why
  std::string error;                   // Error and Cancelled: what happened; Failed: BuildKit's message
  // Error: no BuildKit could be reached (editors offer the settings that choose one).
  bool daemonUnreachable = false;
};

// The line Dalec's test runner prints for a failed check ("<path>": check_type=… expected: …, got …),
// or, for a step, the last lines of its stderr.
std::string failureText(const VertexRecord& vertex);

TestReport reportFailure(const buildkit::SolveFailure& failure, const VertexRecord& failedVertex,
                         const spec::SpecModel& model, const std::string& targetKey, const std::string& specFilename);

// A failure's message: Dalec's own line (or, for a step that printed nothing, its exit code), then
// what the op checks, then the exit code.
std::string failureMessage(const buildkit::SolveFailure& failure, const std::string& dalecText, const llb::PredictedOp* op);

const char* outcomeName(TestReport::Outcome outcome);

}  // namespace dalec::testrun
