#pragma once
// buildx's own record of its builders, read as buildx writes it (store/): instances/NAME holds a
// builder (driver, nodes with endpoint and driver options), `current` names the builder chosen
// with `buildx use` for one Docker endpoint (or for all, with --global).
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dalec::buildkit {

struct BuildxNode {
  std::string name;
  std::string endpoint;  // remote: the daemon's address; docker-container: the Docker endpoint; docker: a context
  std::map<std::string, std::string> driverOptions;
};

struct BuildxBuilder {
  std::string name;
  std::string driver;  // "remote", "docker-container", "kubernetes", "docker", ...
  std::vector<BuildxNode> nodes;
};

struct BuildxCurrent {
  std::string key;   // the Docker endpoint it was chosen for
  std::string name;  // empty: the Docker context's own builder (the docker driver)
  bool global = false;
};

// Null when there is no such builder; `error` says why when the file exists but cannot be read.
std::optional<BuildxBuilder> readBuildxBuilder(const std::string& configDir, const std::string& name, std::string& error);
std::optional<BuildxCurrent> readBuildxCurrent(const std::string& configDir);
// The names in instances/, for "no builder named x (there are: a, b)".
std::vector<std::string> buildxBuilderNames(const std::string& configDir);

}  // namespace dalec::buildkit
