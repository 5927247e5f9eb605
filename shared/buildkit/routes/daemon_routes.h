#pragma once
// Which BuildKit to use, as a Dalec author's tools already say it. In order: an address that was
// set (a setting, --addr, the launch configuration), a buildx builder that was named, BUILDKIT_HOST,
// the current buildx builder (`docker buildx use`), the Docker engine's own BuildKit, and the
// default buildkitd socket. The result says which was chosen and why; when none is there, the error
// lists what was tried.
#include <string>

#include "buildkit/routes/address.h"
#include "buildkit/routes/route_environment.h"

namespace dalec::buildkit {

struct ConnectionSettings {
  std::string address;  // unix://, tcp://, docker-container://, kube-pod://, ...
  std::string builder;  // a buildx builder's name
  TlsSettings tls;      // for a tcp:// address
};

AddressResult resolveDaemonAddress(const ConnectionSettings& settings, const RouteEnvironment& env);
// The process's environment: what every caller outside the tests wants.
AddressResult resolveDaemonAddress(const ConnectionSettings& settings);

// How the builder's driver reaches its daemon: remote → its endpoint (with its TLS options),
// docker-container → `docker exec` of buildx_buildkit_NODE, kubernetes → `kubectl exec` of the
// node's deployment, docker (or a Docker context's name) → that engine's BuildKit.
AddressResult addressOfBuilder(const std::string& name, const RouteEnvironment& env);

}  // namespace dalec::buildkit
