#include "buildkit/control_client.h"

#include <grpcpp/grpcpp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <future>
#include <random>
#include <thread>

namespace dalec::buildkit {

namespace v1 = moby::buildkit::v1;

namespace {

// BuildKit's own limits (util/appdefaults): a Definition with inline files may be large.
constexpr int kMaxMessageBytes = 16 << 20;

std::chrono::system_clock::time_point deadlineAfter(std::chrono::milliseconds timeout) {
  return std::chrono::system_clock::now() + timeout;
}

std::string describeStatus(const grpc::Status& status) {
  std::string text = status.error_message();
  if (text.empty()) text = "gRPC status " + std::to_string(static_cast<int>(status.error_code()));
  return text;
}

}  // namespace

std::string newBuildRef() {
  static const char alphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::random_device device;
  std::mt19937_64 generator(device());
  std::uniform_int_distribution<int> pick(0, 35);
  std::string ref;
  for (int i = 0; i < 25; ++i) ref.push_back(alphabet[pick(generator)]);
  return ref;
}

ControlClient::ControlClient(DaemonAddress address) : address_(std::move(address)) {
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(kMaxMessageBytes);
  arguments.SetMaxSendMessageSize(kMaxMessageBytes);
  // A run fails at once when the daemon is away, instead of waiting for it to come back.
  arguments.SetInt(GRPC_ARG_ENABLE_RETRIES, 0);
  // A failed solve's trailer carries the failing op's whole source (the spec) and stack traces:
  // far past gRPC's 8 KiB default for metadata, which otherwise resets the stream.
  arguments.SetInt(GRPC_ARG_MAX_METADATA_SIZE, kMaxMessageBytes);
  route_ = std::make_unique<DaemonChannel>(address_, arguments);
  channel_ = route_->channel();
  stub_ = v1::Control::NewStub(channel_);
}

ControlClient::~ControlClient() = default;

std::optional<std::string> ControlClient::connect(std::chrono::milliseconds timeout) {
  if (route_->openError()) return *route_->openError();
  if (address_.transport == Transport::Unix) {
    const std::string path = address_.grpcTarget.substr(std::string("unix://").size());
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0 && errno == EACCES)
      return "permission denied on the way to the BuildKit socket " + path +
             " (a directory above it is closed to this user; run as a user who may reach it, or use a daemon of your own)";
    if (::stat(path.c_str(), &info) != 0)
      return "no BuildKit socket at " + path + " (is buildkitd running? set the address with --addr, the "
             "dalec.buildkit.address setting or BUILDKIT_HOST)";
    if (!S_ISSOCK(info.st_mode)) return path + " is not a socket";
    if (::access(path.c_str(), R_OK | W_OK) != 0 && errno == EACCES)
      return "permission denied on the BuildKit socket " + path + " (owned by uid " + std::to_string(info.st_uid) + ", gid " +
             std::to_string(info.st_gid) + "; run as a member of that group, or use a daemon of your own)";
  }
  // A call, not WaitForConnected: it fails as soon as the connection does, with gRPC's reason (a TLS
  // handshake, a refused connection), and on a connection we opened ourselves (a tunnel, the
  // Docker engine) only a call shows whether a daemon answers at its other end.
  return unreachable(timeout);
}

// Asks the daemon for its workers: nothing when it answers; otherwise the reason gRPC gives, in
// terms of the route (TLS, the tunnel's own error output).
std::optional<std::string> ControlClient::unreachable(std::chrono::milliseconds timeout) {
  grpc::ClientContext context;
  context.set_deadline(deadlineAfter(timeout));
  v1::ListWorkersResponse response;
  const grpc::Status status = stub_->ListWorkers(&context, v1::ListWorkersRequest(), &response);
  if (status.ok()) return std::nullopt;
  std::string text = "cannot connect to buildkitd at " + address_.described();
  if (status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) text += " within " + std::to_string(timeout.count()) + " ms";
  else text += ": " + route_->explain(describeStatus(status));
  if (const std::string tunnel = route_->tunnelReport(std::chrono::milliseconds(500)); !tunnel.empty()) text += "; " + tunnel;
  return text;
}

std::optional<std::vector<WorkerInfo>> ControlClient::listWorkers(std::chrono::milliseconds timeout, std::string& error) {
  grpc::ClientContext context;
  context.set_deadline(deadlineAfter(timeout));
  v1::ListWorkersRequest request;
  v1::ListWorkersResponse response;
  const grpc::Status status = stub_->ListWorkers(&context, request, &response);
  if (!status.ok()) {
    error = "ListWorkers failed: " + describeStatus(status);
    return std::nullopt;
  }
  std::vector<WorkerInfo> workers;
  for (const v1::WorkerRecord& record : response.record()) {
    WorkerInfo worker{record.id(), {}};
    for (const auto& platform : record.platforms()) {
      std::string name = platform.os() + "/" + platform.architecture();
      if (!platform.variant().empty()) name += "/" + platform.variant();
      worker.platforms.push_back(std::move(name));
    }
    workers.push_back(std::move(worker));
  }
  return workers;
}

SolveOutcome ControlClient::solve(v1::SolveRequest request, const StatusHandler& onStatus) {
  if (request.ref().empty()) request.set_ref(newBuildRef());
  grpc::ClientContext solveContext, statusContext;
  {
    std::lock_guard lock(mutex_);
    active_ = {&solveContext, &statusContext};
  }
  SolveOutcome outcome;
  if (cancelled_) {
    outcome.cancelled = true;
    outcome.failure.message = "cancelled";
  } else {
    // The daemon holds a Status call until the build of that ref starts, so it can go first.
    std::promise<void> statusEnded;
    std::future<void> statusDone = statusEnded.get_future();
    std::thread statusReader([&] {
      v1::StatusRequest statusRequest;
      statusRequest.set_ref(request.ref());
      auto reader = stub_->Status(&statusContext, statusRequest);
      v1::StatusResponse response;
      while (reader->Read(&response)) onStatus(response);
      reader->Finish();
      statusEnded.set_value();
    });
    v1::SolveResponse response;
    const grpc::Status status = stub_->Solve(&solveContext, request, &response);
    // The daemon ends the status stream once the build is over (its last logs may still be on the
    // way); a stream that outlives the solve by seconds is cut rather than waited for.
    if (statusDone.wait_for(std::chrono::seconds(5)) != std::future_status::ready) statusContext.TryCancel();
    statusReader.join();
    outcome.ok = status.ok();
    outcome.cancelled = cancelled_;
    if (!status.ok())
      outcome.failure = decodeSolveFailure(static_cast<int>(status.error_code()), status.error_message(), status.error_details());
  }
  std::lock_guard lock(mutex_);
  active_.clear();
  return outcome;
}

void ControlClient::cancel() {
  cancelled_ = true;
  std::lock_guard lock(mutex_);
  for (grpc::ClientContext* context : active_) context->TryCancel();
  if (onCancel_) onCancel_();
}

void ControlClient::setCancelHandler(std::function<void()> onCancel) {
  std::lock_guard lock(mutex_);
  onCancel_ = std::move(onCancel);
  if (onCancel_ && cancelled_) onCancel_();
}

}  // namespace dalec::buildkit
