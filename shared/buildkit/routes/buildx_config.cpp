#include "buildkit/routes/buildx_config.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace dalec::buildkit {

namespace {

std::optional<std::string> readText(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string stringAt(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

std::optional<BuildxBuilder> readBuildxBuilder(const std::string& configDir, const std::string& name, std::string& error) {
  // buildx keeps names as typed but files under their lower-case form (store.ValidateName).
  std::string file = name;
  std::transform(file.begin(), file.end(), file.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (file.empty() || file.find('/') != std::string::npos || file[0] == '.') return std::nullopt;
  const std::string path = configDir + "/instances/" + file;
  auto text = readText(path);
  if (!text) return std::nullopt;
  auto parsed = nlohmann::json::parse(*text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    error = "buildx's record of the builder '" + name + "' is not JSON: " + path;
    return std::nullopt;
  }
  BuildxBuilder builder{stringAt(parsed, "Name"), stringAt(parsed, "Driver"), {}};
  if (auto nodes = parsed.find("Nodes"); nodes != parsed.end() && nodes->is_array()) {
    for (const auto& node : *nodes) {
      if (!node.is_object()) continue;
      BuildxNode entry{stringAt(node, "Name"), stringAt(node, "Endpoint"), {}};
      if (auto options = node.find("DriverOpts"); options != node.end() && options->is_object())
        for (const auto& [key, value] : options->items())
          if (value.is_string()) entry.driverOptions[key] = value.get<std::string>();
      builder.nodes.push_back(std::move(entry));
    }
  }
  return builder;
}

std::optional<BuildxCurrent> readBuildxCurrent(const std::string& configDir) {
  auto text = readText(configDir + "/current");
  if (!text) return std::nullopt;
  auto parsed = nlohmann::json::parse(*text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  BuildxCurrent current{stringAt(parsed, "Key"), stringAt(parsed, "Name"), false};
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
