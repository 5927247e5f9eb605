#include "buildkit/routes/daemon_routes.h"

#include <sys/stat.h>

#include <vector>

#include "buildkit/routes/buildx_config.h"
#include "buildkit/routes/docker_context.h"

namespace dalec::buildkit {

namespace {

bool isSocket(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISSOCK(info.st_mode);
}

std::string unixPath(const std::string& host) { return host.rfind("unix://", 0) == 0 ? host.substr(7) : ""; }

AddressResult withRoute(AddressResult result, const std::string& route) {
  if (result.value) result.value->route = route;
  return result;
}

// buildx's docker driver: gRPC through the engine API's /grpc endpoint.
AddressResult dockerEngine(const DockerEndpoint& endpoint) {
  if (!endpoint.error.empty()) return {std::nullopt, endpoint.error};
  const std::string socket = unixPath(endpoint.host);
  if (socket.empty())
    return {std::nullopt, "the Docker engine at " + endpoint.host +
                              " is not on a unix socket, which is the only way dalec-tools reaches a Docker engine's BuildKit; "
                              "run a buildkitd or a buildx builder there and give its address instead"};
  DaemonAddress daemon{"docker engine at " + endpoint.host, Transport::DockerEngine, "", {}, {}, socket, ""};
  return {daemon, ""};
}

// The Docker endpoint a docker-container node's Endpoint names: a host, or a context's name.
std::vector<std::string> dockerTarget(const std::string& endpoint) {
  if (endpoint.empty()) return {};
  if (endpoint.find("://") != std::string::npos) return {"--host", endpoint};
  return {"--context", endpoint};
}

std::string buildxKey(const RouteEnvironment& env) {
  // buildx keys `current` by the default context's Docker host, or by another context's name.
  const DockerEndpoint endpoint = currentDockerEndpoint(env);
  return endpoint.context == "default" ? endpoint.host : endpoint.context;
}

}  // namespace

AddressResult addressOfBuilder(const std::string& name, const RouteEnvironment& env) {
  std::string error;
  auto builder = readBuildxBuilder(env.buildxConfigDir, name, error);
  if (!builder) {
    if (!error.empty()) return {std::nullopt, error};
    // buildx also offers every Docker context as a builder of the docker driver, "default" first.
    DockerEndpoint context = dockerEndpointOf(name, env);
    if (context.error.empty()) return withRoute(dockerEngine(context), "buildx builder '" + name + "' (docker driver)");
    std::string known;
    for (const std::string& each : buildxBuilderNames(env.buildxConfigDir)) known += (known.empty() ? "" : ", ") + each;
    return {std::nullopt, "no buildx builder named '" + name + "' in " + env.buildxConfigDir +
                              (known.empty() ? " (it has none; create one with `docker buildx create`)" : " (there are: " + known + ")")};
  }
  const std::string route = "buildx builder '" + builder->name + "' (" + builder->driver + " driver)";
  if (builder->nodes.empty()) return {std::nullopt, "the " + route + " has no nodes"};
  // A builder of several nodes builds each platform on its own node; the first is the one buildx
  // uses for the platform it was created for, and the one we debug and test on.
  const BuildxNode& node = builder->nodes.front();
  const auto option = [&](const char* key) {
    auto it = node.driverOptions.find(key);
    return it == node.driverOptions.end() ? std::string() : it->second;
  };
  if (builder->driver == "remote") {
    TlsSettings tls{option("cacert"), option("cert"), option("key"), option("servername")};
    AddressResult result = parseDaemonAddress(node.endpoint, tls);
    if (!result.value) return {std::nullopt, "the " + route + ": " + result.error};
    return withRoute(result, route);
  }
  if (builder->driver == "docker-container") {
    // buildx names the container after the node (driver/docker-container: buildx_buildkit_ + name).
    const std::string container = "buildx_buildkit_" + node.name;
    DaemonAddress daemon{"docker-container://" + container, Transport::Command, "", {}, {"docker"}, "", route};
    for (const std::string& arg : dockerTarget(node.endpoint)) daemon.command.push_back(arg);
    daemon.command.insert(daemon.command.end(), {"exec", "-i", container, "buildctl", "dial-stdio"});
    return {daemon, ""};
  }
  if (builder->driver == "kubernetes") {
    // The node is a Deployment of that name; kubectl picks one of its pods.
    const std::string namespaceName = option("namespace");
    std::string address = "kube-pod://deployment/" + node.name;
    if (!namespaceName.empty()) address += "?namespace=" + namespaceName;
    return withRoute(parseDaemonAddress(address), route);
  }
  if (builder->driver == "docker") return withRoute(dockerEngine(dockerEndpointOf(node.endpoint, env)), route);
  return {std::nullopt, "the " + route + " is one dalec-tools cannot reach: it knows the remote, docker-container, "
                            "kubernetes and docker drivers; set the daemon's address instead"};
}

AddressResult resolveDaemonAddress(const ConnectionSettings& settings, const RouteEnvironment& env) {
  if (!settings.address.empty()) return withRoute(parseDaemonAddress(settings.address, settings.tls), "as configured");
  if (!settings.builder.empty()) return addressOfBuilder(settings.builder, env);
  if (!env.buildkitHost.empty()) return withRoute(parseDaemonAddress(env.buildkitHost, settings.tls), "BUILDKIT_HOST");

  std::vector<std::string> tried = {"BUILDKIT_HOST (not set)"};
  const auto current = readBuildxCurrent(env.buildxConfigDir);
  if (current && (current->global || current->key == buildxKey(env))) {
    if (!current->name.empty()) {
      AddressResult builder = addressOfBuilder(current->name, env);
      if (builder.value) builder.value->route = "the current buildx builder, " + builder.value->route;
      return builder;
    }
    // `buildx use default`: the Docker engine's own builder, chosen on purpose.
    return withRoute(dockerEngine(currentDockerEndpoint(env)), "the current buildx builder, the Docker engine's (docker driver)");
  }
  tried.push_back("the current buildx builder (none chosen in " + env.buildxConfigDir + ")");

  const DockerEndpoint docker = currentDockerEndpoint(env);
  const std::string engineSocket = unixPath(docker.host);
  if (docker.error.empty() && !engineSocket.empty() && isSocket(engineSocket))
    return withRoute(dockerEngine(docker), "the Docker engine's own BuildKit");
  tried.push_back("the Docker engine (" + (docker.error.empty() ? "no socket at " + (engineSocket.empty() ? docker.host : engineSocket)
                                                                 : docker.error) + ")");

  if (isSocket(env.defaultBuildkitSocket))
    return withRoute(parseDaemonAddress("unix://" + env.defaultBuildkitSocket), "buildkitd's default socket");
  tried.push_back("buildkitd's default socket (none at " + env.defaultBuildkitSocket + ")");
  std::string list;
  for (const std::string& each : tried) list += (list.empty() ? "" : ", ") + each;
  return {std::nullopt, "no BuildKit reachable: tried " + list +
                            ". Start buildkitd, choose a builder with `docker buildx use NAME`, or set the BuildKit address "
                            "(--addr, the dalec.buildkit.address setting or BUILDKIT_HOST)"};
}

AddressResult resolveDaemonAddress(const ConnectionSettings& settings) {
  return resolveDaemonAddress(settings, RouteEnvironment::fromProcess());
}

}  // namespace dalec::buildkit
