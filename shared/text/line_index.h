#pragma once
#include <string_view>
#include <vector>

#include "text/position.h"

namespace dalec {

// Maps byte offsets of one text to line/column positions and back. Built once per document
// version; every lookup is a binary search over line starts plus a scan of one line.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  std::size_t lineCount() const { return lineStarts_.size(); }
  std::size_t lineStart(std::size_t line) const;
  // End of the line's content, before its line break.
  std::size_t lineEnd(std::size_t line) const;
  std::size_t lineOf(std::size_t offset) const;

  Utf16Position toUtf16(std::size_t offset) const;
  Utf16Range toUtf16(ByteRange range) const;
  // Clamps out-of-range lines and characters to the nearest valid offset, as editors expect.
  std::size_t fromUtf16(Utf16Position position) const;

  RunePosition toRune(std::size_t offset) const;
  std::size_t fromRune(RunePosition position) const;

  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
  std::vector<std::size_t> lineStarts_;
};

}  // namespace dalec
