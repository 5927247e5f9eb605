// buildx's view (Dalec positions, LLB names) rewritten into the editor's (file lines, spec terms).
#include <gtest/gtest.h>

#include "bridge/spec_rewriter.h"
#include "spec_fixtures.h"

namespace dalec::dap {
namespace {

using nlohmann::json;

// Two leading blank lines: Dalec's lines are two less than the file's.
const char* kSpec =
    "\n\n# syntax=ghcr.io/project-dalec/dalec/frontend:latest\nname: demo\n"
    "tests:\n  - name: works\n    steps:\n      - command: démo --version\n        stdout:\n          contains: [\"v1\"]\n"
    "    files:\n      /usr/bin/demo:\n        permissions: 0o755\n";

class SpecRewriterTest : public ::testing::Test {
 protected:
  SpecRewriter rewriter{dalec::testing::analyseText(kSpec).model, "", "/ws/Spec.yml", "/ws/spec.yml"};
};

TEST_F(SpecRewriterTest, PathsMatchIgnoringCase) {
  EXPECT_TRUE(rewriter.isSpecPath("/WS/SPEC.YML"));
  EXPECT_FALSE(rewriter.isSpecPath("/ws/Dockerfile"));
}

TEST_F(SpecRewriterTest, StackFramesGetFileLinesAndSpecNames) {
  // The step's command starts at Dalec 6:18 (file line 8); the contains check at Dalec 8:22.
  json frames = {{{"id", 7}, {"name", "démo --version"}, {"line", 6}, {"column", 18},
                  {"source", {{"path", "/ws/Spec.yml"}, {"name", "Spec.yml"}}}},
                 {{"id", 8}, {"name", "check-file-contains /tmp/internal/dalec/testrunner/step/output/stdout v1"}, {"line", 8},
                  {"column", 22}, {"source", {{"path", "/ws/Spec.yml"}}}},
                 {{"id", 9}, {"name", "true"}, {"line", 0}, {"column", 0}}};
  auto shown = rewriter.rewriteStackFrames(frames);
  ASSERT_EQ(shown.size(), 2u);
  EXPECT_EQ(frames[0]["name"], "test `works` › step 1: `démo --version`");
  EXPECT_EQ(frames[0]["line"], 8);
  EXPECT_EQ(frames[0]["column"], 18);
  EXPECT_EQ(frames[0]["source"]["path"], "/ws/spec.yml");
  EXPECT_EQ(frames[0]["endColumn"], 32);  // after "démo --version" (é is one UTF-16 unit)
  EXPECT_EQ(frames[1]["name"], "test `works` › step 1 stdout contains v1");
  EXPECT_EQ(frames[1]["line"], 10);
  EXPECT_FALSE(frames[2].contains("source"));
  EXPECT_EQ(frames[2]["name"], "true");
}

TEST_F(SpecRewriterTest, BreakpointsGetFileLinesAndWhatTheyBind) {
  json bp = {{"id", 3}, {"verified", true}, {"line", 11}, {"endLine", 11}, {"column", 22}, {"endColumn", 22},
             {"source", {{"path", "/ws/Spec.yml"}}}};
  rewriter.rewriteBreakpoint(bp);
  EXPECT_EQ(bp["line"], 13);
  EXPECT_EQ(bp["endLine"], 13);
  EXPECT_EQ(bp["column"], 22);
  EXPECT_FALSE(bp.contains("endColumn"));
  EXPECT_EQ(bp["message"], "test `works` › check `/usr/bin/demo` permissions 755");
  json other = {{"line", 3}, {"source", {{"path", "/ws/Dockerfile"}}}};
  rewriter.rewriteBreakpoint(other);
  EXPECT_EQ(other["line"], 3);
}

TEST_F(SpecRewriterTest, BindingSendsDalecPositions) {
  auto binding = rewriter.bind(13, std::nullopt);
  ASSERT_TRUE(binding.verified);
  EXPECT_EQ(binding.target, (llb::LlbPosition{11, 22}));
  EXPECT_EQ(binding.editorLine, 13);
  auto focus = rewriter.firstOpOfTest("works");
  ASSERT_TRUE(focus);
  EXPECT_EQ(focus->target, (llb::LlbPosition{6, 18}));
  EXPECT_FALSE(rewriter.firstOpOfTest("nope"));
}

TEST_F(SpecRewriterTest, FailureTextNamesTheCheck) {
  EXPECT_EQ(rewriter.failureText("\"stdout\": check_type=contains expected: \"v1\", got \"v0\\n\""),
            "test `works` › step 1 stdout contains v1: expected: \"v1\", got \"v0\\n\"");
  EXPECT_EQ(rewriter.failureText("\"/usr/bin/demo\": check_type=not_exist expected: \"exists=true\", got \"exists=false\""),
            "test `works` › check `/usr/bin/demo` is_dir not a directory: expected: \"exists=true\", got \"exists=false\"");
  EXPECT_EQ(rewriter.failureText("process \"x\" did not complete successfully: exit code: 42"),
            "process \"x\" did not complete successfully: exit code: 42");
  EXPECT_EQ(rewriter.failureText(""), "a step or check of the build failed (see the output)");
}

}  // namespace
}  // namespace dalec::dap
