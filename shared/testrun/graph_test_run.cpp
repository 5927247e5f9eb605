#include "testrun/graph_test_run.h"

#include <set>
#include <thread>

#include "buildkit/gateway_session.h"
#include "llb/debug_program.h"
#include "llb/definition_graph.h"

namespace dalec::testrun {

namespace {

// Dalec's explanation travels only in the failed op's log, which can trail the error a little.
VertexRecord failedRecord(const VertexLogBook& book, const std::string& digest) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
  VertexRecord record = book.find(digest);
  while (failureText(record).find("check_type=") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    record = book.find(digest);
  }
  return record;
}

TestReport errorReport(std::string message, bool cancelled = false) {
  TestReport report;
  report.outcome = cancelled ? TestReport::Outcome::Cancelled : TestReport::Outcome::Error;
  report.error = cancelled ? "the test run was cancelled" : std::move(message);
  return report;
}

}  // namespace

TestReport runTestsThroughGraph(buildkit::ControlClient& client, const moby::buildkit::v1::SolveRequest& request,
                                const RunInput& input, const GraphRunOptions& options, const ProgressSink& progress,
                                GraphRunStats* stats, std::chrono::milliseconds connectTimeout) {
  if (auto error = client.connect(connectTimeout)) {
    TestReport report = errorReport(*error);
    report.daemonUnreachable = true;
    return report;
  }
  VertexLogBook book;
  buildkit::GatewaySession session(client);
  buildkit::CancelForwarding forwardCancel(client, session);

  auto onStatus = [&](const moby::buildkit::v1::StatusResponse& status) {
    const StatusChange change = book.record(status);
    if (progress && !change.newestRunning.empty()) progress({change.newestRunning, -1});
  };
  if (auto error = session.open(onStatus, std::chrono::seconds(15))) return errorReport(*error, session.cancelled());
  if (auto missing = buildkit::missingCaps(session.caps(), {"gateway.evaluate", "proto.refarray", "frontend.inputs", "return"}))
    return errorReport(*missing);

  auto frontend = session.solveFrontend(request);
  if (!frontend.ok()) {
    if (session.cancelled()) return errorReport("", true);
    return reportFailure(frontend.failure, {}, *input.model, input.targetKey, input.specFilename);
  }
  std::string bytes, error;
  frontend.value->def().SerializeToString(&bytes);
  auto graph = llb::DefinitionGraph::from(frontend.value->def(), error);
  if (!graph) return errorReport("the frontend's Definition cannot be read: " + error);
  const llb::DebugProgram program = llb::buildProgram(llb::decodeDefinition(bytes), *input.model, input.targetKey, input.specFilename);

  std::vector<const llb::ProgramStep*> steps;
  for (const llb::ProgramStep& step : program.steps)
    if (options.onlyTest.empty() || program.predicted[step.predicted].testName == options.onlyTest) steps.push_back(&step);
  if (!options.onlyTest.empty() && steps.empty())
    return errorReport("the target " + request.frontendattrs().at("target") + " has no test `" + options.onlyTest + "`");

  TestReport report;
  std::set<std::string> failedOps;  // a failing step fails the checks that read its output: said once
  std::size_t done = 0;
  for (const llb::ProgramStep* step : steps) {
    const llb::PredictedOp& op = program.predicted[step->predicted];
    if (progress) progress({op.description, static_cast<int>(done * 100 / steps.size())});
    ++done;
    auto ref = session.solve(graph->upTo({step->exec.digest, 0}));
    buildkit::SolveFailure failure;
    bool failed = !ref.ok();
    if (ref.ok()) {
      auto evaluated = session.evaluate(*ref.value);
      failed = !evaluated.ok();
      if (failed) failure = evaluated.failure;
    } else {
      failure = ref.failure;
    }
    if (!failed) continue;
    if (session.cancelled()) return errorReport("", true);
    const std::string vertex = failure.vertex.value_or(step->exec.digest);
    if (!failedOps.insert(vertex).second) continue;
    if (vertex != step->exec.digest) {
      // Something this op stands on failed (the package build, Dalec's own ops): nothing to place
      // on the spec's tests; say it as the whole run's failure.
      bool known = false;
      for (const llb::ProgramStep& other : program.steps) known = known || other.exec.digest == vertex;
      if (!known) {
        TestReport whole = reportFailure(failure, failedRecord(book, vertex), *input.model, input.targetKey, input.specFilename);
        if (whole.outcome == TestReport::Outcome::Failed) {
          for (CheckFailure& f : whole.failures) report.failures.push_back(std::move(f));
          continue;
        }
        return whole;
      }
    }
    report.outcome = TestReport::Outcome::Failed;
    report.error = failure.message;
    report.failures.push_back({op.node, failureMessage(failure, failureText(failedRecord(book, vertex)), &op), op.description});
  }
  if (stats) {
    stats->opsInProgram = program.steps.size();
    stats->opsRun = steps.size();
  }
  // Every test passed: the rest of the target as its build would run (a whole run only).
  if (report.failures.empty() && options.onlyTest.empty()) {
    auto evaluated = session.evaluate(frontend.value->id());
    if (!evaluated.ok()) {
      if (session.cancelled()) return errorReport("", true);
      const VertexRecord record = evaluated.failure.vertex ? failedRecord(book, *evaluated.failure.vertex) : VertexRecord{};
      report = reportFailure(evaluated.failure, record, *input.model, input.targetKey, input.specFilename);
    }
  }
  if (!report.failures.empty()) report.outcome = TestReport::Outcome::Failed;
  // After the build ends: the daemon has then sent the whole status stream.
  session.close();
  if (stats)
    for (const auto& [digest, record] : book.snapshot())
      if (record.started) stats->startedVertices.push_back(record.name);
  return report;
}

TestReport runSpecTests(buildkit::ControlClient& client, const moby::buildkit::v1::SolveRequest& request,
                        const RunInput& input, const ProgressSink& progress) {
  if (input.failFast && input.onlyTest.empty()) return runTests(client, request, input, progress);
  return runTestsThroughGraph(client, request, input, {input.onlyTest}, progress);
}

}  // namespace dalec::testrun
