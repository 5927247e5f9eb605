#include "spec/arg_references.h"

#include <cctype>

namespace dalec::spec {

namespace {
bool isNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool isNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
}  // namespace

std::vector<ArgToken> scanArgTokens(std::string_view text, std::size_t base) {
  std::vector<ArgToken> tokens;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {  // the lexer's escape: \$ is a literal dollar
      ++i;
      continue;
    }
    if (text[i] != '$' || i + 1 >= text.size()) continue;
    if (text[i + 1] == '{') {
      std::size_t nameBegin = i + 2, nameEnd = nameBegin;
      if (nameEnd >= text.size() || !isNameStart(text[nameEnd])) continue;
      while (nameEnd < text.size() && isNameChar(text[nameEnd])) ++nameEnd;
      // Find the matching brace; nested references inside a default are found by the outer loop.
      std::size_t close = nameEnd;
      int depth = 1;
      for (; close < text.size(); ++close) {
        if (text[close] == '{') ++depth;
        if (text[close] == '}' && --depth == 0) break;
      }
      const std::size_t end = close < text.size() ? close + 1 : nameEnd;
      tokens.push_back({std::string(text.substr(nameBegin, nameEnd - nameBegin)),
                        {base + i, base + end},
                        {base + nameBegin, base + nameEnd},
                        true});
      i = nameEnd - 1;
    } else if (isNameStart(text[i + 1])) {
      std::size_t nameEnd = i + 1;
      while (nameEnd < text.size() && isNameChar(text[nameEnd])) ++nameEnd;
      tokens.push_back({std::string(text.substr(i + 1, nameEnd - i - 1)),
                        {base + i, base + nameEnd},
                        {base + i + 1, base + nameEnd},
                        false});
      i = nameEnd - 1;
    }
  }
  return tokens;
}

}  // namespace dalec::spec
