#include "buildkit/routes/buildx_config.h"

#include <algorithm>
#include <filesystem>

#include "buildkit/routes/json_file.h"

namespace dalec::buildkit {

std::optional<BuildxBuilder> readBuildxBuilder(const std::string& configDir, const std::string& name, std::string& error) {
  // buildx keeps names as typed but files under their lower-case form (store.ValidateName).
  std::string file = name;
  std::transform(file.begin(), file.end(), file.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (file.empty() || file.find('/') != std::string::npos || file[0] == '.') return std::nullopt;
  const std::string path = configDir + "/instances/" + file;
  bool unreadable = false;
  auto read = readJsonObject(path, &unreadable);
  if (!read) {
    if (unreadable) error = "buildx's record of the builder '" + name + "' is not JSON: " + path;
    return std::nullopt;
  }
  const nlohmann::json& parsed = *read;
  BuildxBuilder builder{stringMember(parsed, "Name"), stringMember(parsed, "Driver"), {}};
  if (auto nodes = parsed.find("Nodes"); nodes != parsed.end() && nodes->is_array()) {
    for (const auto& node : *nodes) {
      if (!node.is_object()) continue;
      BuildxNode entry{stringMember(node, "Name"), stringMember(node, "Endpoint"), {}};
      if (auto options = node.find("DriverOpts"); options != node.end() && options->is_object())
        for (const auto& [key, value] : options->items())
          if (value.is_string()) entry.driverOptions[key] = value.get<std::string>();
      builder.nodes.push_back(std::move(entry));
    }
  }
  return builder;
}

std::optional<BuildxCurrent> readBuildxCurrent(const std::string& configDir) {
  auto read = readJsonObject(configDir + "/current");
  if (!read) return std::nullopt;
  const nlohmann::json& parsed = *read;
  BuildxCurrent current{stringMember(parsed, "Key"), stringMember(parsed, "Name"), false};
  if (auto global = parsed.find("Global"); global != parsed.end() && global->is_boolean()) current.global = global->get<bool>();
  return current;
}

std::vector<std::string> buildxBuilderNames(const std::string& configDir) {
  std::vector<std::string> names;
  std::error_code ignored;
  for (const auto& entry : std::filesystem::directory_iterator(configDir + "/instances", ignored))
    if (entry.is_regular_file(ignored)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace dalec::buildkit
