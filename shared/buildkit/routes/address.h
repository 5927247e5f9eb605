#pragma once
// One way to reach a buildkitd, parsed from an address as buildctl and buildx write them:
// unix:///path, tcp://host:port (with TLS when certificates are given), and the tunnels
// docker-container://NAME and kube-pod://NAME?namespace=NS, whose gRPC connection runs over the
// standard input and output of `buildctl dial-stdio` inside the container, as buildctl does it.
// A Docker engine's own BuildKit is reached through the engine's API socket (see daemon_routes.h).
#include <optional>
#include <string>
#include <vector>

namespace dalec::buildkit {

inline constexpr const char* kDefaultAddress = "unix:///run/buildkit/buildkitd.sock";

// What buildctl's --tlscacert/--tlscert/--tlskey/--tlsservername and buildx's remote driver
// (cacert, cert, key, servername) take: paths of PEM files.
struct TlsSettings {
  std::string caFile, certFile, keyFile, serverName;
  bool any() const { return !caFile.empty() || !certFile.empty() || !keyFile.empty() || !serverName.empty(); }
};

enum class Transport {
  Unix,          // grpcTarget is unix:///path
  Tcp,           // grpcTarget is host:port; TLS when `tls` has a CA or a client certificate
  Command,       // `command`'s standard input and output carry the connection
  DockerEngine,  // HTTP/1.1 upgrade on the engine API socket's /grpc endpoint, then gRPC
};

struct DaemonAddress {
  std::string address;  // as the user wrote it, e.g. "unix:///run/buildkit/buildkitd.sock"
  Transport transport = Transport::Unix;
  std::string grpcTarget;            // Unix, Tcp: what grpc::CreateChannel takes
  TlsSettings tls;                   // Tcp
  std::vector<std::string> command;  // Command: argv, found on PATH
  std::string engineSocket;          // DockerEngine: the engine API's unix socket path
  std::string route;                 // why this daemon: "BUILDKIT_HOST", "buildx builder 'x' (remote driver)", ...
  // "unix:///… (BUILDKIT_HOST)": where and why, for logs and errors.
  std::string described() const { return route.empty() ? address : address + " (" + route + ")"; }
};

struct AddressResult {
  std::optional<DaemonAddress> value;
  std::string error;  // set when value is empty
};

AddressResult parseDaemonAddress(const std::string& address, const TlsSettings& tls = {});

}  // namespace dalec::buildkit
