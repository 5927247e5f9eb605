#include "frontend/resolution_differences.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace dalec::frontend {

namespace {

bool isIndex(const std::string& segment) {
  return !segment.empty() && std::all_of(segment.begin(), segment.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool isIdentifier(const std::string& key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '-'; }) &&
         !std::isdigit(static_cast<unsigned char>(key.front()));
}

// Dalec's answer at `path`, or nothing. A list index is only an index under a list.
const nlohmann::json* find(const nlohmann::json& root, const std::vector<std::string>& path) {
  const nlohmann::json* at = &root;
  for (const std::string& segment : path) {
    if (at->is_object()) {
      auto it = at->find(segment);
      if (it == at->end()) return nullptr;
      at = &*it;
    } else if (at->is_array() && isIndex(segment)) {
      const std::size_t index = std::strtoul(segment.c_str(), nullptr, 10);
      if (index >= at->size()) return nullptr;
      at = &(*at)[index];
    } else {
      return nullptr;
    }
  }
  return at;
}

// A plain YAML integer as goccy/go-yaml (and so Dalec) reads it: 0o17 and 017 octal, 0x1f hex,
// 0b101 binary, underscores allowed.
std::optional<long long> yamlInteger(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), '_'), text.end());
  if (text.empty()) return std::nullopt;
  bool negative = false;
  if (text.front() == '-' || text.front() == '+') {
    negative = text.front() == '-';
    text.erase(0, 1);
  }
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'o' || text[1] == 'x' || text[1] == 'b')) {
    base = text[1] == 'o' ? 8 : text[1] == 'x' ? 16 : 2;
    text.erase(0, 2);
  } else if (text.size() > 1 && text[0] == '0') {
    base = 8;
    text.erase(0, 1);
  }
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const long long value = std::strtoll(text.c_str(), &end, base);
  if (*end != '\0') return std::nullopt;
  return negative ? -value : value;
}

// What an omitted field (Go's omitempty) stands for: a value ours may write out and Dalec leave out.
bool isEmptyValue(const spec::ResolvedLeaf& leaf) {
  if (leaf.null || leaf.value.empty()) return true;
  if (!leaf.plain) return false;
  if (leaf.value == "false") return true;
  const auto number = yamlInteger(leaf.value);
  return number && *number == 0;
}

bool same(const spec::ResolvedLeaf& ours, const nlohmann::json& theirs) {
  switch (theirs.type()) {
    case nlohmann::json::value_t::string: return ours.value == theirs.get<std::string>();
    case nlohmann::json::value_t::boolean:
      return ours.plain && ours.value == (theirs.get<bool>() ? "true" : "false");
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: {
      const auto number = ours.plain ? yamlInteger(ours.value) : std::nullopt;
      return number && *number == theirs.get<long long>();
    }
    case nlohmann::json::value_t::number_float: {
      char* end = nullptr;
      const double number = std::strtod(ours.value.c_str(), &end);
      return ours.plain && *end == '\0' && number == theirs.get<double>();
    }
    case nlohmann::json::value_t::null: return isEmptyValue(ours);
    default:  // a list or a mapping where ours is a scalar: the same only when ours is empty
      return isEmptyValue(ours) && theirs.empty();
  }
}

std::string oursAsJson(const spec::ResolvedLeaf& leaf) {
  if (leaf.null) return "null";
  if (leaf.plain) {
    if (leaf.value == "true" || leaf.value == "false") return leaf.value;
    if (auto number = yamlInteger(leaf.value)) return std::to_string(*number);
  }
  return nlohmann::json(leaf.value).dump();
}

}  // namespace

std::string describePath(const std::vector<std::string>& path) {
  std::string out;
  for (const std::string& segment : path) {
    if (isIndex(segment)) out += "[" + segment + "]";
    else if (isIdentifier(segment)) out += (out.empty() ? "" : ".") + segment;
    else out += "[" + nlohmann::json(segment).dump() + "]";
  }
  return out;
}

std::vector<ResolutionDifference> differencesFromDalec(const std::vector<spec::ResolvedLeaf>& ours,
                                                       const nlohmann::json& dalecSpec) {
  std::vector<ResolutionDifference> out;
  for (const spec::ResolvedLeaf& leaf : ours) {
    // Extension keys (x-…) are Dalec's to keep aside; its JSON never carries them.
    if (leaf.path.empty() || leaf.path.front().rfind("x-", 0) == 0) continue;
    const nlohmann::json* theirs = find(dalecSpec, leaf.path);
    if (!theirs) {
      if (!isEmptyValue(leaf)) out.push_back({describePath(leaf.path), leaf.line, oursAsJson(leaf), std::nullopt});
      continue;
    }
    if (!same(leaf, *theirs)) out.push_back({describePath(leaf.path), leaf.line, oursAsJson(leaf), theirs->dump()});
  }
  return out;
}

}  // namespace dalec::frontend
