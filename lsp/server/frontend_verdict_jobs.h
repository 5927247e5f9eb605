#pragma once
// The frontend's verdicts in flight, each with the spec Dalec resolved when it accepts it
// (frontend/frontend_resolution.h): each question to a spec's frontend runs on its own thread
// (it blocks for a round trip to buildkitd) and reports back on the io_context's thread. One per
// spec at a time; a question asked while one runs replaces any waiting one and goes next, so a
// burst of saves asks about the last text only.
#include <asio/io_context.hpp>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "buildkit/control_client.h"
#include "frontend/frontend_resolution.h"

namespace dalec::lsp {

struct VerdictJob {
  std::string uri;
  int version = 0;  // the document version whose text was sent
  buildkit::DaemonAddress address;
  frontend::FrontendRequest request;
  std::string specText;
  std::string cacheKey;  // text, image and args: the same question gets the same answer
};

class FrontendVerdictJobs {
 public:
  using DoneHandler = std::function<void(const VerdictJob&, const frontend::FrontendResolution&)>;

  explicit FrontendVerdictJobs(asio::io_context& io, DoneHandler done) : io_(io), done_(std::move(done)) {}
  ~FrontendVerdictJobs();  // cancels what still runs and waits for it
  FrontendVerdictJobs(const FrontendVerdictJobs&) = delete;
  FrontendVerdictJobs& operator=(const FrontendVerdictJobs&) = delete;

  void ask(VerdictJob job);
  void forget(const std::string& uri);  // the document closed: drop a waiting question

 private:
  struct Active {
    std::shared_ptr<buildkit::ControlClient> client;
    std::thread thread;
    std::optional<VerdictJob> next;
  };
  void start(VerdictJob job);
  void finish(const std::string& uri);

  asio::io_context& io_;
  DoneHandler done_;
  std::map<std::string, Active> jobs_;  // by document uri
};

}  // namespace dalec::lsp
