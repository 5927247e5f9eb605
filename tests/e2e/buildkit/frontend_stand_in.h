#pragma once
// Test fixture: a BuildKit control endpoint that stands in for Dalec's frontend and forwards
// everything else to a real buildkitd. It receives the Solve request dalec-lsp sends (gateway.v0,
// the spec as the "dockerfile" input), records it, and solves on the real daemon the graph Dalec
// would emit for that spec text (given by the test); Status and errors come from the real daemon
// untouched. Only the step Dalec's frontend performs (spec -> LLB) is played by the test.
#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "buildkit/address.h"
#include "buildkit/control.grpc.pb.h"

namespace dalec::testing {

class FrontendStandIn final : public moby::buildkit::v1::Control::Service {
 public:
  using GraphForSpec = std::function<dalec::llb::Definition(const std::string& specText)>;

  FrontendStandIn(const buildkit::DaemonAddress& upstream, GraphForSpec graphFor);
  ~FrontendStandIn() override;

  std::string address() const { return "unix://" + socketPath_; }
  std::vector<moby::buildkit::v1::SolveRequest> requests() const;

  grpc::Status Solve(grpc::ServerContext* context, const moby::buildkit::v1::SolveRequest* request,
                     moby::buildkit::v1::SolveResponse* response) override;
  grpc::Status Status(grpc::ServerContext* context, const moby::buildkit::v1::StatusRequest* request,
                      grpc::ServerWriter<moby::buildkit::v1::StatusResponse>* writer) override;

 private:
  std::unique_ptr<moby::buildkit::v1::Control::Stub> upstream_;
  GraphForSpec graphFor_;
  std::string socketPath_;
  std::unique_ptr<grpc::Server> server_;
  mutable std::mutex mutex_;
  std::vector<moby::buildkit::v1::SolveRequest> requests_;
};

// The text of the file a frontend input made by dalec-lsp carries (its single mkfile action).
std::string inlineFileOf(const dalec::llb::Definition& definition, const std::string& path);

}  // namespace dalec::testing
