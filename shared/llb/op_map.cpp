#include "llb/op_map.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

#include "llb/test_runner_call.h"
#include "text/go_quoted.h"
#include "yaml/mapping_view.h"
#include "yaml/scalar_dialect.h"

namespace dalec::llb {

using yaml::Node;

SpecPositions::SpecPositions(const yaml::Document& document) : document_(document) {
  const std::string& text = document.text();
  while (trimStart_ < text.size() && std::isspace(static_cast<unsigned char>(text[trimStart_]))) ++trimStart_;
  shift_ = static_cast<int>(document.lines().lineOf(trimStart_));
}

LlbPosition SpecPositions::toDalec(std::size_t offset) const {
  const LineIndex& lines = document_.lines();
  const RunePosition rune = lines.toRune(offset);
  const std::size_t line = lines.lineOf(offset);
  int column = rune.column;
  if (line == lines.lineOf(trimStart_)) column = lines.toRune(offset).column - lines.toRune(trimStart_).column + 1;
  return {rune.line - shift_, column};
}

std::optional<std::size_t> SpecPositions::fromDalec(LlbPosition position) const {
  const LineIndex& lines = document_.lines();
  const int line = editorLine(position.line);
  if (line < 1 || static_cast<std::size_t>(line) > lines.lineCount()) return std::nullopt;
  int column = position.character;
  if (static_cast<std::size_t>(line - 1) == lines.lineOf(trimStart_)) column += lines.toRune(trimStart_).column - 1;
  return lines.fromRune({line, column});
}

std::string targetKeyOf(std::string_view target) { return std::string(target.substr(0, target.find('/'))); }

namespace {

const Node* resolved(const Node* node) { return node ? node->resolved() : nullptr; }

std::string scalar(const Node* node) {
  const Node* target = resolved(node);
  return target && target->isScalar() && !target->isNull ? target->value : "";
}

bool isTrue(const Node* node) { return resolved(node) && yaml::boolValue(*resolved(node)).value_or(false); }

// Where goccy starts a node: a block mapping at its first key's ':', anything else at its first character.
std::size_t dalecStart(const Node& node, const std::string& text) {
  if (node.isMapping() && !node.flow && !node.pairs.empty() && node.pairs.front().key) {
    std::size_t colon = node.pairs.front().key->range.end;
    while (colon < text.size() && text[colon] != ':') ++colon;
    return colon;
  }
  return node.range.begin;
}

class Predictor {
 public:
  Predictor(const spec::SpecModel& model, std::vector<PredictedOp>& out)
      : model_(model), text_(model.document->text()), positions_(*model.document), out_(out) {}

  void buildSteps() {
    if (model_.buildSteps.empty()) return;
    // One op runs every build step; its location's first range is the first step's mapping.
    const Node* first = model_.buildSteps.front().node;
    PredictedOp op;
    op.kind = OpKind::BuildSteps;
    op.description = "build steps (" + std::to_string(model_.buildSteps.size()) + ")";
    ByteRange all = first ? first->range : ByteRange{};
    for (const spec::StepDecl& step : model_.buildSteps)
      if (step.node) all.end = std::max(all.end, step.node->range.end);
    op.node = all;
    if (first && first->isMapping()) locate(op, *first);
    out_.push_back(std::move(op));
  }

  void test(const spec::TestDecl& test) {
    const std::string name = scalar(test.name);
    for (std::size_t i = 0; i < test.steps.size(); ++i) {
      const spec::StepDecl& step = test.steps[i];
      const Node* command = resolved(step.command);
      PredictedOp op = base(test, OpKind::TestStep);
      op.stepIndex = static_cast<int>(i);
      const std::string firstLine = scalar(command).substr(0, scalar(command).find('\n'));
      op.description = "test `" + name + "` › step " + std::to_string(i + 1) + ": `" + firstLine + "`";
      if (command) {
        op.node = command->range;
        locate(op, *command);
      }
      out_.push_back(std::move(op));
      for (const char* stream : {"stdout", "stderr"}) {
        const Node* checks = resolved(yaml::lookup(step.node, stream));
        if (!checks || !checks->isMapping()) continue;
        contentChecks(test, checks, stream, static_cast<int>(i), "test `" + name + "` › step " + std::to_string(i + 1) + " " + stream);
      }
    }
    // File checks run in path order (Dalec >= v0.21.3).
    std::vector<spec::FileCheckDecl> files = test.files;
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path->value < b.path->value; });
    for (const spec::FileCheckDecl& file : files) fileChecks(test, file, name);
  }

 private:
  PredictedOp base(const spec::TestDecl& test, OpKind kind) {
    PredictedOp op;
    op.kind = kind;
    op.testName = scalar(test.name);
    op.targetKey = test.targetKey;
    return op;
  }

  void locate(PredictedOp& op, const Node& node) {
    op.hasLocation = true;
    op.start = positions_.toDalec(dalecStart(node, text_));
  }

  // An expected value as a one-line name shows it: quoted with escapes when it holds a line break, a
  // control character or white space at either end ("hello\n"), as written otherwise.
  static std::string shown(const std::string& value) {
    const bool plain = !value.empty() && value.front() != ' ' && value.back() != ' ' &&
                       std::none_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
    return plain ? value : goQuoted(value);
  }

