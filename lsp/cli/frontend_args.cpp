#include "cli/frontend_args.h"

#include <map>

namespace dalec::lsp {

const char* const kFrontendArgsUsage =
    "  --addr ADDRESS            unix:///path, tcp://host:port, docker-container://NAME or kube-pod://POD[?namespace=NS]\n"
    "  --builder NAME            a buildx builder (remote, docker-container, kubernetes or docker driver)\n"
    "                            default: $BUILDKIT_HOST, the current buildx builder, the Docker engine, unix:///run/buildkit/buildkitd.sock\n"
    "  --tlscacert FILE, --tlscert FILE, --tlskey FILE, --tlsservername NAME   TLS for a tcp:// address\n"
    "  --frontend IMAGE          the frontend image (default: the spec's `# syntax=` line)\n"
    "  --build-arg NAME=VALUE    a build arg (repeatable)\n"
    "  --build-context NAME=docker-image://REF   a named context: images and remote URLs only (repeatable)\n"
    "  --context DIR             the build context sent when the spec reads it (default: the spec's folder)\n";

ArgParse parseFrontendArg(const std::vector<std::string>& args, std::size_t& i, FrontendArgs& into, std::string& error) {
  const std::string& arg = args[i];
  const bool pair = arg == "--build-arg" || arg == "--build-context";
  static const std::map<std::string, std::string buildkit::ConnectionSettings::*> kDaemon = {
      {"--addr", &buildkit::ConnectionSettings::address}, {"--builder", &buildkit::ConnectionSettings::builder}};
  static const std::map<std::string, std::string buildkit::TlsSettings::*> kTls = {{"--tlscacert", &buildkit::TlsSettings::caFile},
                                                                                  {"--tlscert", &buildkit::TlsSettings::certFile},
                                                                                  {"--tlskey", &buildkit::TlsSettings::keyFile},
                                                                                  {"--tlsservername", &buildkit::TlsSettings::serverName}};
  if (!kDaemon.count(arg) && !kTls.count(arg) && arg != "--frontend" && arg != "--context" && !pair) return ArgParse::NotMine;
  if (i + 1 >= args.size()) {
    error = arg + " needs a value" + (pair ? " of the form NAME=VALUE" : "");
    return ArgParse::Bad;
  }
  const std::string& value = args[++i];
  if (auto daemon = kDaemon.find(arg); daemon != kDaemon.end()) into.buildkit.*daemon->second = value;
  if (auto tls = kTls.find(arg); tls != kTls.end()) into.buildkit.tls.*tls->second = value;
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
