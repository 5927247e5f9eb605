#pragma once
#include <optional>
#include <string>
#include <vector>

#include "text/position.h"

namespace dalec::analysis {

enum class Severity { Error = 1, Warning = 2, Information = 3, Hint = 4 };
const char* severityName(Severity severity);

struct Diagnostic {
  ByteRange range;
  Severity severity = Severity::Error;
  std::string code;  // stable: unknown-key, undefined-arg, unknown-source, ...
  std::string message;
  bool unnecessary = false;  // rendered faded by editors (unused args)
  // The replacement text a quick fix would insert over `range` (a did-you-mean), if any.
  std::optional<std::string> replacement;
};

}  // namespace dalec::analysis