  void add(PredictedOp op, const Node* located, const std::string& kind, std::string expected, const std::string& what) {
    op.checkKind = kind;
    op.expected = std::move(expected);
    op.description = what + " " + kind + (op.expected.empty() ? "" : " " + shown(op.expected));
    if (located) {
      op.node = located->range;
      locate(op, *located);
    }
    out_.push_back(std::move(op));
  }

  // empty, equals, contains[i], matches[i], starts_with, ends_with: the content checks.
  void contentChecks(const spec::TestDecl& test, const Node* checks, const std::string& path, int stepIndex,
                     const std::string& what) {
    auto make = [&] {
      PredictedOp op = base(test, OpKind::Check);
      op.path = path;
      op.stepIndex = stepIndex;
      return op;
    };
    if (const Node* empty = resolved(yaml::lookup(checks, "empty")); isTrue(empty)) add(make(), empty, "empty", "", what);
    if (const Node* equals = resolved(yaml::lookup(checks, "equals")); !scalar(equals).empty())
      add(make(), equals, "equals", scalar(equals), what);
    for (const char* listKind : {"contains", "matches"}) {
      const Node* list = resolved(yaml::lookup(checks, listKind));
      if (!list || !list->isSequence()) continue;
      for (const Node* item : list->items) add(make(), resolved(item), listKind, scalar(item), what);
    }
    for (const char* kind : {"starts_with", "ends_with"})
      if (const Node* value = resolved(yaml::lookup(checks, kind)); !scalar(value).empty()) add(make(), value, kind, scalar(value), what);
  }

  void fileChecks(const spec::TestDecl& test, const spec::FileCheckDecl& file, const std::string& name) {
    const Node* checks = resolved(file.check);
    const std::string what = "test `" + name + "` › check `" + file.path->value + "`";
    auto make = [&] {
      PredictedOp op = base(test, OpKind::Check);
      op.path = file.path->value;
      return op;
    };
    const Node* notExist = checks && checks->isMapping() ? resolved(yaml::lookup(checks, "not_exist")) : nullptr;
    if (isTrue(notExist)) {
      add(make(), notExist, "not_exist", "", what);
    } else {
      // Always checked: the path exists and is (or, without is_dir: true, is not) a directory.
      // Only a written is_dir: gives it a location.
      const Node* isDir = checks && checks->isMapping() ? resolved(yaml::lookup(checks, "is_dir")) : nullptr;
      PredictedOp op = make();
      add(std::move(op), isDir, "is_dir", isTrue(isDir) ? "directory" : "not a directory", what);
      if (!isDir) {
        out_.back().node = file.path->range;  // for naming and snapping only: Dalec attaches no location
        out_.back().hasLocation = false;
      }
    }
    if (!checks || !checks->isMapping()) return;
    if (const Node* perms = resolved(yaml::lookup(checks, "permissions"))) {
      if (auto mode = yaml::intValue(*perms); mode && mode->value != 0) {
        char octal[24];  // the 22 octal digits of a 64-bit value, and the NUL
        std::snprintf(octal, sizeof octal, "%llo", static_cast<unsigned long long>(mode->value));
        add(make(), perms, "permissions", octal, what);
      }
    }
    if (const Node* link = resolved(yaml::lookup(checks, "link_target")); !scalar(link).empty())
      add(make(), link, "link_target", scalar(link), what);
    contentChecks(test, checks, file.path->value, -1, what);
  }

  const spec::SpecModel& model_;
  const std::string& text_;
  SpecPositions positions_;
  std::vector<PredictedOp>& out_;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::vector<PredictedOp> predictOps(const spec::SpecModel& model, std::string_view targetKey) {
  std::vector<PredictedOp> out;
  Predictor predictor(model, out);
  predictor.buildSteps();
  for (const spec::TestDecl& test : model.tests)
    if (test.targetKey.empty()) predictor.test(test);
  if (!targetKey.empty())
    for (const spec::TestDecl& test : model.tests)
      if (test.targetKey == targetKey) predictor.test(test);
  return out;
}

std::vector<OpMatch> matchOps(const DecodedDefinition& definition, const std::vector<PredictedOp>& predicted,
                              std::string_view specFilename) {
  std::vector<OpMatch> out;
  std::vector<bool> taken(predicted.size(), false);
  const std::string wanted = lower(specFilename);
  for (const ExecOpInfo& op : definition.execOps) {
    OpMatch match{&op, std::nullopt};
    // By location: the first range of a location in the spec file (that is what buildx binds).
    for (const LlbLocation& location : op.locations) {
      if (lower(location.filename) != wanted || location.ranges.empty()) continue;
      for (std::size_t i = 0; i < predicted.size() && !match.predicted; ++i)
        if (!taken[i] && predicted[i].hasLocation && predicted[i].start == location.ranges.front().start) match.predicted = i;
    }
    // By arguments: test ops say what they check even without a source map.
    if (!match.predicted) {
      if (auto call = parseTestRunnerCall(op.args); call && !call->isStep() && !call->checkKind.empty()) {
        for (std::size_t i = 0; i < predicted.size() && !match.predicted; ++i) {
          const PredictedOp& p = predicted[i];
          if (taken[i] || p.kind != OpKind::Check || p.checkKind != call->checkKind || p.path != displayPath(call->path)) continue;
          if (p.checkKind == "is_dir" || p.checkKind == "not_exist" || p.checkKind == "empty" || p.expected == call->expected)
            match.predicted = i;
        }
      }
    }
    if (match.predicted) taken[*match.predicted] = true;
    out.push_back(match);
  }
  return out;
}

}  // namespace dalec::llb
