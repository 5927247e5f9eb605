#pragma once
// How Dalec's YAML library (goccy/go-yaml) reads a plain scalar. It mixes YAML 1.1 and 1.2:
// a leading 0 makes an integer octal (1.1), but only true/false spellings are booleans (1.2), so
// `yes`, `on` or `off` are strings.
#include <cstdint>
#include <optional>
#include <string_view>

#include "yaml/node.h"

namespace dalec::yaml {

enum class ScalarType { Null, Bool, Int, Float, String };
enum class IntSyntax { Decimal, LegacyOctal, Octal, Hex, Binary };

struct IntValue {
  std::int64_t value = 0;
  IntSyntax syntax = IntSyntax::Decimal;
};

bool isNullLiteral(std::string_view text);
std::optional<bool> parseBool(std::string_view text);
std::optional<IntValue> parseInt(std::string_view text);
// "0789": a leading zero says octal, but the digits are not.
bool isMalformedOctal(std::string_view text);
// Words YAML 1.1 read as booleans that Dalec reads as plain strings.
bool isYaml11BoolWord(std::string_view text);

// The type a node has for Dalec. Quoted and block scalars are always strings; aliases resolve.
ScalarType scalarType(const Node& node);
std::optional<bool> boolValue(const Node& node);
std::optional<IntValue> intValue(const Node& node);
const char* describeType(const Node& node);

}  // namespace dalec::yaml
