#pragma once
// The Docker engine's built-in BuildKit, reached as buildx's docker driver reaches it: a
// connection to the engine's API socket, `POST /grpc` asking to upgrade to h2c, and once the
// engine answers 101 Switching Protocols the same connection carries BuildKit's gRPC (HTTP/2).
#include <chrono>
#include <string>

namespace dalec::buildkit {

// The upgraded socket (the caller owns it), or -1 with `error` set to something a user can act on.
int dialDockerEngineBuildkit(const std::string& socketPath, std::chrono::milliseconds timeout, std::string& error);

}  // namespace dalec::buildkit
