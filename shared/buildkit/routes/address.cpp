#include "buildkit/routes/address.h"

#include <map>

namespace dalec::buildkit {

namespace {

bool startsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

// "name?namespace=ns&context=c" → name and its query; values are taken as written.
std::string splitQuery(const std::string& rest, std::map<std::string, std::string>& query) {
  const auto mark = rest.find('?');
  if (mark == std::string::npos) return rest;
  std::string pairs = rest.substr(mark + 1);
  while (!pairs.empty()) {
    const auto amp = pairs.find('&');
    const std::string pair = pairs.substr(0, amp);
    const auto eq = pair.find('=');
    if (eq != std::string::npos) query[pair.substr(0, eq)] = pair.substr(eq + 1);
    pairs = amp == std::string::npos ? "" : pairs.substr(amp + 1);
  }
  return rest.substr(0, mark);
}

// The container CLIs buildctl tunnels through, each exec'ing `buildctl dial-stdio` in the container.
const std::map<std::string, std::string>& containerTools() {
  static const std::map<std::string, std::string> tools = {
      {"docker-container", "docker"}, {"podman-container", "podman"}, {"nerdctl-container", "nerdctl"}};
  return tools;
}

AddressResult tunnel(const std::string& address, const std::string& scheme, const std::string& rest) {
  std::map<std::string, std::string> query;
  const std::string name = splitQuery(rest, query);
  // kubectl also takes TYPE/NAME (deployment/buildkitd), which is how buildx's kubernetes nodes are named.
  const bool shaped = scheme == "kube-pod" ? name.find('/') == name.rfind('/') && name.back() != '/' && name[0] != '/'
                                           : name.find('/') == std::string::npos;
  if (name.empty() || !shaped)
    return {std::nullopt, "a " + scheme + ":// address needs a " + (scheme == "kube-pod" ? "pod" : "container") + " name: " + address};
  DaemonAddress daemon{address, Transport::Command, "", {}, {}, "", ""};
  if (scheme == "kube-pod") {
    daemon.command = {"kubectl"};
    if (query.count("context")) daemon.command.insert(daemon.command.end(), {"--context", query["context"]});
    if (query.count("namespace")) daemon.command.insert(daemon.command.end(), {"--namespace", query["namespace"]});
    daemon.command.insert(daemon.command.end(), {"exec", "-i", name});
    if (query.count("container")) daemon.command.insert(daemon.command.end(), {"-c", query["container"]});
    daemon.command.push_back("--");
  } else {
    daemon.command = {containerTools().at(scheme), "exec", "-i", name};
  }
  daemon.command.insert(daemon.command.end(), {"buildctl", "dial-stdio"});
  return {daemon, ""};
}

}  // namespace

AddressResult parseDaemonAddress(const std::string& address, const TlsSettings& tls) {
  if (startsWith(address, "unix://")) {
    const std::string path = address.substr(7);
    if (path.empty() || path[0] != '/') return {std::nullopt, "a unix:// address needs an absolute socket path: " + address};
    return {DaemonAddress{address, Transport::Unix, "unix://" + path, {}, {}, "", ""}, ""};
  }
  if (startsWith(address, "tcp://")) {
    std::string hostPort = address.substr(6);
    if (const auto slash = hostPort.find('/'); slash != std::string::npos) hostPort.resize(slash);
    const auto colon = hostPort.rfind(':');
    if (hostPort.empty() || colon == std::string::npos || colon + 1 == hostPort.size())
      return {std::nullopt, "a tcp:// address needs a host and a port: " + address};
    return {DaemonAddress{address, Transport::Tcp, hostPort, tls, {}, "", ""}, ""};
  }
  if (const auto scheme = address.find("://"); scheme != std::string::npos) {
    const std::string name = address.substr(0, scheme);
    if (name == "kube-pod" || containerTools().count(name)) return tunnel(address, name, address.substr(scheme + 3));
    return {std::nullopt, "unsupported BuildKit address scheme '" + name +
                              "://' (use unix://, tcp://, docker-container://, podman-container://, nerdctl-container:// "
                              "or kube-pod://): " + address};
  }
  if (!address.empty() && address[0] == '/') return parseDaemonAddress("unix://" + address, tls);
  return {std::nullopt, "not a BuildKit address (expected unix:///path, tcp://host:port or docker-container://NAME): " + address};
}

}  // namespace dalec::buildkit
