#include "buildkit/address.h"

namespace dalec::buildkit {

namespace {
bool startsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }
}  // namespace

AddressResult parseDaemonAddress(const std::string& address) {
  if (startsWith(address, "unix://")) {
    const std::string path = address.substr(7);
    if (path.empty() || path[0] != '/') return {std::nullopt, "a unix:// address needs an absolute socket path: " + address};
    return {DaemonAddress{address, "unix://" + path}, ""};
  }
  if (startsWith(address, "tcp://")) {
    std::string hostPort = address.substr(6);
    if (const auto slash = hostPort.find('/'); slash != std::string::npos) hostPort.resize(slash);
    const auto colon = hostPort.rfind(':');
    if (hostPort.empty() || colon == std::string::npos || colon + 1 == hostPort.size())
      return {std::nullopt, "a tcp:// address needs a host and a port: " + address};
    return {DaemonAddress{address, hostPort}, ""};
  }
  // buildctl also knows docker-container://, kube-pod://, podman-container:// and the like: they
  // tunnel through another tool's exec, which this client does not do.
  if (const auto scheme = address.find("://"); scheme != std::string::npos)
    return {std::nullopt, "unsupported BuildKit address scheme '" + address.substr(0, scheme) +
                              "://' (use unix:// or tcp://, e.g. the socket a buildx builder exposes): " + address};
  if (!address.empty() && address[0] == '/') return {DaemonAddress{"unix://" + address, "unix://" + address}, ""};
  return {std::nullopt, "not a BuildKit address (expected unix:///path or tcp://host:port): " + address};
}

AddressResult resolveDaemonAddress(const std::string& explicitAddress, const std::string& environment) {
  if (!explicitAddress.empty()) return parseDaemonAddress(explicitAddress);
  if (!environment.empty()) return parseDaemonAddress(environment);
  return parseDaemonAddress(kDefaultAddress);
}

}  // namespace dalec::buildkit
