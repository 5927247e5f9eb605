#include "server/frontend_verdict_jobs.h"

#include <asio/post.hpp>

namespace dalec::lsp {

FrontendVerdictJobs::~FrontendVerdictJobs() {
  for (auto& [uri, active] : jobs_) active.client->cancel();
  for (auto& [uri, active] : jobs_)
    if (active.thread.joinable()) active.thread.join();
}

void FrontendVerdictJobs::ask(VerdictJob job) {
  auto it = jobs_.find(job.uri);
  if (it != jobs_.end()) {
    it->second.next = std::move(job);
    return;
  }
  start(std::move(job));
}

void FrontendVerdictJobs::forget(const std::string& uri) {
  auto it = jobs_.find(uri);
  if (it != jobs_.end()) it->second.next.reset();
}

void FrontendVerdictJobs::start(VerdictJob job) {
  Active& active = jobs_[job.uri];
  active.client = std::make_shared<buildkit::ControlClient>(job.address);
  active.thread = std::thread([this, job = std::move(job), client = active.client]() mutable {
    frontend::FrontendResolution resolution = frontend::askFrontendResolution(*client, job.request, job.specText);
    asio::post(io_, [this, job = std::move(job), resolution = std::move(resolution)] {
      finish(job.uri);
      done_(job, resolution);
    });
  });
}

void FrontendVerdictJobs::finish(const std::string& uri) {
  auto it = jobs_.find(uri);
  if (it == jobs_.end()) return;
  // The thread has posted its last handler, so it ends now; joining is immediate.
  if (it->second.thread.joinable()) it->second.thread.join();
  std::optional<VerdictJob> next = std::move(it->second.next);
  jobs_.erase(it);
  if (next) start(std::move(*next));
}

}  // namespace dalec::lsp
