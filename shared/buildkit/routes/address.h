#pragma once
// Where buildkitd listens: an explicit address (a setting, --addr), else BUILDKIT_HOST, else the
// daemon's default socket; turned into a gRPC target, or a clear reason why it cannot be used.
#include <optional>
#include <string>

namespace dalec::buildkit {

inline constexpr const char* kDefaultAddress = "unix:///run/buildkit/buildkitd.sock";

struct DaemonAddress {
  std::string address;     // as the user wrote it, e.g. "unix:///run/buildkit/buildkitd.sock"
  std::string grpcTarget;  // what grpc::CreateChannel takes, e.g. "unix:///run/..." or "host:1234"
};

struct AddressResult {
  std::optional<DaemonAddress> value;
  std::string error;  // set when value is empty
};

// `explicitAddress` wins when non-empty; `environment` is BUILDKIT_HOST's value (empty if unset).
AddressResult resolveDaemonAddress(const std::string& explicitAddress, const std::string& environment);
AddressResult parseDaemonAddress(const std::string& address);

}  // namespace dalec::buildkit
