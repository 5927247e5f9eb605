#pragma once
// Test runs in flight: each runs on its own thread (a solve blocks for as long as the build takes)
// and reports back on the io_context's thread, where the session lives. At most one run per spec.
#include <asio/io_context.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "buildkit/control_client.h"
#include "testrun/graph_test_run.h"

namespace dalec::lsp {

struct TestRunJob {
  std::string uri;
  std::string requestKey;  // the executeCommand request's id, dumped; for $/cancelRequest
  std::string tokenKey;    // the progress token, dumped; for window/workDoneProgress/cancel
  buildkit::DaemonAddress address;
  moby::buildkit::v1::SolveRequest request;
  std::shared_ptr<const spec::SpecModel> model;  // the text that was sent, for placing failures
  std::string targetKey;
  std::string specFilename;
  std::string onlyTest;  // the lens's test: only its ops run
};

class TestRunJobs {
 public:
  using ProgressHandler = std::function<void(const testrun::RunProgress&)>;
  using DoneHandler = std::function<void(const testrun::TestReport&)>;

  explicit TestRunJobs(asio::io_context& io) : io_(io) {}
  ~TestRunJobs();  // cancels what still runs and waits for it
  TestRunJobs(const TestRunJobs&) = delete;
  TestRunJobs& operator=(const TestRunJobs&) = delete;

  bool running(const std::string& uri) const { return jobs_.count(uri) > 0; }
  // Both handlers are called on the io_context's thread; `done` exactly once.
  void start(TestRunJob job, ProgressHandler progress, DoneHandler done);
  // Cancels the run started by that request, or holding that progress token. False if none.
  bool cancelRequest(const std::string& requestKey);
  bool cancelToken(const std::string& tokenKey);

 private:
  struct Active {
    std::string requestKey, tokenKey;
    std::shared_ptr<buildkit::ControlClient> client;
    std::thread thread;
  };
  void finish(const std::string& uri);

  asio::io_context& io_;
  std::map<std::string, Active> jobs_;  // by document uri
};

}  // namespace dalec::lsp
