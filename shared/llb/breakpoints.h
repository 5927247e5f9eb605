#pragma once
// Where a breakpoint on a spec line can bind. buildx binds a breakpoint to an op when the op's
// first range covers it, comparing the column on the range's first line; Dalec's ranges are
// single-line and start at a 1-based column, so an editor's column-less line breakpoint never
// binds. The bridge therefore sends each breakpoint at the exact start of the op it means.
#include <optional>
#include <string>
#include <vector>

#include "llb/op_map.h"

namespace dalec::llb {

struct BreakpointBinding {
  bool verified = false;
  int editorLine = 0;                // where the breakpoint shows (1-based line of the file as written)
  LlbPosition target;                // what to send to buildx: Dalec's line and column of the op
  std::vector<std::size_t> ops;      // predicted ops it binds (several ops can start on one line)
  std::string message;               // why it moved, or why it cannot bind
};

// `editorColumn` (1-based, optional) picks among several ops on one line, e.g. `matches: [a, b]`.
BreakpointBinding bindBreakpoint(const spec::SpecModel& model, const std::vector<PredictedOp>& ops, int editorLine,
                                 std::optional<int> editorColumn = std::nullopt);

}  // namespace dalec::llb
