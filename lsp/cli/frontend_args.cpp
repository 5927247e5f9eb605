#include "cli/frontend_args.h"

namespace dalec::lsp {

const char* const kFrontendArgsUsage =
    "  --addr ADDRESS            unix:///path or tcp://host:port (default: $BUILDKIT_HOST, else unix:///run/buildkit/buildkitd.sock)\n"
    "  --frontend IMAGE          the frontend image (default: the spec's `# syntax=` line)\n"
    "  --build-arg NAME=VALUE    a build arg (repeatable)\n"
    "  --build-context NAME=docker-image://REF   a named context: images and remote URLs only (repeatable)\n"
    "  --context DIR             the build context sent when the spec reads it (default: the spec's folder)\n";

ArgParse parseFrontendArg(const std::vector<std::string>& args, std::size_t& i, FrontendArgs& into, std::string& error) {
  const std::string& arg = args[i];
  const bool pair = arg == "--build-arg" || arg == "--build-context";
  if (arg != "--addr" && arg != "--frontend" && arg != "--context" && !pair) return ArgParse::NotMine;
  if (i + 1 >= args.size()) {
    error = arg + " needs a value" + (pair ? " of the form NAME=VALUE" : "");
    return ArgParse::Bad;
  }
  const std::string& value = args[++i];
  if (arg == "--addr") into.address = value;
  if (arg == "--frontend") into.options.frontendImage = value;
  if (arg == "--context") into.options.contextDir = value;
  if (pair) {
    const std::size_t equals = value.find('=');
    if (equals == std::string::npos || equals == 0) {
      error = arg + " needs a value of the form NAME=VALUE";
      return ArgParse::Bad;
    }
    auto& map = arg == "--build-arg" ? into.options.buildArgs : into.options.buildContexts;
    map[value.substr(0, equals)] = value.substr(equals + 1);
  }
  return ArgParse::Taken;
}

}  // namespace dalec::lsp
