#pragma once
// Docker's and buildx's configuration files are small JSON objects; a file that is missing or is
// not one reads as nothing, and the caller says what that means.
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>

namespace dalec::buildkit {

inline std::optional<nlohmann::json> readJsonObject(const std::string& path, bool* unreadable = nullptr) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = nlohmann::json::parse(text.str(), nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    if (unreadable) *unreadable = true;
    return std::nullopt;
  }
  return parsed;
}

inline std::string stringMember(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace dalec::buildkit
