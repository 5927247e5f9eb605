#include "server/analysis_scheduler.h"

namespace dalec::lsp {

void AnalysisScheduler::schedule(const std::string& uri, std::chrono::milliseconds delay) {
  cancel(uri);
  auto timer = std::make_shared<asio::steady_timer>(io_, delay);
  timers_[uri] = timer;
  timer->async_wait([this, uri, timer](const std::error_code& error) {
    if (error) return;  // cancelled: a newer edit or a close superseded this run
    auto it = timers_.find(uri);
    if (it == timers_.end() || it->second != timer) return;
    timers_.erase(it);
    runner_(uri);
  });
}

void AnalysisScheduler::cancel(const std::string& uri) {
  auto it = timers_.find(uri);
  if (it == timers_.end()) return;
  it->second->cancel();
  timers_.erase(it);
}

}  // namespace dalec::lsp
