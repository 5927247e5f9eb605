#include "spec/spec_detection.h"

#include <cctype>

namespace dalec::spec {

namespace {
bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
}  // namespace

std::string syntaxImage(std::string_view text) {
  // BuildKit reads the directive from the first line; Dalec trims leading blank lines first.
  std::size_t start = 0;
  while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
  std::string_view line = text.substr(start, text.find('\n', start) - start);
  auto skipBlanks = [&] {
    while (!line.empty() && (line[0] == ' ' || line[0] == '\t')) line.remove_prefix(1);
  };
  if (line.empty() || line[0] != '#') return {};
  line.remove_prefix(1);
  skipBlanks();
  if (line.rfind("syntax", 0) != 0) return {};
  line.remove_prefix(6);
  skipBlanks();
  if (line.empty() || line[0] != '=') return {};
  line.remove_prefix(1);
  skipBlanks();
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.remove_suffix(1);
  return std::string(line);
}

bool hasDalecSyntaxLine(std::string_view text) {
  const std::string image = syntaxImage(text);
  // Dalec's frontend images: ghcr.io/project-dalec/dalec/frontend and the older ghcr.io/azure/dalec/frontend.
  return image.find("dalec/frontend") != std::string::npos || image.find("/dalec:") != std::string::npos;
}

bool isDalecSpec(std::string_view uri, std::string_view languageId, std::string_view text) {
  if (languageId == "dalec" || languageId == "yaml.dalec") return true;
  if (endsWith(uri, ".dalec.yml") || endsWith(uri, ".dalec.yaml")) return true;
  return hasDalecSyntaxLine(text);
}

}  // namespace dalec::spec
