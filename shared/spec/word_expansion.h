#pragma once
// What Dalec makes of a value it expands build args in. Dalec runs each such value through
// BuildKit's Dockerfile word lexer (frontend/dockerfile/shell, `shell.NewLex('\\')` with
// SkipUnsetEnv): so besides $NAME and ${NAME} it applies ${NAME:-w} ${NAME-w} ${NAME:+w}
// ${NAME+w} ${NAME?w} ${NAME#p} ${NAME##p} ${NAME%p} ${NAME%%p} ${NAME/p/r} ${NAME//p/r}, removes
// quotes ('...' and "...") and backslash escapes, and leaves a name it has no value for as written.
// A value Dalec cannot lex (an unmatched quote, a bad ${...}) fails the whole spec.
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace dalec::spec {

struct WordExpansion {
  std::string result;              // the value as Dalec uses it (meaningless when `error` is set)
  std::set<std::string> unmatched;  // names referenced that have no value ("$" for $$, "1" for $1)
  std::string error;               // BuildKit's message, e.g. "unexpected end of statement while ..."
};

using ArgLookup = std::function<std::optional<std::string>(std::string_view name)>;

WordExpansion expandWord(std::string_view word, const ArgLookup& lookup);

}  // namespace dalec::spec
