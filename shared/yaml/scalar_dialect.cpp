#include "yaml/scalar_dialect.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>

namespace dalec::yaml {

bool isNullLiteral(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

std::optional<bool> parseBool(std::string_view text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

bool isYaml11BoolWord(std::string_view text) {
  static constexpr std::array<std::string_view, 16> words = {"yes", "Yes", "YES", "no", "No", "NO", "on", "On",
                                                              "ON", "off", "Off", "OFF", "y", "Y", "n", "N"};
  return std::find(words.begin(), words.end(), text) != words.end();
}

namespace {
std::optional<std::int64_t> digitsIn(std::string_view digits, int base) {
  if (digits.empty()) return std::nullopt;
  std::int64_t value = 0;
  for (char c : digits) {
    int digit;
    if (c >= '0' && c <= '9') digit = c - '0';
    else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    else return std::nullopt;
    if (digit >= base) return std::nullopt;
    if (value > (std::numeric_limits<std::int64_t>::max() - digit) / base) return std::nullopt;
    value = value * base + digit;
  }
  return value;
}
}  // namespace

std::optional<IntValue> parseInt(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  IntValue result;
  std::optional<std::int64_t> value;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'o' || text[1] == 'O')) {
    result.syntax = IntSyntax::Octal;
    value = digitsIn(text.substr(2), 8);
  } else if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    result.syntax = IntSyntax::Hex;
    value = digitsIn(text.substr(2), 16);
  } else if (text.size() > 2 && text[0] == '0' && (text[1] == 'b' || text[1] == 'B')) {
    result.syntax = IntSyntax::Binary;
    value = digitsIn(text.substr(2), 2);
  } else if (text.size() > 1 && text[0] == '0') {
    result.syntax = IntSyntax::LegacyOctal;
    value = digitsIn(text.substr(1), 8);
  } else {
    value = digitsIn(text, 10);
  }
  if (!value) return std::nullopt;
  result.value = negative ? -*value : *value;
  return result;
}

bool isMalformedOctal(std::string_view text) {
  if (text.size() < 2 || text[0] != '0') return false;
  std::string_view digits = (text[1] == 'o' || text[1] == 'O') ? text.substr(2) : text.substr(1);
  if (digits.empty()) return text[1] == 'o' || text[1] == 'O';
  return std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) &&
         std::any_of(digits.begin(), digits.end(), [](char c) { return c == '8' || c == '9'; });
}

namespace {
bool isFloatLiteral(std::string_view text) {
  if (text == ".inf" || text == "-.inf" || text == "+.inf" || text == ".nan" || text == ".Inf" || text == ".NaN")
    return true;
  bool digits = false, dot = false, exponent = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) digits = true;
    else if (c == '.' && !dot && !exponent) dot = true;
    else if ((c == 'e' || c == 'E') && digits && !exponent) exponent = true, digits = false;
    else if ((c == '-' || c == '+') && (i == 0 || text[i - 1] == 'e' || text[i - 1] == 'E')) continue;
    else return false;
  }
  return digits && (dot || exponent);
}
}  // namespace

ScalarType scalarType(const Node& node) {
  const Node* target = node.resolved();
  if (!target || !target->isScalar()) return ScalarType::String;
  if (target->style != ScalarStyle::Plain) return ScalarType::String;
  if (target->isNull) return ScalarType::Null;
  if (parseBool(target->value)) return ScalarType::Bool;
  if (parseInt(target->value)) return ScalarType::Int;
  if (isFloatLiteral(target->value)) return ScalarType::Float;
  return ScalarType::String;
}

std::optional<bool> boolValue(const Node& node) {
  const Node* target = node.resolved();
  if (!target || scalarType(*target) != ScalarType::Bool) return std::nullopt;
  return parseBool(target->value);
}

std::optional<IntValue> intValue(const Node& node) {
  const Node* target = node.resolved();
  if (!target || scalarType(*target) != ScalarType::Int) return std::nullopt;
  return parseInt(target->value);
}

const char* describeType(const Node& node) {
  const Node* target = node.resolved();
  if (!target) return "an alias to an unknown anchor";
  switch (target->kind) {
    case NodeKind::Mapping: return "a mapping";
    case NodeKind::Sequence: return "a list";
    case NodeKind::Alias: return "an alias";
    case NodeKind::Scalar: break;
  }
  switch (scalarType(*target)) {
    case ScalarType::Null: return "nothing (null)";
    case ScalarType::Bool: return "a boolean";
    case ScalarType::Int: return "an integer";
    case ScalarType::Float: return "a number";
    case ScalarType::String: return "a string";
  }
  return "a value";
}

}  // namespace dalec::yaml
