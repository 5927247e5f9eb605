// The test-run client against the real buildkitd of the end-to-end suite (BUILDKIT_HOST, set by
// with-buildkitd.sh): ListWorkers, and a solve of the graph Dalec emits for a spec's file checks,
// whose failure must come back placed on the failing check with Dalec's message.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <thread>
#include <fstream>
#include <sstream>

#include "buildkit/address.h"
#include "buildkit/control_client.h"
#include "dalec_shaped_graph.h"
#include "hello_config_fixture.h"
#include "testrun/test_run.h"
#include "yaml/node.h"

namespace dalec::testing {
namespace {

struct FixtureRun {
  testrun::TestReport report;
  std::shared_ptr<const yaml::Document> document;
  std::vector<std::string> progress;
};

FixtureRun runFixture(const std::string& specText, const std::string& expectedContent) {
  FixtureRun run;
  run.document = yaml::parse(specText);
  auto model = spec::buildModel(run.document);
  moby::buildkit::v1::SolveRequest request;
  *request.mutable_definition() = dalecShapedTestGraph(helloConfigTest(specText, expectedContent));
  buildkit::ControlClient client(daemonAddress());
  run.report = testrun::runTests(client, request, {model.get(), "azlinux3", "hello-config.dalec.yml"},
                                 [&](const testrun::RunProgress& p) { run.progress.push_back(p.message); });
  return run;
}

TEST(BuildkitGrpc, ListWorkersNamesTheDaemonsPlatform) {
  buildkit::ControlClient client(daemonAddress());
  ASSERT_EQ(client.connect(std::chrono::seconds(5)), std::nullopt);
  std::string error;
  auto workers = client.listWorkers(std::chrono::seconds(5), error);
  ASSERT_TRUE(workers) << error;
  ASSERT_FALSE(workers->empty());
  EXPECT_NE(std::find(workers->front().platforms.begin(), workers->front().platforms.end(), "linux/amd64"),
            workers->front().platforms.end());
}

TEST(BuildkitGrpc, OneFailingCheckGivesOneFailureOnItsRangeThenFixingItPasses) {
  const std::string spec = helloConfigSpec();
  ASSERT_NE(spec.find("- greeting=hello"), std::string::npos);

  FixtureRun failing = runFixture(spec, "greeting=hello");
  ASSERT_EQ(failing.report.outcome, testrun::TestReport::Outcome::Failed) << failing.report.error;
  ASSERT_EQ(failing.report.failures.size(), 1u);
  const testrun::CheckFailure& failure = failing.report.failures[0];
  // The element `greeting=hello` on line 27 (0-based 26), columns 12..26 in the editor's terms.
  const Utf16Range range = failing.document->lines().toUtf16(failure.range);
  EXPECT_EQ(range, (Utf16Range{{26, 12}, {26, 26}}));
  EXPECT_EQ(failure.message,
            "\"/etc/hello.conf\": check_type=contains expected: \"greeting=hello\", got \"greeting=hi\"\n"
            "test `config is installed` › check `/etc/hello.conf` contains greeting=hello (exit code 3)");
  EXPECT_NE(failing.report.error.find("did not complete successfully: exit code: 3"), std::string::npos)
      << failing.report.error;
  // The status stream named the check ops as they ran.
  EXPECT_NE(std::find(failing.progress.begin(), failing.progress.end(),
                      "check-file-perms --no-follow-symlinks=false /etc/hello.conf 644"),
            failing.progress.end());

  // The author fixes the expectation; the same check now passes, so nothing is reported.
  std::string fixed = spec;
  fixed.replace(fixed.find("- greeting=hello"), 16, "- greeting=hi   ");
  FixtureRun passing = runFixture(fixed, "greeting=hi");
  EXPECT_EQ(passing.report.outcome, testrun::TestReport::Outcome::Passed) << passing.report.error;
  EXPECT_TRUE(passing.report.failures.empty());
}

TEST(BuildkitGrpc, FailureDetailsLargerThanGrpcsDefaultMetadataLimitStillArrive) {
  // BuildKit sends the failing op's source (the whole spec) and stack traces in the status trailer;
  // with a real Dalec build that is well past gRPC's 8 KiB default for metadata, which made the
  // client reset the stream ("Received RST_STREAM with error code 2") instead of reporting.
  std::string spec = helloConfigSpec();
  spec += "# " + std::string(64 * 1024, 'x') + "\n";
  FixtureRun run = runFixture(spec, "greeting=hello");
  ASSERT_EQ(run.report.outcome, testrun::TestReport::Outcome::Failed) << run.report.error;
  ASSERT_EQ(run.report.failures.size(), 1u);
  EXPECT_EQ(run.document->lines().toUtf16(run.report.failures[0].range), (Utf16Range{{26, 12}, {26, 26}}));
}

TEST(BuildkitGrpc, AFailingMetadataCheckIsPlacedOnItsZeroWidthValue) {
  std::string spec = helloConfigSpec();
  spec.replace(spec.find("permissions: 0644"), 17, "permissions: 0600");
  FixtureRun run;
  run.document = yaml::parse(spec);
  auto model = spec::buildModel(run.document);
  FixtureTest test = helloConfigTest(spec, "greeting=hi");
  test.checks[0].args.back() = "600";
  moby::buildkit::v1::SolveRequest request;
  *request.mutable_definition() = dalecShapedTestGraph(test);
  buildkit::ControlClient client(daemonAddress());
  run.report = testrun::runTests(client, request, {model.get(), "azlinux3", "hello-config.dalec.yml"}, nullptr);
  ASSERT_EQ(run.report.outcome, testrun::TestReport::Outcome::Failed) << run.report.error;
  ASSERT_EQ(run.report.failures.size(), 1u);
  EXPECT_EQ(run.document->lines().toUtf16(run.report.failures[0].range), (Utf16Range{{24, 21}, {24, 25}}));
  EXPECT_EQ(run.report.failures[0].message,
            "\"/etc/hello.conf\": check_type=permissions expected: \"600\", got \"644\"\n"
            "test `config is installed` › check `/etc/hello.conf` permissions 600 (exit code 2)");
}

TEST(BuildkitGrpc, CancelStopsASolveInProgress) {
  const std::string spec = helloConfigSpec();
  auto document = yaml::parse(spec);
  auto model = spec::buildModel(document);
  FixtureTest test = helloConfigTest(spec, "greeting=hi");
  test.checks = {{"step-runner", {"sleep 600"}, {27, 13}}};
  moby::buildkit::v1::SolveRequest request;
  *request.mutable_definition() = dalecShapedTestGraph(test);
  buildkit::ControlClient client(daemonAddress());
  std::atomic<bool> running{false}, finished{false};
  std::thread canceller([&] {
    while (!running && !finished) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (finished) return;  // the run ended before the step started: the assertions below say how
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    client.cancel();
  });
  const auto started = std::chrono::steady_clock::now();
  auto report = testrun::runTests(client, request, {model.get(), "azlinux3", "hello-config.dalec.yml"},
                                  [&](const testrun::RunProgress& p) {
                                    if (p.message.find("step-runner sleep 600") != std::string::npos) running = true;
                                  });
  finished = true;
  canceller.join();
  EXPECT_EQ(report.outcome, testrun::TestReport::Outcome::Cancelled) << report.error;
  EXPECT_EQ(report.error, "the test run was cancelled");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(15));
}

TEST(BuildkitGrpc, NoDaemonAtTheAddressIsAClearErrorNotAHang) {
  buildkit::ControlClient client(*buildkit::parseDaemonAddress("unix:///nonexistent/buildkitd.sock").value);
  const auto started = std::chrono::steady_clock::now();
  auto error = client.connect(std::chrono::seconds(2));
  ASSERT_TRUE(error);
  EXPECT_EQ(*error, "no BuildKit socket at /nonexistent/buildkitd.sock (is buildkitd running? set the address with "
                    "--addr, the dalec.buildkit.address setting or BUILDKIT_HOST)");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
}

}  // namespace
}  // namespace dalec::testing
