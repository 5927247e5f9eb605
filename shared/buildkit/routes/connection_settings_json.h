#pragma once
// The same keys wherever the daemon is configured: the language server's `dalec.buildkit` settings
// and dalec-dap's launch configuration both hold {address, builder, tls: {ca, cert, key, serverName}}.
#include <nlohmann/json.hpp>

#include "buildkit/routes/daemon_routes.h"

namespace dalec::buildkit {

// How both servers tell an editor that no BuildKit could be reached, so that it can offer the
// settings that choose one (an LSP error's data, dalec-dap's dalec.sessionFailed event).
inline constexpr const char* kUnreachableCause = "buildkit-unreachable";
inline constexpr const char* kSettingsSection = "dalec.buildkit";

inline ConnectionSettings connectionSettingsFrom(const nlohmann::json& object) {
  auto text = [](const nlohmann::json& from, const char* key) {
    return from.is_object() && from.contains(key) && from[key].is_string() ? from[key].get<std::string>() : std::string();
  };
  ConnectionSettings settings;
  settings.address = text(object, "address");
  settings.builder = text(object, "builder");
  const nlohmann::json tls = object.is_object() ? object.value("tls", nlohmann::json::object()) : nlohmann::json::object();
  settings.tls = {text(tls, "ca"), text(tls, "cert"), text(tls, "key"), text(tls, "serverName")};
  return settings;
}

}  // namespace dalec::buildkit
