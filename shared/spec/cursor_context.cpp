#include "spec/cursor_context.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace dalec::spec {

namespace {

// One line, read for its structure: list markers, then an optional "key:" and what follows.
struct LineShape {
  bool blank = true;
  std::vector<std::size_t> markers;  // columns of "- " list markers
  std::size_t contentColumn = 0;     // where the key (or scalar) starts
  std::string key;                   // empty if the line is not "key: ..." or "key:"
  bool hasValue = false;             // "key: something" on the same line
};

bool isKeyChar(char c) { return !std::isspace(static_cast<unsigned char>(c)) && c != ':' && c != '#'; }

LineShape shapeOf(std::string_view line) {
  LineShape shape;
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i >= line.size() || line[i] == '#') return shape;
  shape.blank = false;
  while (i < line.size() && line[i] == '-' && (i + 1 == line.size() || line[i + 1] == ' ')) {
    shape.markers.push_back(i);
    ++i;
    while (i < line.size() && line[i] == ' ') ++i;
  }
  shape.contentColumn = i;
  std::size_t keyEnd = i;
  if (i < line.size() && (line[i] == '"' || line[i] == '\'')) {
    const char quote = line[i];
    keyEnd = line.find(quote, i + 1);
    if (keyEnd == std::string_view::npos) return shape;
    shape.key = std::string(line.substr(i + 1, keyEnd - i - 1));
    ++keyEnd;
  } else {
    while (keyEnd < line.size() && (isKeyChar(line[keyEnd]) || (line[keyEnd] == ':' && keyEnd + 1 < line.size() && line[keyEnd + 1] != ' ')))
      ++keyEnd;
    shape.key = std::string(line.substr(i, keyEnd - i));
  }
  std::size_t after = keyEnd;
  while (after < line.size() && line[after] == ' ') ++after;
  if (after < line.size() && line[after] == ':' && (after + 1 == line.size() || line[after + 1] == ' ')) {
    std::size_t value = after + 1;
    while (value < line.size() && line[value] == ' ') ++value;
    shape.hasValue = value < line.size() && line[value] != '#';
  } else {
    shape.key.clear();
  }
  return shape;
}

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

// Follows `path` from the spec's root type through the schema.
const schema::TypeDef* resolvePath(const std::vector<std::string>& path, const schema::FieldDef** lastField) {
  const schema::TypeDef* type = &schema::specType();
  *lastField = nullptr;
  for (const std::string& step : path) {
    if (!type) return nullptr;
    if (step == "-") {
      if (type->shape != schema::Shape::List) return nullptr;
      type = type->element;
      *lastField = nullptr;
    } else if (type->shape == schema::Shape::Object) {
      const schema::FieldDef* field = type->field(step);
      if (!field) return nullptr;
      type = field->type;
      *lastField = field;
    } else if (type->shape == schema::Shape::Map) {
      type = type->element;
      *lastField = nullptr;
    } else {
      return nullptr;
    }
  }
  return type;
}

// The enclosing keys of a position at `column` on line `lineNo`, innermost last.
std::vector<std::string> enclosingPath(const std::vector<std::string_view>& lines, std::size_t lineNo, std::size_t column) {
  std::vector<std::string> reversed;
  std::size_t need = column;
  bool sequenceParent = false;  // a "- " item may sit at its parent key's own column
  for (std::size_t i = lineNo; i-- > 0;) {
    LineShape shape = shapeOf(lines[i]);
    if (shape.blank) continue;
    if (need == 0 && !sequenceParent) break;
    // Markers and the key on this line, from the innermost (rightmost) out.
    if (!shape.key.empty() && (shape.contentColumn < need || (sequenceParent && shape.contentColumn == need && !shape.hasValue && shape.markers.empty()))) {
      if (!shape.hasValue) {
        reversed.push_back(shape.key);
        need = shape.contentColumn;
        sequenceParent = false;
      } else {
        // "key: value" cannot contain what is below it; it is a sibling of an outer mapping.
        if (shape.contentColumn < need) need = shape.contentColumn;
      }
    }
    for (auto marker = shape.markers.rbegin(); marker != shape.markers.rend(); ++marker) {
      if (*marker < need) {
        reversed.push_back("-");
        need = *marker;
        sequenceParent = true;
      }
    }
  }
  return {reversed.rbegin(), reversed.rend()};
}

