#pragma once
// Fields read from DAP messages: lines, columns, ids and paths. Neither side can be trusted to send them as
// in-range integers (a float, a string or 1e300 would throw or overflow in nlohmann's get<int>),
// and a message must be relayed, not dropped, when one is odd: absent or odd reads as nullopt.
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace dalec::dap {

template <typename Int = int>
std::optional<Int> integerMember(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (it->is_number_unsigned()) {
    const auto value = it->get<std::uint64_t>();
    if (value > static_cast<std::uint64_t>(std::numeric_limits<Int>::max())) return std::nullopt;
    return static_cast<Int>(value);
  }
  if (!it->is_number_integer()) return std::nullopt;
  const auto value = it->get<std::int64_t>();
  if (value < std::numeric_limits<Int>::min() || value > std::numeric_limits<Int>::max()) return std::nullopt;
  return static_cast<Int>(value);
}

// A string member, or "" when absent or not a string.
inline std::string stringMember(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return {};
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace dalec::dap
