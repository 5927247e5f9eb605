#pragma once
// A client of buildkitd's control API (Solve, Status, ListWorkers) over gRPC. Blocking calls,
// meant for a worker thread; cancel() may be called from any thread.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "buildkit/routes/address.h"
#include "buildkit/routes/daemon_channel.h"
#include "buildkit/control.grpc.pb.h"
#include "buildkit/solve_failure.h"

namespace grpc {
class Channel;
class ClientContext;
}  // namespace grpc

namespace dalec::buildkit {

using StatusHandler = std::function<void(const moby::buildkit::v1::StatusResponse&)>;

struct WorkerInfo {
  std::string id;
  std::vector<std::string> platforms;  // "linux/amd64", ...
};

struct SolveOutcome {
  bool ok = false;
  SolveFailure failure;  // when !ok
  bool cancelled = false;
};

class ControlClient {
 public:
  explicit ControlClient(DaemonAddress address);
  ~ControlClient();

  // Waits up to `timeout` for the daemon to accept the connection; a readable reason if it does not.
  std::optional<std::string> connect(std::chrono::milliseconds timeout);
  // The daemon's workers, or an error message.
  std::optional<std::vector<WorkerInfo>> listWorkers(std::chrono::milliseconds timeout, std::string& error);
  // Runs one solve and streams its status to `onStatus` (called on another thread, in order) until
  // the daemon ends the stream. Returns once both are over.
  SolveOutcome solve(moby::buildkit::v1::SolveRequest request, const StatusHandler& onStatus);
  // Stops a solve in progress (the daemon cancels the build), and whatever `onCancel` stands for
  // (a gateway build over this client). Safe from any thread.
  void cancel();
  bool cancelled() const { return cancelled_; }
  // Called by cancel(), or at once if already cancelled; null to clear.
  void setCancelHandler(std::function<void()> onCancel);

  const DaemonAddress& address() const { return address_; }
  // For other services of the same daemon (the gateway) over the same connection.
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  moby::buildkit::v1::Control::Stub& stub() { return *stub_; }

 private:
  std::optional<std::string> unreachable(std::chrono::milliseconds timeout);

  DaemonAddress address_;
  std::unique_ptr<DaemonChannel> route_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<moby::buildkit::v1::Control::Stub> stub_;
  std::mutex mutex_;
  std::vector<grpc::ClientContext*> active_;  // contexts of calls in flight, for cancel()
  std::atomic<bool> cancelled_{false};
  std::function<void()> onCancel_;
};

// A fresh build reference, in the form BuildKit's own clients use (25 base-36 characters).
std::string newBuildRef();

}  // namespace dalec::buildkit