// Keys at `column` in the mapping that contains line `lineNo`, above and below it.
std::vector<std::string> siblingKeys(const std::vector<std::string_view>& lines, std::size_t lineNo, std::size_t column) {
  std::vector<std::string> keys;
  auto scan = [&](std::size_t i) -> bool {  // false: left the mapping
    LineShape shape = shapeOf(lines[i]);
    if (shape.blank) return true;
    const std::size_t start = shape.markers.empty() ? shape.contentColumn : shape.markers.front();
    if (start < column) {
      // A "- " item whose content sits at our column opens the mapping we are in.
      if (!shape.markers.empty() && shape.contentColumn == column && !shape.key.empty()) keys.push_back(shape.key);
      return false;
    }
    if (start == column && !shape.key.empty()) keys.push_back(shape.key);
    return true;
  };
  for (std::size_t i = lineNo; i-- > 0;)
    if (!scan(i)) break;
  for (std::size_t i = lineNo + 1; i < lines.size(); ++i) {
    LineShape shape = shapeOf(lines[i]);
    if (!shape.blank && !shape.markers.empty() && shape.markers.front() < column) break;
    if (!scan(i)) break;
  }
  return keys;
}

}  // namespace

CursorContext cursorContext(std::string_view text, std::size_t offset) {
  CursorContext context;
  offset = std::min(offset, text.size());
  const std::size_t newline = text.substr(0, offset).rfind('\n');
  const std::size_t lineStart = newline == std::string_view::npos ? 0 : newline + 1;
  std::vector<std::string_view> lines = splitLines(text);
  std::size_t lineNo = static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(lineStart), '\n'));
  const std::string_view before = text.substr(lineStart, offset - lineStart);

  // The word around the cursor.
  std::size_t wordBegin = offset;
  while (wordBegin > lineStart && (isKeyChar(text[wordBegin - 1]) && text[wordBegin - 1] != '{' && text[wordBegin - 1] != '$'))
    --wordBegin;
  std::size_t wordEnd = offset;
  while (wordEnd < text.size() && isKeyChar(text[wordEnd]) && text[wordEnd] != '}') ++wordEnd;

  // ${ARG completion anywhere on the line.
  const std::size_t dollar = before.rfind("${");
  if (dollar != std::string_view::npos && before.find('}', dollar) == std::string_view::npos) {
    context.kind = CursorContext::Kind::ArgReference;
    const std::size_t nameBegin = lineStart + dollar + 2;
    context.prefix = std::string(text.substr(nameBegin, offset - nameBegin));
    std::size_t nameEnd = offset;
    while (nameEnd < text.size() && (std::isalnum(static_cast<unsigned char>(text[nameEnd])) || text[nameEnd] == '_')) ++nameEnd;
    context.replace = {nameBegin, nameEnd};
    return context;
  }

  LineShape shape = shapeOf(before);
  const std::size_t column = shape.blank ? before.size() : shape.contentColumn;
  // The path to where this line's content sits: list markers on the line itself are list steps.
  auto pathHere = [&] {
    std::vector<std::string> path = enclosingPath(lines, lineNo, shape.markers.empty() ? column : shape.markers.front());
    for (std::size_t i = 0; i < shape.markers.size(); ++i) path.push_back("-");
    return path;
  };
  // "key: val|": typing a value for `key` (the key and its ": " are before the cursor).
  if (!shape.key.empty() && before.back() != ':') {
    context.kind = CursorContext::Kind::Value;
    context.path = pathHere();
    context.path.push_back(shape.key);
    context.type = resolvePath(context.path, &context.field);
    context.prefix = std::string(text.substr(wordBegin, offset - wordBegin));
    context.replace = {wordBegin, wordEnd};
    return context;
  }
  // A key being typed (or an empty line, or right after "- ").
  const bool typingKey = shape.blank || (shape.key.empty() && std::all_of(before.begin() + static_cast<long>(shape.contentColumn), before.end(), isKeyChar));
  if (!typingKey) return context;
  context.kind = CursorContext::Kind::Key;
  context.path = pathHere();
  const schema::FieldDef* field = nullptr;
  context.type = resolvePath(context.path, &field);
  context.field = field;
  context.prefix = std::string(text.substr(wordBegin, offset - wordBegin));
  context.replace = {wordBegin, wordEnd};
  if (shape.markers.empty()) context.siblingKeys = siblingKeys(lines, lineNo, column);
  return context;
}

}  // namespace dalec::spec
