#pragma once
// Positions and ranges used across the core. The core works in byte offsets into the document
// text; conversions to editor positions (UTF-16) and to Dalec's 1-based rune columns happen in
// LineIndex, once, at the edges.
#include <cstddef>

namespace dalec {

struct ByteRange {
  std::size_t begin = 0;
  std::size_t end = 0;  // exclusive
  bool empty() const { return begin == end; }
  bool contains(std::size_t offset) const { return begin <= offset && offset < end; }
  friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

// 0-based line, 0-based UTF-16 code unit offset: what LSP calls a Position.
struct Utf16Position {
  int line = 0;
  int character = 0;
  friend bool operator==(const Utf16Position&, const Utf16Position&) = default;
  friend auto operator<=>(const Utf16Position&, const Utf16Position&) = default;
};

struct Utf16Range {
  Utf16Position start;
  Utf16Position end;
  friend bool operator==(const Utf16Range&, const Utf16Range&) = default;
};

// 1-based line and 1-based column counted in Unicode code points: what compilers print and what
// Dalec (goccy/go-yaml) puts into BuildKit source maps.
struct RunePosition {
  int line = 1;
  int column = 1;
  friend bool operator==(const RunePosition&, const RunePosition&) = default;
};

}  // namespace dalec
