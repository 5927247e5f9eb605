#include "server/test_run_jobs.h"

#include <asio/post.hpp>

namespace dalec::lsp {

TestRunJobs::~TestRunJobs() {
  for (auto& [uri, active] : jobs_) active.client->cancel();
  for (auto& [uri, active] : jobs_)
    if (active.thread.joinable()) active.thread.join();
}

void TestRunJobs::start(TestRunJob job, ProgressHandler progress, DoneHandler done) {
  Active& active = jobs_[job.uri];
  active.requestKey = job.requestKey;
  active.tokenKey = job.tokenKey;
  active.client = std::make_shared<buildkit::ControlClient>(job.address);
  active.thread = std::thread([this, job = std::move(job), client = active.client, progress = std::move(progress),
                               done = std::move(done)]() mutable {
    const testrun::RunInput input{job.model.get(), job.targetKey, job.specFilename, job.onlyTest, false};
    testrun::TestReport report = testrun::runSpecTests(*client, job.request, input, [&](const testrun::RunProgress& update) {
      asio::post(io_, [progress, update] { progress(update); });
    });
    // Runs after every progress update posted above: asio runs posted handlers in order.
    asio::post(io_, [this, uri = job.uri, done = std::move(done), report = std::move(report)] {
      finish(uri);
      done(report);
    });
  });
}

void TestRunJobs::finish(const std::string& uri) {
  auto it = jobs_.find(uri);
  if (it == jobs_.end()) return;
  // The thread has posted its last handler, so it ends now; joining is immediate.
  if (it->second.thread.joinable()) it->second.thread.join();
  jobs_.erase(it);
}

bool TestRunJobs::cancelRequest(const std::string& requestKey) {
  for (auto& [uri, active] : jobs_)
    if (active.requestKey == requestKey) {
      active.client->cancel();
      return true;
    }
  return false;
}

bool TestRunJobs::cancelToken(const std::string& tokenKey) {
  for (auto& [uri, active] : jobs_)
    if (!tokenKey.empty() && active.tokenKey == tokenKey) {
      active.client->cancel();
      return true;
    }
  return false;
}

}  // namespace dalec::lsp
