#include "buildkit/routes/docker_context.h"

#include <openssl/sha.h>

#include "buildkit/routes/json_file.h"

namespace dalec::buildkit {

namespace {

// Docker stores a context's metadata under contexts/meta/<sha256 of its name>/meta.json.
std::string contextDirectory(const std::string& name) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(name.data()), name.size(), digest);
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char byte : digest) {
    out.push_back(hex[byte >> 4]);
    out.push_back(hex[byte & 15]);
  }
  return out;
}

}  // namespace

DockerEndpoint dockerEndpointOf(const std::string& context, const RouteEnvironment& env) {
  if (context.empty() || context == "default")
    return {env.dockerHost.empty() ? "unix://" + env.defaultDockerSocket : env.dockerHost, "default", ""};
  const std::string meta = env.dockerConfigDir + "/contexts/meta/" + contextDirectory(context) + "/meta.json";
  auto parsed = readJsonObject(meta);
  if (!parsed) return {"", context, "no docker context named '" + context + "' (no readable " + meta + ")"};
  auto endpoints = parsed->find("Endpoints");
  if (endpoints == parsed->end() || !endpoints->is_object() || !endpoints->contains("docker") || !(*endpoints)["docker"].is_object())
    return {"", context, "the docker context '" + context + "' has no docker endpoint (" + meta + ")"};
  const std::string host = stringMember((*endpoints)["docker"], "Host");
  if (host.empty()) return {"", context, "the docker context '" + context + "' has no docker host (" + meta + ")"};
  return {host, context, ""};
}

DockerEndpoint currentDockerEndpoint(const RouteEnvironment& env) {
  if (!env.dockerHost.empty()) return {env.dockerHost, "default", ""};
  std::string context = env.dockerContext;
  if (context.empty())
    if (auto config = readJsonObject(env.dockerConfigDir + "/config.json")) context = stringMember(*config, "currentContext");
  return dockerEndpointOf(context, env);
}

}  // namespace dalec::buildkit
