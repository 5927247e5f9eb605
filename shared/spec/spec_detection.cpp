#include "spec/spec_detection.h"

#include <cctype>

namespace dalec::spec {

namespace {
bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
}  // namespace

bool hasDalecSyntaxLine(std::string_view text) {
  // BuildKit reads the directive from the first line; Dalec trims leading blank lines first.
  std::size_t start = 0;
  while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
  std::string_view line = text.substr(start, text.find('\n', start) - start);
  if (line.empty() || line[0] != '#') return false;
  line.remove_prefix(1);
  while (!line.empty() && (line[0] == ' ' || line[0] == '\t')) line.remove_prefix(1);
  if (line.rfind("syntax", 0) != 0) return false;
  line.remove_prefix(6);
  while (!line.empty() && (line[0] == ' ' || line[0] == '\t')) line.remove_prefix(1);
  if (line.empty() || line[0] != '=') return false;
  // Dalec's frontend images: ghcr.io/project-dalec/dalec/frontend and the older ghcr.io/azure/dalec/frontend.
  return line.find("dalec/frontend") != std::string_view::npos || line.find("/dalec:") != std::string_view::npos;
}

bool isDalecSpec(std::string_view uri, std::string_view languageId, std::string_view text) {
  if (languageId == "dalec" || languageId == "yaml.dalec") return true;
  if (endsWith(uri, ".dalec.yml") || endsWith(uri, ".dalec.yaml")) return true;
  return hasDalecSyntaxLine(text);
}

}  // namespace dalec::spec
