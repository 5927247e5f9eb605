// libfyaml 0.7.12 ends an anchor (&name) or alias (*name) at a blank, a flow indicator, a control
// character or a Unicode space; at the last two it reports an error, but as many characters past
// the offending one as the name is long (fixed upstream in 0.8, commit 193c017), and it names a
// control character a space at the end of the input. A no-break space pasted after `*base` was
// reported on the next line, and recovery then blanked that line instead. The offending character
// is found again here: the last one before the reported place that ends an anchor or alias name.
#include "yaml/anchor_name_error.h"

#include <algorithm>

#include "text/utf8.h"

namespace dalec::yaml {

namespace {

// The code point at `at` of valid UTF-8 (the parser's input always is).
char32_t codePointAt(std::string_view text, std::size_t at, std::size_t length) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  if (length == 1) return byte(0);
  char32_t cp = byte(0) & (0xff >> (length + 1));
  for (std::size_t i = 1; i < length; ++i) cp = (cp << 6) | (byte(i) & 0x3f);
  return cp;
}

// libfyaml's fy_is_unicode_control and fy_is_unicode_space.
bool isUnicodeControl(char32_t c) { return c <= 0x1f || (c >= 0x80 && c <= 0x9f); }
bool isUnicodeSpace(char32_t c) {
  return c == 0x20 || c == 0xa0 || (c >= 0x2000 && c <= 0x200a) || c == 0x202f || c == 0x205f || c == 0x3000;
}
bool isBlankOrBreak(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool isFlowIndicator(char32_t c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

}  // namespace

std::optional<PlacedError> placeAnchorNameError(std::string_view text, std::size_t from, std::size_t reported,
                                                std::string_view message) {
  const bool aboutAnchor = message.ends_with(" in anchor");
  if (!message.starts_with("illegal unicode ") || (!aboutAnchor && !message.ends_with(" in alias"))) return std::nullopt;
  std::optional<PlacedError> placed;
  for (std::size_t at = from; at < text.size() && at < reported;) {
    if (text[at] != '&' && text[at] != '*') {
      at += utf8::sequenceLength(static_cast<unsigned char>(text[at]));
      continue;
    }
    const char indicator = text[at];
    std::size_t end = at + 1;
    char32_t stop = 0;
    while (end < text.size()) {
      const std::size_t length = utf8::sequenceLength(static_cast<unsigned char>(text[end]));
      stop = codePointAt(text, end, std::min(length, text.size() - end));
      if (isBlankOrBreak(stop) || isFlowIndicator(stop) || isUnicodeControl(stop) || isUnicodeSpace(stop)) break;
      end += length;
    }
    if (end > at + 1 && end < text.size() && end <= reported && !isBlankOrBreak(stop) && !isFlowIndicator(stop) &&
        (indicator == '&') == aboutAnchor) {
      placed = PlacedError{end, std::string("illegal unicode ") + (isUnicodeControl(stop) ? "control" : "space") +
                                    " character in " + (aboutAnchor ? "anchor" : "alias")};
    }
    at = end;
  }
  return placed;
}

}  // namespace dalec::yaml
