#pragma once
// The gRPC channel to one daemon, over whatever its route needs: a socket gRPC dials itself
// (unix, tcp, tcp with TLS), or one connection we open and hand over (a `buildctl dial-stdio`
// tunnel, the Docker engine's upgraded /grpc). Whatever carries it lives and ends with it.
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "buildkit/routes/address.h"
#include "buildkit/routes/command_tunnel.h"

namespace grpc {
class Channel;
class ChannelArguments;
}  // namespace grpc

namespace dalec::buildkit {

class DaemonChannel {
 public:
  // Never null: a route that could not be opened still gets a channel (every call on it fails at
  // once), and openError() says why.
  DaemonChannel(const DaemonAddress& address, const grpc::ChannelArguments& arguments);
  ~DaemonChannel();

  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  const std::optional<std::string>& openError() const { return openError_; }
  // What the tunnel's command said and how it ended, for an error on a tunnelled route; empty otherwise.
  std::string tunnelReport(std::chrono::milliseconds wait);
  // A failed call's message in terms of the route: a TLS handshake that failed names the
  // certificates involved.
  std::string explain(const std::string& grpcMessage) const;

 private:
  DaemonAddress address_;
  std::unique_ptr<CommandTunnel> tunnel_;
  std::shared_ptr<grpc::Channel> channel_;
  std::optional<std::string> openError_;
};

}  // namespace dalec::buildkit
