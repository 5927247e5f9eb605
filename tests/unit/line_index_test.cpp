#include <gtest/gtest.h>

#include "text/line_index.h"
#include "text/utf8.h"

namespace dalec {
namespace {

TEST(LineIndex, ConvertsBytesToUtf16AndBack) {
  // "é" is 2 bytes / 1 UTF-16 unit; "😀" is 4 bytes / 2 UTF-16 units.
  const std::string text = "ab\né😀x\nlast";
  LineIndex lines(text);
  EXPECT_EQ(lines.lineCount(), 3u);
  const std::size_t x = text.find('x');
  EXPECT_EQ(lines.toUtf16(x), (Utf16Position{1, 3}));
  EXPECT_EQ(lines.fromUtf16({1, 3}), x);
  EXPECT_EQ(lines.toRune(x), (RunePosition{2, 3}));
  EXPECT_EQ(lines.fromRune({2, 3}), x);
}

TEST(LineIndex, ClampsPositionsPastTheEnd) {
  const std::string text = "abc\nde";
  LineIndex lines(text);
  EXPECT_EQ(lines.fromUtf16({0, 99}), 3u);   // end of line 0, before its newline
  EXPECT_EQ(lines.fromUtf16({9, 0}), text.size());
  EXPECT_EQ(lines.fromUtf16({-1, 0}), 0u);
}

TEST(LineIndex, CarriageReturnIsNotPartOfTheLine) {
  const std::string text = "ab\r\ncd";
  LineIndex lines(text);
  EXPECT_EQ(lines.lineEnd(0), 2u);
  EXPECT_EQ(lines.fromUtf16({0, 5}), 2u);
}

TEST(Utf8, SanitizeKeepsOffsetsAndRemovesInvalidBytes) {
  const std::string bad = "a: \x8a\xff\nb: \xc3\xa9\n";
  EXPECT_FALSE(utf8::isValid(bad));
  const std::string clean = utf8::sanitize(bad);
  EXPECT_EQ(clean.size(), bad.size());
  EXPECT_TRUE(utf8::isValid(clean));
  EXPECT_EQ(clean, "a: ??\nb: \xc3\xa9\n");
  EXPECT_EQ(utf8::firstInvalid(bad), 3u);
}

// ASCII is skipped eight bytes at a time: a bad byte (or NUL, or a valid sequence) at each place
// of a word and each length around one is still found exactly where it is.
TEST(Utf8, FindsWhatIsNotAsciiAtEveryPlaceOfALongText) {
  for (std::size_t length = 1; length <= 20; ++length)
    for (std::size_t at = 0; at < length; ++at) {
      std::string text(length, 'x');
      text[at] = '\xff';
      EXPECT_EQ(utf8::firstInvalid(text), at) << length << " " << at;
      std::string expected(length, 'x');
      expected[at] = '?';
      EXPECT_EQ(utf8::sanitize(text), expected);
      text[at] = '\0';
      EXPECT_EQ(utf8::firstInvalid(text), at);
      text[at] = '\x7f';
      EXPECT_TRUE(utf8::isValid(text));
      if (at + 2 <= length) {
        text.replace(at, 2, "\xc3\xa9");
        EXPECT_TRUE(utf8::isValid(text)) << length << " " << at;
        EXPECT_EQ(utf8::sanitize(text), text);
      }
    }
}

}  // namespace
}  // namespace dalec
