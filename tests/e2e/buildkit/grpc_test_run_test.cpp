// The test-run client (shared/testrun) on its own, against the real buildkitd and the real Dalec
// frontend of the end-to-end suite (BUILDKIT_HOST, set by with-buildkitd.sh): the daemon's
// workers, Dalec's failure details past gRPC's default metadata limit, cancelling, no daemon.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "buildkit/routes/address.h"
#include "buildkit/control_client.h"
#include "checks_fixture.h"
#include "testrun/test_run.h"
#include "yaml/node.h"

namespace dalec::testing {
namespace {

struct SpecRun {
  testrun::TestReport report;
  std::shared_ptr<const yaml::Document> document;
};

// Runs the spec's bookworm tests on the suite's daemon; `progress` sees each update.
SpecRun runSpec(const std::string& text, buildkit::ControlClient& client,
            const testrun::ProgressSink& progress = nullptr) {
  SpecRun run;
  run.document = yaml::parse(text);
  auto model = spec::buildModel(run.document);
  testrun::TestRunOptions options;
  options.target = "bookworm";
  const testrun::TestRequest request = testrun::buildTestRequest(checksSpecPath(), text, *model, options);
  if (!request.request) throw std::runtime_error(request.error);
  run.report = testrun::runTests(client, *request.request, {model.get(), "bookworm", request.specFilename}, progress);
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

TEST(BuildkitGrpc, DalecsFailureDetailsLargerThanGrpcsDefaultMetadataLimitStillArrive) {
  // BuildKit sends the failing op's source (the whole spec) and stack traces in the status trailer:
  // with a large spec that is far past gRPC's 8 KiB default for metadata, which made the client
  // reset the stream ("Received RST_STREAM with error code 2") instead of reporting.
  std::string text = checksSpec();
  text.replace(text.find("          - greeting=hi\n"), 24, "          - greeting=hello\n");
  text += "# " + std::string(64 * 1024, 'x') + "\n";
  buildkit::ControlClient client(daemonAddress());
  SpecRun run = runSpec(text, client);
  ASSERT_EQ(run.report.outcome, testrun::TestReport::Outcome::Failed) << run.report.error;
  ASSERT_EQ(run.report.failures.size(), 1u);
  // `greeting=hello` on line 35 (0-based 34), columns 12..26 in the editor's terms.
  EXPECT_EQ(run.document->lines().toUtf16(run.report.failures[0].range), (Utf16Range{{34, 12}, {34, 26}}));
  EXPECT_EQ(run.report.failures[0].message,
            "\"/etc/hello.conf\": check_type=contains expected: \"greeting=hello\", got \"greeting=hi\"\n"
            "test `config is installed` › check `/etc/hello.conf` contains greeting=hello (exit code 3)");
}

TEST(BuildkitGrpc, CancelStopsASolveInProgress) {
  std::string text = checksSpec();
  text.replace(text.find("test -r /etc/hello.conf"), 23, "sleep 600");
  buildkit::ControlClient client(daemonAddress());
  std::atomic<bool> running{false}, finished{false};
  std::thread canceller([&] {
    while (!running && !finished) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (finished) return;  // the run ended before the step started: the assertions below say how
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    client.cancel();
  });
  const auto started = std::chrono::steady_clock::now();
  SpecRun run = runSpec(text, client, [&](const testrun::RunProgress& p) {
    if (p.message.find("sleep 600") != std::string::npos) running = true;
  });
  finished = true;
  canceller.join();
  EXPECT_EQ(run.report.outcome, testrun::TestReport::Outcome::Cancelled) << run.report.error;
  EXPECT_EQ(run.report.error, "the test run was cancelled");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::minutes(10));
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
