#include "llb/breakpoints.h"

#include "yaml/mapping_view.h"
#include "yaml/scalar_dialect.h"

namespace dalec::llb {

namespace {

using yaml::Node;

struct Lines {
  const LineIndex& index;
  int of(std::size_t offset) const { return static_cast<int>(index.lineOf(offset)) + 1; }
};

// Lines of the spec that belong to a key (the key's line through its value's last line).
bool keyCovers(const Lines& lines, const Node* key, const Node* value, int line) {
  if (!key) return false;
  const int first = lines.of(key->range.begin);
  const int last = value && !value->isAlias() ? lines.of(std::max(key->range.end, value->range.end)) : first;
  return first <= line && line <= last;
}

// Lines that run nothing, with the reason shown to the user.
std::optional<std::string> neverBinds(const spec::SpecModel& model, const Lines& lines, int line) {
  for (const spec::TestDecl& test : model.tests) {
    for (const yaml::Entry& e : yaml::entries(test.node)) {
      const std::string& key = e.key->value;
      if (!keyCovers(lines, e.key, e.value, line)) continue;
      if (key == "name")
        return std::string("a test's name runs nothing; put the breakpoint on one of its steps or checks");
      if (key == "dir") return std::string("dir is accepted but not used by Dalec's test runner");
      if (key == "env" || key == "mounts")
        return std::string("the test's ") + key + " applies to all its steps and checks; put the breakpoint on one of them";
    }
    for (const spec::StepDecl& step : test.steps)
      for (const yaml::Entry& e : yaml::entries(step.node))
        if ((e.key->value == "env" || e.key->value == "stdin") && keyCovers(lines, e.key, e.value, line))
          return "the step's " + e.key->value + " is passed to its command; put the breakpoint on command:";
    for (const spec::FileCheckDecl& file : test.files) {
      const Node* check = file.check ? file.check->resolved() : nullptr;
      if (lines.of(file.path->range.begin) == line) {
        const bool hasIsDir = check && check->isMapping() && yaml::lookup(check, "is_dir");
        if (!hasIsDir)
          return "Dalec checks that " + file.path->value +
                 " exists without a source location (add is_dir: to give it one); put the breakpoint on one of its checks";
        return std::string("put the breakpoint on one of this path's checks");
      }
      if (check && check->isMapping())
        for (const yaml::Entry& e : yaml::entries(check))
          if (e.key->value == "no_follow" && keyCovers(lines, e.key, e.value, line))
            return std::string("no_follow changes how this path's checks run; it is not a check of its own");
    }
  }
  // A `tests: *anchor` alias: its ops carry the anchor's lines.
  for (const spec::TargetDecl& target : model.targets) {
    for (const yaml::Entry& e : yaml::entries(target.node)) {
      if (e.key->value != "tests" || !e.value || !e.value->isAlias() || lines.of(e.key->range.begin) != line) continue;
      const Node* anchor = e.value->resolved();
      return "these tests are written at the anchor &" + e.value->aliasName() +
             (anchor ? " on line " + std::to_string(lines.of(anchor->range.begin)) : std::string()) + "; set breakpoints there";
    }
  }
  return std::nullopt;
}

BreakpointBinding bindTo(const std::vector<PredictedOp>& ops, const std::vector<std::size_t>& indices, const SpecPositions& positions,
                         std::string message) {
  BreakpointBinding binding;
  binding.verified = true;
  binding.ops = indices;
  binding.target = ops[indices.front()].start;
  binding.editorLine = positions.editorLine(binding.target.line);
  binding.message = std::move(message);
  return binding;
}

}  // namespace

BreakpointBinding bindBreakpoint(const spec::SpecModel& model, const std::vector<PredictedOp>& ops, int editorLine,
                                 std::optional<int> editorColumn) {
  const Lines lines{model.document->lines()};
  const SpecPositions positions(*model.document);
  const int dalecLine = positions.dalecLine(editorLine);

  // 1. Ops that start on this line; with a column, the one under it.
  std::vector<std::size_t> onLine;
  for (std::size_t i = 0; i < ops.size(); ++i)
    if (ops[i].hasLocation && ops[i].start.line == dalecLine) onLine.push_back(i);
  if (!onLine.empty()) {
    if (editorColumn) {
      for (std::size_t i : onLine) {
        const int first = model.document->lines().toRune(ops[i].node.begin).column;
        const int last = model.document->lines().toRune(ops[i].node.end).column;
        if (first <= *editorColumn && *editorColumn <= last) return bindTo(ops, {i}, positions, "");
      }
    }
    return bindTo(ops, onLine, positions, "");
  }
  // 2. Inside an op's text (a multi-line command, a later build step): the op's start.
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (!ops[i].hasLocation || ops[i].node.empty()) continue;
    if (lines.of(ops[i].node.begin) < editorLine && editorLine <= lines.of(ops[i].node.end)) {
      std::string why = ops[i].kind == OpKind::BuildSteps
                            ? "all build steps run as one op, located at the first step"
                            : "moved to the start of " + ops[i].description;
      return bindTo(ops, {i}, positions, why);
    }
  }
  // 3. Lines that run nothing.
  if (auto reason = neverBinds(model, lines, editorLine)) {
    BreakpointBinding binding;
    binding.editorLine = editorLine;
    binding.message = *reason;
    return binding;
  }
  // 4. Elsewhere in a test: the next op of that test.
  for (const spec::TestDecl& test : model.tests) {
    if (!test.node || editorLine < lines.of(test.node->range.begin) || editorLine > lines.of(test.node->range.end)) continue;
    std::optional<std::size_t> next;
    for (std::size_t i = 0; i < ops.size(); ++i) {
      if (!ops[i].hasLocation || ops[i].start.line <= dalecLine) continue;
      if (ops[i].node.begin < test.node->range.begin || ops[i].node.end > test.node->range.end) continue;
      if (!next || ops[i].start.line < ops[*next].start.line) next = i;
    }
    if (next) return bindTo(ops, {*next}, positions, "moved to the next check of this test");
  }
  BreakpointBinding binding;
  binding.editorLine = editorLine;
  binding.message = "no build step or test check runs on this line";
  return binding;
}

}  // namespace dalec::llb
