#pragma once
// dalec-dap's launch configuration: what an editor puts in launch.json (and the lenses send).
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "buildkit/routes/daemon_routes.h"

namespace dalec::dap {

struct LaunchArguments {
  std::string spec;                        // required: the Dalec spec (passed to buildx as -f)
  std::string context;                     // build context; default: the spec's directory
  std::string target;                      // e.g. "azlinux3/container"; default: Dalec's default target
  std::map<std::string, std::string> args;  // build args (--build-arg K=V)
  std::string builder;                     // buildx builder (--builder B)
  std::vector<std::string> buildx = {"docker", "buildx"};  // the command that runs buildx
  bool stopOnEntry = false;
  bool stopOnFailedCheck = true;           // stop with reason "exception" when a test check fails
  std::string test;                        // focus one test: stop at its first step or check
  std::map<std::string, std::string> env;  // added to buildx's environment
  std::string cwd;                         // buildx's working directory; default: the context
  std::vector<std::string> extraArgs;      // more `buildx dap build` flags, passed through
  // Whether `spec` is a Dalec spec (breakpoints, frames and failures in spec terms) or anything
  // else buildx builds, for which the bridge is transparent. Unset: decided by the file (its
  // `# syntax=` line, a *.dalec.yml name) or a BUILDKIT_SYNTAX build arg naming Dalec's frontend.
  std::optional<bool> dalec;
  // Who runs the debug session of a Dalec spec: "buildkit" (dalec-dap's own engine, driving
  // BuildKit's gateway; the default) or "buildx" (the relay to `buildx dap build`). Other files
  // always go to buildx.
  std::string engine;
  // The buildkit engine's daemon: "address", "builder" (a buildx builder) and "tls"; unset, the
  // default routes (BUILDKIT_HOST, the current buildx builder, the Docker engine, the default socket).
  buildkit::ConnectionSettings buildkit;
  std::string frontendImage;  // overrides the spec's `# syntax=` line
};

// Whether a launch of a Dalec spec runs on dalec-dap's own engine.
bool usesNativeEngine(const LaunchArguments& launch);

// Whether the launched file is treated as a Dalec spec, given its text.
bool isDalecLaunch(const LaunchArguments& launch, std::string_view specText);

// Reads and checks the arguments; relative paths are resolved against `baseDir`.
// Throws std::invalid_argument with a message for the user.
LaunchArguments parseLaunchArguments(const nlohmann::json& arguments, const std::string& baseDir);

// [buildx...] [--builder B] dap build -f SPEC [--target T] [--build-arg K=V...] [extra...] CONTEXT
std::vector<std::string> buildxCommandLine(const LaunchArguments& launch);

}  // namespace dalec::dap
