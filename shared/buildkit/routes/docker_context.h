#pragma once
// The Docker engine the docker CLI would talk to: DOCKER_HOST, else the current context's endpoint
// (DOCKER_CONTEXT, else config.json's currentContext), else the default socket. buildx keys its
// current builder by this endpoint, and its docker driver reaches BuildKit through it.
#include <string>

#include "buildkit/routes/route_environment.h"

namespace dalec::buildkit {

struct DockerEndpoint {
  std::string host;     // e.g. "unix:///var/run/docker.sock"; empty on error
  std::string context;  // the context's name, "default" for DOCKER_HOST or no context
  std::string error;
};

DockerEndpoint currentDockerEndpoint(const RouteEnvironment& env);
// The endpoint of a named context ("default" is DOCKER_HOST or the default socket).
DockerEndpoint dockerEndpointOf(const std::string& context, const RouteEnvironment& env);

}  // namespace dalec::buildkit
