#pragma once
// Debounces analysis per document: each edit restarts the document's timer, so work for a version
// that has already been superseded is never started.
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace dalec::lsp {

class AnalysisScheduler {
 public:
  using Runner = std::function<void(const std::string& uri)>;
  AnalysisScheduler(asio::io_context& io, Runner runner) : io_(io), runner_(std::move(runner)) {}

  void schedule(const std::string& uri, std::chrono::milliseconds delay);
  void cancel(const std::string& uri);
  std::size_t pending() const { return timers_.size(); }

 private:
  asio::io_context& io_;
  Runner runner_;
  std::map<std::string, std::shared_ptr<asio::steady_timer>> timers_;
};

}  // namespace dalec::lsp
