#pragma once
// Test text with marked ranges and points, in the style of clangd's Annotations:
//   "name: $bad[[nmae]]"  -> text "name: nmae", range "bad" over "nmae"
//   "[[x]]"               -> an unnamed range (name "")
//   "key: $cursor^value"  -> a point named "cursor"
// Markers are removed from the text; ranges are byte offsets into the cleaned text.
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "text/position.h"

namespace dalec::testing {

class AnnotatedText {
 public:
  explicit AnnotatedText(const std::string& annotated);

  const std::string& text() const { return text_; }
  ByteRange range(const std::string& name = "") const;
  std::vector<ByteRange> ranges(const std::string& name = "") const;
  std::size_t point(const std::string& name = "") const;

 private:
  std::string text_;
  std::multimap<std::string, ByteRange> ranges_;
  std::map<std::string, std::size_t> points_;
};

}  // namespace dalec::testing
