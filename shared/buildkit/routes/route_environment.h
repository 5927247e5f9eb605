#pragma once
// What decides where BuildKit is when the user named nothing: the process environment and the
// places Docker and buildx keep their configuration. A value, so tests can point it anywhere.
#include <string>

namespace dalec::buildkit {

struct RouteEnvironment {
  std::string buildkitHost;     // BUILDKIT_HOST
  std::string dockerHost;       // DOCKER_HOST
  std::string dockerContext;    // DOCKER_CONTEXT
  std::string dockerConfigDir;  // DOCKER_CONFIG, else ~/.docker
  std::string buildxConfigDir;  // BUILDX_CONFIG, else DOCKER_CONFIG/buildx
  std::string defaultDockerSocket = "/var/run/docker.sock";
  std::string defaultBuildkitSocket = "/run/buildkit/buildkitd.sock";

  static RouteEnvironment fromProcess();
};

}  // namespace dalec::buildkit
