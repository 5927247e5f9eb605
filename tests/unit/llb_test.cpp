// The LLB mapping: predicted ops and their Dalec positions, Definition decoding, matching, snapping.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "annotated_text.h"
#include "llb/breakpoints.h"
#include "llb/debug_program.h"
#include "llb/definition.h"
#include "llb/definition_graph.h"
#include "llb/llb.pb.h"
#include "llb/op_map.h"
#include "llb/test_runner_call.h"
#include "spec_fixtures.h"

namespace dalec::llb {
namespace {

using ::testing::ElementsAre;

std::shared_ptr<const spec::SpecModel> load(const std::string& text) { return dalec::testing::analyseText(text).model; }
std::shared_ptr<const spec::SpecModel> loadReal(const char* name) {
  return load(dalec::testing::readFile(dalec::testing::referenceDir() / "specs" / name));
}

const PredictedOp* find(const std::vector<PredictedOp>& ops, const std::string& kind, const std::string& expected = "") {
  for (const auto& op : ops)
    if ((op.checkKind == kind || (kind == "step" && op.kind == OpKind::TestStep) || (kind == "build" && op.kind == OpKind::BuildSteps)) &&
        (expected.empty() || op.expected == expected || op.description.find(expected) != std::string::npos))
      return &op;
  return nullptr;
}

// Positions measured with goccy/go-yaml v1.19.2 on these files (reference: dalec.md §3.5).
TEST(PredictedOps, PositionsMatchDalecsOnRealSpecs) {
  auto hello = loadReal("example-hello.inline.yml");
  auto ops = predictOps(*hello, "azlinux3");
  ASSERT_NE(find(ops, "step"), nullptr);
  EXPECT_EQ(find(ops, "step")->start, (LlbPosition{103, 18}));
  EXPECT_EQ(find(ops, "contains")->start, (LlbPosition{106, 15}));
  EXPECT_EQ(find(ops, "empty")->start, (LlbPosition{108, 18}));
  EXPECT_EQ(find(ops, "permissions")->start, (LlbPosition{99, 22}));
  EXPECT_EQ(find(ops, "build")->start, (LlbPosition{82, 14}));

  auto runc = loadReal("fixture-moby-runc.yml");
  auto runcOps = predictOps(*runc, "azlinux3");
  EXPECT_EQ(find(runcOps, "step")->start, (LlbPosition{118, 18}));
  EXPECT_EQ(find(runcOps, "starts_with")->start, (LlbPosition{120, 24}));
  // The azlinux3 tests come from the x-azl anchor: their ops carry the anchor's lines.
  const PredictedOp* notExist = find(runcOps, "not_exist");
  ASSERT_NE(notExist, nullptr);
  EXPECT_EQ(notExist->targetKey, "azlinux3");
  EXPECT_EQ(notExist->start, (LlbPosition{46, 22}));
  // jammy has no tests of its own.
  EXPECT_EQ(find(predictOps(*runc, "jammy"), "not_exist"), nullptr);
}

TEST(PredictedOps, KindsOrderAndNamesInSpecTerms) {
  auto model = load(std::string(dalec::testing::kSpecHeader) +
                    "tests:\n  - name: works\n    steps:\n      - command: demo --version\n        stdout:\n"
                    "          matches: [\"v1\", \"v2\"]\n    files:\n      /usr/bin/demo:\n        permissions: 0755\n"
                    "      /etc/demo:\n        is_dir: true\n      /gone:\n        not_exist: true\n      /implicit:\n");
  auto ops = predictOps(*model, "");
  std::vector<std::string> names;
  for (const auto& op : ops) names.push_back(op.description);
  EXPECT_THAT(names, ElementsAre("test `works` › step 1: `demo --version`", "test `works` › step 1 stdout matches v1",
                                 "test `works` › step 1 stdout matches v2", "test `works` › check `/etc/demo` is_dir directory",
                                 "test `works` › check `/gone` not_exist", "test `works` › check `/implicit` is_dir not a directory",
                                 "test `works` › check `/usr/bin/demo` is_dir not a directory",
                                 "test `works` › check `/usr/bin/demo` permissions 755"));
  EXPECT_FALSE(ops[5].hasLocation);  // the implicit existence check
  EXPECT_FALSE(ops[6].hasLocation);
  EXPECT_TRUE(ops[7].hasLocation);
  EXPECT_EQ(ops[1].start, (LlbPosition{14, 21}));  // the first "v1", quote included
  EXPECT_EQ(ops[2].start, (LlbPosition{14, 27}));
}

TEST(SpecPositions, LeadingBlankLinesAreTrimmedLikeDalec) {
  auto model = load("\n\n  \nname: x\ntests:\n  - name: t\n    steps:\n      - command: echo\n");
  SpecPositions positions(*model->document);
  auto ops = predictOps(*model, "");
  ASSERT_EQ(ops.size(), 1u);
  EXPECT_EQ(ops[0].start, (LlbPosition{5, 18}));  // file line 8
  EXPECT_EQ(positions.editorLine(5), 8);
  auto back = positions.fromDalec(ops[0].start);
  ASSERT_TRUE(back);
  EXPECT_EQ(model->document->text().substr(*back, 4), "echo");
}

TEST(TestRunnerCall, ParsesDalecsArguments) {
  auto call = parseTestRunnerCall({"/tmp/internal/dalec/testrunner/frontend", "test-runner", "check-file-isdir", "--not=true",
                                   "--no-follow-symlinks=false", "/usr/bin/foo"});
  ASSERT_TRUE(call);
  EXPECT_EQ(call->checkKind, "is_dir");
  EXPECT_TRUE(call->negated);
  EXPECT_FALSE(call->noFollowSymlinks);
  EXPECT_EQ(call->path, "/usr/bin/foo");
  auto stream = parseTestRunnerCall({"/tmp/internal/dalec/testrunner/frontend", "test-runner", "check-file-equals",
                                     "/tmp/internal/dalec/testrunner/step/output/stdout", "hello"});
  EXPECT_EQ(displayPath(stream->path), "stdout");
  EXPECT_EQ(stream->expected, "hello");
  EXPECT_TRUE(parseTestRunnerCall({"/tmp/internal/dalec/testrunner/frontend", "test-runner", "step-runner"})->isStep());
  EXPECT_FALSE(parseTestRunnerCall({"/bin/sh", "-c", "make"}));
}

// A Definition built here as BuildKit would marshal it.
struct DefinitionBuilder {
  std::string add(const std::vector<std::string>& args, const std::string& customName, std::optional<LlbRange> range) {
    Op op;
    for (const auto& a : args) op.mutable_exec()->mutable_meta()->add_args(a);
    std::string bytes;
    op.SerializeToString(&bytes);
    definition.add_def(bytes);
    const std::string digest = sha256Digest(bytes);
    (*(*definition.mutable_metadata())[digest].mutable_description())["llb.customname"] = customName;
    if (range) {
      Location* location = (*definition.mutable_source()->mutable_locations())[digest].add_locations();
      location->set_sourceindex(0);
      Range* r = location->add_ranges();
      r->mutable_start()->set_line(range->start.line);
      r->mutable_start()->set_character(range->start.character);
      r->mutable_end()->set_line(range->end.line);
      r->mutable_end()->set_character(range->end.character);
    }
    return digest;
  }
  std::string bytes() {
    if (definition.source().infos_size() == 0) {
      SourceInfo* info = definition.mutable_source()->add_infos();
      info->set_filename("spec.yml");
      info->set_language("yaml");
    }
    std::string out;
    definition.SerializeToString(&out);
    return out;
  }
  Definition definition;
};

TEST(Definition, DecodesExecOpsWithLocationsAndNames) {
  DefinitionBuilder builder;
  SourceOp* source = nullptr;
  {
    Op image;
    source = image.mutable_source();
    source->set_identifier("docker-image://docker.io/library/debian:bookworm");
    std::string bytes;
    image.SerializeToString(&bytes);
    builder.definition.add_def(bytes);
  }
  const std::string digest = builder.add({"/bin/sh", "-c", "make"}, "build", LlbRange{{12, 14}, {14, 20}});
  auto decoded = decodeDefinition(builder.bytes());
  ASSERT_FALSE(decoded.error) << *decoded.error;
  EXPECT_EQ(decoded.totalOps, 2u);
  ASSERT_EQ(decoded.execOps.size(), 1u);
  const ExecOpInfo& op = decoded.execOps[0];
  EXPECT_EQ(op.digest, digest);
  EXPECT_EQ(op.digest.size(), 7u + 64u);
  EXPECT_THAT(op.args, ElementsAre("/bin/sh", "-c", "make"));
  EXPECT_EQ(op.customName, "build");
  ASSERT_EQ(op.locations.size(), 1u);
  EXPECT_EQ(op.locations[0].filename, "spec.yml");
  EXPECT_EQ(op.locations[0].ranges[0], (LlbRange{{12, 14}, {14, 20}}));
  EXPECT_EQ(decoded.headDigest, digest);
  EXPECT_TRUE(decodeDefinition("\xff\xff\xff garbage").error);
}

TEST(Definition, OpsMatchByLocationOrByArguments) {
  auto model = load(std::string(dalec::testing::kSpecHeader) +
                    "tests:\n  - name: works\n    steps:\n      - command: demo\n    files:\n      /usr/bin/demo:\n"
                    "        permissions: 0o755\n        contains: [hello]\n");
  auto predicted = predictOps(*model, "");
  const PredictedOp* step = find(predicted, "step");
  const PredictedOp* perms = find(predicted, "permissions");
  DefinitionBuilder builder;
  builder.add({"/tmp/internal/dalec/testrunner/frontend", "test-runner", "step-runner"}, "demo", LlbRange{step->start, step->start});
  builder.add({"/tmp/internal/dalec/testrunner/frontend", "test-runner", "check-file-perms", "--no-follow-symlinks=false",
               "/usr/bin/demo", "755"},
              "check-file-perms", LlbRange{perms->start, perms->start});
  // No location: still recognised from its arguments.
  builder.add({"/tmp/internal/dalec/testrunner/frontend", "test-runner", "check-file-contains", "/usr/bin/demo", "hello"},
              "check-file-contains /usr/bin/demo hello", std::nullopt);
  builder.add({"/bin/sh", "-c", "unrelated"}, "other", std::nullopt);
  auto decoded = decodeDefinition(builder.bytes());
  auto matches = matchOps(decoded, predicted, "SPEC.yml");
  ASSERT_EQ(matches.size(), 4u);
  ASSERT_TRUE(matches[0].predicted && matches[1].predicted && matches[2].predicted);
  EXPECT_EQ(predicted[*matches[0].predicted].kind, OpKind::TestStep);
  EXPECT_EQ(predicted[*matches[1].predicted].checkKind, "permissions");
  EXPECT_EQ(predicted[*matches[2].predicted].checkKind, "contains");
  EXPECT_FALSE(matches[3].predicted);
}

// An op with unknown fields (as a newer BuildKit writes), whose bytes C++ would not reproduce
// field for field: the graph must hand them back untouched.
TEST(DefinitionGraph, UpToSwapsOnlyTheTerminalAndKeepsEveryOpsBytes) {
  DefinitionBuilder builder;
  const std::string first = builder.add({"/bin/sh", "-c", "make"}, "build", std::nullopt);
  Op second;
  second.mutable_exec()->mutable_meta()->add_args("check");
  auto* input = second.add_inputs();
  input->set_digest(first);
  std::string bytes;
  second.SerializeToString(&bytes);
  bytes += std::string("\xa2\x06\x03xyz", 6);  // field 100, length-delimited: unknown to our subset
  builder.definition.add_def(bytes);
  const std::string secondDigest = sha256Digest(bytes);
  Op terminal;
  terminal.add_inputs()->set_digest(secondDigest);
  std::string terminalBytes;
  terminal.SerializeToString(&terminalBytes);
  builder.definition.add_def(terminalBytes);

  std::string error;
  auto graph = DefinitionGraph::from(builder.definition, error);
  ASSERT_TRUE(graph) << error;
  EXPECT_EQ(graph->head().digest, secondDigest);
  EXPECT_EQ(graph->inputsOf(secondDigest).size(), 1u);
  EXPECT_THAT(graph->closureOf(secondDigest), ElementsAre(secondDigest, first));
  const Definition upTo = graph->upTo({first, 0});
  ASSERT_EQ(upTo.def_size(), 3);
  EXPECT_EQ(upTo.def(1), bytes);
  EXPECT_EQ(sha256Digest(upTo.def(1)), secondDigest);
  Op newTerminal;
  ASSERT_TRUE(newTerminal.ParseFromString(upTo.def(2)));
  EXPECT_EQ(newTerminal.inputs(0).digest(), first);
  EXPECT_TRUE(upTo.metadata().count(sha256Digest(upTo.def(2))));
}

TEST(DefinitionGraph, WhatCannotBeDebuggedSaysWhy) {
  std::string error;
  EXPECT_FALSE(DefinitionGraph::from(Definition{}, error));
  EXPECT_EQ(error, "the Definition has no ops");
  DefinitionBuilder builder;
  builder.add({"/bin/true"}, "x", std::nullopt);
  EXPECT_FALSE(DefinitionGraph::from(builder.definition, error));
  EXPECT_EQ(error, "the Definition's last op is not a terminal");
}

TEST(DebugProgram, TestOpsInDalecsOrderEachTestWithItsSharedChecks) {
  auto model = load(std::string(dalec::testing::kSpecHeader) +
                    "tests:\n  - name: first\n    files:\n      /etc/x:\n        contains: [a]\n"
                    "  - name: second\n    files:\n      /etc/x:\n        contains: [b]\n");
  auto predicted = predictOps(*model, "");
  DefinitionBuilder builder;
  const std::string runner = "/tmp/internal/dalec/testrunner/frontend";
  // Dalec's own order differs from the spec's; one "exists, not a directory" op serves both tests.
  builder.add({runner, "test-runner", "check-file-contains", "/etc/x", "b"}, "b", std::nullopt);
  builder.add({runner, "test-runner", "check-file-isdir", "--not=true", "/etc/x"}, "isdir", std::nullopt);
  builder.add({runner, "test-runner", "check-file-contains", "/etc/x", "a"}, "a", std::nullopt);
  builder.add({"/bin/sh", "-c", "dpkg-buildpackage"}, "build", std::nullopt);
  const DebugProgram program = buildProgram(decodeDefinition(builder.bytes()), *model, "", "SPEC.yml");
  std::vector<std::string> order;
  for (const ProgramStep& step : program.steps) order.push_back(program.predicted[step.predicted].testName + " " + step.exec.customName);
  EXPECT_THAT(order, ElementsAre("first isdir", "first a", "second isdir", "second b"));
  EXPECT_EQ(program.unmatchedOps, 1u);
  EXPECT_EQ(program.stepOf(program.steps[2].predicted), 2);
}

class Breakpoints : public ::testing::Test {
 protected:
  void SetUp() override {
    model = load(t.text());
    ops = predictOps(*model, "azlinux3");
  }
  int line(const std::string& point) { return model->document->lines().toRune(t.point(point)).line; }
  dalec::testing::AnnotatedText t{
      "name: demo\n"
      "build:\n  steps:\n    - command: make\n    - $later^command: make install\n"
      "x-tests: &t\n  - name: shared\n    files:\n      /etc/x:\n        is_dir: true\n"
      "tests:\n  - $name^name: works\n    steps:\n      - command: |\n          /bin/sh -c 'echo hi\n          $inner^echo bye'\n"
      "        $stdin^stdin: hi\n        stdout:\n          matches: [\"a\", \"$second^b\"]\n\n$blank^"
      "    files:\n      $implicit^/usr/bin/demo:\n        $perm^permissions: 0o755\n        no_follow: true\n"
      "targets:\n  azlinux3:\n    $alias^tests: *t\n"};
  std::shared_ptr<const spec::SpecModel> model;
  std::vector<PredictedOp> ops;
};

TEST_F(Breakpoints, OnACheckLineBindsAtTheOpsStartColumn) {
  auto binding = bindBreakpoint(*model, ops, line("perm"));
  EXPECT_TRUE(binding.verified);
  EXPECT_EQ(binding.editorLine, line("perm"));
  EXPECT_EQ(binding.target, (LlbPosition{line("perm"), 22}));
  EXPECT_EQ(ops[binding.ops[0]].checkKind, "permissions");
}

TEST_F(Breakpoints, SeveralOpsOnALineAndAColumnPicksOne) {
  auto both = bindBreakpoint(*model, ops, line("second"));
  EXPECT_EQ(both.ops.size(), 2u);
  auto second = bindBreakpoint(*model, ops, line("second"), model->document->lines().toRune(t.point("second")).column);
  ASSERT_EQ(second.ops.size(), 1u);
  EXPECT_EQ(ops[second.ops[0]].expected, "b");
}

TEST_F(Breakpoints, InsideACommandOrALaterBuildStepBindsToTheOp) {
  auto inner = bindBreakpoint(*model, ops, line("inner"));
  EXPECT_TRUE(inner.verified);
  EXPECT_EQ(inner.editorLine, line("inner") - 2);  // the '|' line
  auto later = bindBreakpoint(*model, ops, line("later"));
  EXPECT_TRUE(later.verified);
  EXPECT_EQ(later.editorLine, 4);
  EXPECT_EQ(later.message, "all build steps run as one op, located at the first step");
}

TEST_F(Breakpoints, LinesThatNeverBindSayWhy) {
  auto name = bindBreakpoint(*model, ops, line("name"));
  EXPECT_FALSE(name.verified);
  EXPECT_EQ(name.message, "a test's name runs nothing; put the breakpoint on one of its steps or checks");
  EXPECT_EQ(bindBreakpoint(*model, ops, line("stdin")).message,
            "the step's stdin is passed to its command; put the breakpoint on command:");
  EXPECT_THAT(bindBreakpoint(*model, ops, line("implicit")).message, ::testing::StartsWith("Dalec checks that /usr/bin/demo exists"));
  EXPECT_EQ(bindBreakpoint(*model, ops, line("perm") + 1).message,
            "no_follow changes how this path's checks run; it is not a check of its own");
  EXPECT_EQ(bindBreakpoint(*model, ops, line("alias")).message,
            "these tests are written at the anchor &t on line 7; set breakpoints there");
  EXPECT_EQ(bindBreakpoint(*model, ops, 1).message, "no build step or test check runs on this line");
}

TEST_F(Breakpoints, ABlankLineInATestMovesToItsNextCheck) {
  auto binding = bindBreakpoint(*model, ops, line("blank"));
  EXPECT_TRUE(binding.verified);
  EXPECT_EQ(binding.editorLine, line("perm"));
  EXPECT_EQ(binding.message, "moved to the next check of this test");
}

}  // namespace
}  // namespace dalec::llb
