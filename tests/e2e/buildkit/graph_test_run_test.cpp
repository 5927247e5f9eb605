// Test runs through the Definition Dalec returns (shared/testrun/graph_test_run), against the real
// buildkitd and the real Dalec frontend: every failing check of a run, each on its check, and a
// run of one test that builds only that test's ops (counted from the daemon's status stream).
#include <gtest/gtest.h>

#include <algorithm>

#include "buildkit/control_client.h"
#include "checks_fixture.h"
#include "testrun/graph_test_run.h"
#include "yaml/node.h"

namespace dalec::testing {
namespace {

struct GraphRun {
  testrun::TestReport report;
  testrun::GraphRunStats stats;
  std::shared_ptr<const yaml::Document> document;
};

GraphRun runThroughGraph(const std::string& text, const std::string& onlyTest = "") {
  GraphRun run;
  run.document = yaml::parse(text);
  auto model = spec::buildModel(run.document);
  testrun::TestRunOptions options;
  options.target = "bookworm";
  const testrun::TestRequest request = testrun::buildTestRequest(checksSpecPath(), text, *model, options);
  if (!request.request) throw std::runtime_error(request.error);
  buildkit::ControlClient client(daemonAddress());
  run.report = testrun::runTestsThroughGraph(client, *request.request, {model.get(), "bookworm", request.specFilename},
                                             {onlyTest}, nullptr, &run.stats);
  return run;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("the fixture has no " + from);
  return text.replace(at, from.size(), to);
}

int lineOf(const yaml::Document& document, const std::string& needle) {
  return static_cast<int>(document.lines().lineOf(document.text().find(needle)));
}

TEST(GraphTestRun, TwoFailingChecksInTwoTestsAreBothReportedByOneRun) {
  std::string text = replaced(checksSpec(), "          - greeting=hi\n", "          - greeting=hello\n");
  text = replaced(text, "/usr/bin/hello:\n        permissions: 0o755", "/usr/bin/hello:\n        permissions: 0o700");
  GraphRun run = runThroughGraph(text);
  ASSERT_EQ(run.report.outcome, testrun::TestReport::Outcome::Failed) << run.report.error;
  ASSERT_EQ(run.report.failures.size(), 2u);
  const auto& lines = run.document->lines();
  EXPECT_EQ(static_cast<int>(lines.lineOf(run.report.failures[0].range.begin)), lineOf(*run.document, "greeting=hello"));
  EXPECT_EQ(run.document->slice(run.report.failures[0].range), "greeting=hello");
  EXPECT_NE(run.report.failures[0].message.find("check_type=contains"), std::string::npos) << run.report.failures[0].message;
  EXPECT_EQ(static_cast<int>(lines.lineOf(run.report.failures[1].range.begin)), lineOf(*run.document, "permissions: 0o700"));
  EXPECT_NE(run.report.failures[1].message.find("check_type=permissions"), std::string::npos) << run.report.failures[1].message;
  EXPECT_EQ(run.stats.opsRun, run.stats.opsInProgram);
}

TEST(GraphTestRun, OneTestRunsOnlyItsOwnOps) {
  GraphRun run = runThroughGraph(checksSpec(), "files are in place");
  ASSERT_EQ(run.report.outcome, testrun::TestReport::Outcome::Passed) << run.report.error;
  // Its two checks and the two "exists, not a directory" checks Dalec adds for their files.
  EXPECT_EQ(run.stats.opsRun, 4u);
  EXPECT_GT(run.stats.opsInProgram, run.stats.opsRun);
  const auto& started = run.stats.startedVertices;
  auto any = [&](const std::string& needle) {
    return std::any_of(started.begin(), started.end(), [&](const std::string& name) { return name.find(needle) != std::string::npos; });
  };
  EXPECT_TRUE(any("echo hello")) << ::testing::PrintToString(started);
  // Other tests' checks and steps did not run.
  EXPECT_FALSE(any("greeting=hi")) << ::testing::PrintToString(started);
  EXPECT_FALSE(any("/usr/bin/hello stdout")) << ::testing::PrintToString(started);
  EXPECT_FALSE(any("test -r /etc/hello.conf")) << ::testing::PrintToString(started);
}

TEST(GraphTestRun, ATestTheTargetDoesNotHaveIsAnError) {
  GraphRun run = runThroughGraph(checksSpec(), "no such test");
  EXPECT_EQ(run.report.outcome, testrun::TestReport::Outcome::Error);
  EXPECT_EQ(run.report.error, "the target bookworm/deb has no test `no such test`");
}

}  // namespace
}  // namespace dalec::testing
