#include "text/line_index.h"

#include <algorithm>
#include <cstring>

#include "text/utf8.h"

namespace dalec {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  // Counted first so the vector is allocated once; memchr finds the breaks faster than a byte loop.
  auto nextBreak = [&](std::size_t from) -> std::size_t {
    const void* found = from < text.size() ? std::memchr(text.data() + from, '\n', text.size() - from) : nullptr;
    return found ? static_cast<std::size_t>(static_cast<const char*>(found) - text.data()) : text.size();
  };
  std::size_t breaks = 0;
  for (std::size_t at = nextBreak(0); at < text.size(); at = nextBreak(at + 1)) ++breaks;
  lineStarts_.reserve(breaks + 1);
  lineStarts_.push_back(0);
  for (std::size_t at = nextBreak(0); at < text.size(); at = nextBreak(at + 1)) lineStarts_.push_back(at + 1);
}

std::size_t LineIndex::lineStart(std::size_t line) const {
  return line < lineStarts_.size() ? lineStarts_[line] : text_.size();
}

std::size_t LineIndex::lineEnd(std::size_t line) const {
  if (line >= lineStarts_.size()) return text_.size();
  std::size_t end = line + 1 < lineStarts_.size() ? lineStarts_[line + 1] - 1 : text_.size();
  if (end > lineStarts_[line] && text_[end - 1] == '\r') --end;
  return end;
}

std::size_t LineIndex::lineOf(std::size_t offset) const {
  auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
  return static_cast<std::size_t>(it - lineStarts_.begin()) - 1;
}

Utf16Position LineIndex::toUtf16(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  std::size_t line = lineOf(offset);
  int character = 0;
  for (std::size_t i = lineStarts_[line]; i < offset;) {
    auto lead = static_cast<unsigned char>(text_[i]);
    character += utf8::utf16Units(lead);
    i += utf8::sequenceLength(lead);
  }
  return {static_cast<int>(line), character};
}

Utf16Range LineIndex::toUtf16(ByteRange range) const { return {toUtf16(range.begin), toUtf16(range.end)}; }

std::size_t LineIndex::fromUtf16(Utf16Position position) const {
  if (position.line < 0) return 0;
  auto line = static_cast<std::size_t>(position.line);
  if (line >= lineStarts_.size()) return text_.size();
  std::size_t i = lineStarts_[line];
  const std::size_t end = lineEnd(line);
  int units = 0;
  while (i < end && units < position.character) {
    auto lead = static_cast<unsigned char>(text_[i]);
    units += utf8::utf16Units(lead);
    i += utf8::sequenceLength(lead);
  }
  return std::min(i, end);
}

RunePosition LineIndex::toRune(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  std::size_t line = lineOf(offset);
  int column = 1;
  for (std::size_t i = lineStarts_[line]; i < offset; i += utf8::sequenceLength(static_cast<unsigned char>(text_[i])))
    ++column;
  return {static_cast<int>(line) + 1, column};
}

std::size_t LineIndex::fromRune(RunePosition position) const {
  if (position.line < 1) return 0;
  auto line = static_cast<std::size_t>(position.line - 1);
  if (line >= lineStarts_.size()) return text_.size();
  std::size_t i = lineStarts_[line];
  const std::size_t end = lineEnd(line);
  for (int column = 1; column < position.column && i < end; ++column)
    i += utf8::sequenceLength(static_cast<unsigned char>(text_[i]));
  return std::min(i, end);
}

}  // namespace dalec
