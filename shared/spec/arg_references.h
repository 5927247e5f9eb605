#pragma once
// Finding ${ARG} references in spec text. Dalec substitutes build args with BuildKit's
// Dockerfile word lexer: $NAME, ${NAME} and ${NAME:-default}-style forms, '\' escapes.
#include <string>
#include <string_view>
#include <vector>

#include "text/position.h"

namespace dalec::spec {

struct ArgToken {
  std::string name;
  ByteRange range;      // the whole reference: "${NAME:-x}" or "$NAME"
  ByteRange nameRange;  // just NAME
  bool braced = false;
};

// Scans `text`, which starts at byte `base` of the document.
std::vector<ArgToken> scanArgTokens(std::string_view text, std::size_t base);

}  // namespace dalec::spec
