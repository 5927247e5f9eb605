#include "testrun/test_run.h"

namespace dalec::testrun {

TestReport runTests(buildkit::ControlClient& client, const moby::buildkit::v1::SolveRequest& request,
                    const RunInput& input, const ProgressSink& progress, std::chrono::milliseconds connectTimeout) {
  TestReport report;
  if (auto error = client.connect(connectTimeout)) {
    report.outcome = TestReport::Outcome::Error;
    report.error = *error;
    report.daemonUnreachable = true;
    return report;
  }
  VertexLogBook book;
  const buildkit::SolveOutcome outcome = client.solve(request, [&](const moby::buildkit::v1::StatusResponse& status) {
    const StatusChange change = book.record(status);
    if (!progress) return;
    RunProgress update;
    // What is still running says more than what started and ended within one status message: a
    // slow check or step stays on screen until it is done.
    if (!change.newestRunning.empty()) update.message = change.newestRunning;
    else if (!change.startedNames.empty()) update.message = change.startedNames.back();
    if (!change.failedNames.empty()) update.message = "failed: " + change.failedNames.back();
    if (!change.lastLogLine.empty()) update.message += (update.message.empty() ? "" : " — ") + change.lastLogLine;
    if (change.totalCount > 0) update.percentage = static_cast<int>(change.completedCount * 100 / change.totalCount);
    if (!update.message.empty()) progress(update);
  });
  if (outcome.cancelled) {
    report.outcome = TestReport::Outcome::Cancelled;
    report.error = "the test run was cancelled";
    return report;
  }
  if (outcome.ok) return report;  // Passed
  const VertexRecord failed = outcome.failure.vertex ? book.find(*outcome.failure.vertex) : VertexRecord{};
  return reportFailure(outcome.failure, failed, *input.model, input.targetKey, input.specFilename);
}

}  // namespace dalec::testrun
