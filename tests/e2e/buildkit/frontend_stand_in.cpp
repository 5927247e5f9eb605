#include "frontend_stand_in.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>

namespace dalec::testing {

namespace v1 = moby::buildkit::v1;

namespace {
// Cancels `upstream` when the caller of `downstream` goes away, as a real daemon stops a build.
class CancelPropagation {
 public:
  CancelPropagation(grpc::ServerContext* downstream, grpc::ClientContext* upstream)
      : watcher_([this, downstream, upstream] {
          while (!done_) {
            if (downstream->IsCancelled()) {
              upstream->TryCancel();
              return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
          }
        }) {}
  ~CancelPropagation() {
    done_ = true;
    watcher_.join();
  }

 private:
  std::atomic<bool> done_{false};
  std::thread watcher_;
};
}  // namespace

FrontendStandIn::FrontendStandIn(const buildkit::DaemonAddress& upstream, GraphForSpec graphFor)
    : graphFor_(std::move(graphFor)) {
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_MAX_METADATA_SIZE, 16 << 20);  // the daemon's error trailers are large
  arguments.SetMaxSendMessageSize(16 << 20);
  upstream_ = v1::Control::NewStub(grpc::CreateCustomChannel(upstream.grpcTarget, grpc::InsecureChannelCredentials(), arguments));
  socketPath_ = (std::filesystem::temp_directory_path() / ("dalec-frontend-stand-in-" + std::to_string(::getpid()) + "-" +
                                                            std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".sock"))
                    .string();
  std::filesystem::remove(socketPath_);
  grpc::ServerBuilder builder;
  builder.AddListeningPort("unix://" + socketPath_, grpc::InsecureServerCredentials());
  builder.SetMaxReceiveMessageSize(16 << 20);
  builder.RegisterService(this);
  server_ = builder.BuildAndStart();
  if (!server_) throw std::runtime_error("cannot listen on " + socketPath_);
}

FrontendStandIn::~FrontendStandIn() {
  server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
  std::filesystem::remove(socketPath_);
}

std::vector<v1::SolveRequest> FrontendStandIn::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

grpc::Status FrontendStandIn::Solve(grpc::ServerContext* context, const v1::SolveRequest* request, v1::SolveResponse* response) {
  {
    std::lock_guard lock(mutex_);
    requests_.push_back(*request);
  }
  const auto input = request->frontendinputs().find("dockerfile");
  if (request->frontend() != "gateway.v0" || input == request->frontendinputs().end())
    return {grpc::StatusCode::INVALID_ARGUMENT, "the stand-in expects Dalec's request: gateway.v0 with a dockerfile input"};
  const auto filename = request->frontendattrs().find("filename");
  const std::string spec = inlineFileOf(input->second, "/" + (filename == request->frontendattrs().end() ? "Dockerfile" : filename->second));
  v1::SolveRequest forwarded;
  forwarded.set_ref(request->ref());
  *forwarded.mutable_definition() = graphFor_(spec);
  grpc::ClientContext upstream;
  CancelPropagation cancel(context, &upstream);
  // The real daemon's status, message and typed details go back as they are.
  return upstream_->Solve(&upstream, forwarded, response);
}

grpc::Status FrontendStandIn::Status(grpc::ServerContext* context, const v1::StatusRequest* request,
                                     grpc::ServerWriter<v1::StatusResponse>* writer) {
  grpc::ClientContext upstream;
  CancelPropagation cancel(context, &upstream);
  auto reader = upstream_->Status(&upstream, *request);
  v1::StatusResponse response;
  while (reader->Read(&response))
    if (!writer->Write(response)) break;
  return reader->Finish();
}

std::string inlineFileOf(const dalec::llb::Definition& definition, const std::string& path) {
  for (const std::string& bytes : definition.def()) {
    dalec::llb::Op op;
    if (!op.ParseFromString(bytes) || !op.has_file()) continue;
    for (const auto& action : op.file().actions())
      if (action.has_mkfile() && action.mkfile().path() == path) return action.mkfile().data();
  }
  return {};
}

}  // namespace dalec::testing
