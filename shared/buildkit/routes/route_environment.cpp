#include "buildkit/routes/route_environment.h"

#include <cstdlib>

namespace dalec::buildkit {

namespace {
std::string variable(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}
}  // namespace

RouteEnvironment RouteEnvironment::fromProcess() {
  RouteEnvironment env;
  env.buildkitHost = variable("BUILDKIT_HOST");
  env.dockerHost = variable("DOCKER_HOST");
  env.dockerContext = variable("DOCKER_CONTEXT");
  env.dockerConfigDir = variable("DOCKER_CONFIG");
  if (env.dockerConfigDir.empty()) env.dockerConfigDir = variable("HOME") + "/.docker";
  // buildx's own rule (confutil.ConfigDir): BUILDX_CONFIG, else buildx/ under Docker's config.
  env.buildxConfigDir = variable("BUILDX_CONFIG");
  if (env.buildxConfigDir.empty()) env.buildxConfigDir = env.dockerConfigDir + "/buildx";
  return env;
}

}  // namespace dalec::buildkit
