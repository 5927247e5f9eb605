// libfyaml 0.7.12 ends an anchor (&name) or alias (*name) at a blank, a flow indicator, a control
// character or a Unicode space; at the last two it reports an error, but as many characters past
// the offending one as the name is long (fixed upstream in 0.8, commit 193c017), and it names a
// control character a space at the end of the input. A no-break space pasted after `*base` was
// reported on the next line, and recovery then blanked that line instead. The offending character
// is found again here: the one that ends an anchor or alias name of n characters n characters
// before the reported place, counted as libfyaml counts them (a code point each, a line break one,
// `\r\n` too, never past the end of the input). Measured against 0.7.12: `*ab<NBSP>\n` is
// reported at the next line's start, `*<NBSP>` at the space itself, `*\u00e9\u00e9<NBSP>xyzw` two
// code points on. Nothing less exact will do: an earlier `*` or `&` followed by such a character
// in a plain scalar or a comment is no name, and taking it moved the error lines away (and
// recovery blanked the wrong line).
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

// Where libfyaml's report lands `count` characters on from `at`.
std::size_t charactersOn(std::string_view text, std::size_t at, std::size_t count) {
  for (; count > 0 && at < text.size(); --count)
    at += text.compare(at, 2, "\r\n") == 0 ? 2 : utf8::sequenceLength(static_cast<unsigned char>(text[at]));
  return std::min(at, text.size());
}

}  // namespace

bool isAnchorNameError(std::string_view message) {
  return message.starts_with("illegal unicode ") && (message.ends_with(" in anchor") || message.ends_with(" in alias"));
}

std::optional<PlacedError> placeAnchorNameError(std::string_view text, std::size_t from, std::size_t reported,
                                                std::string_view message) {
  if (!isAnchorNameError(message)) return std::nullopt;
  const bool aboutAnchor = message.ends_with(" in anchor");
  std::optional<PlacedError> placed;
  for (std::size_t at = from; at < text.size() && at < reported;) {
    if (text[at] != '&' && text[at] != '*') {
      at += utf8::sequenceLength(static_cast<unsigned char>(text[at]));
      continue;
    }
    const char indicator = text[at];
    std::size_t end = at + 1, nameLength = 0;
    char32_t stop = 0;
    while (end < text.size()) {
      const std::size_t length = utf8::sequenceLength(static_cast<unsigned char>(text[end]));
      stop = codePointAt(text, end, std::min(length, text.size() - end));
      if (isBlankOrBreak(stop) || isFlowIndicator(stop) || isUnicodeControl(stop) || isUnicodeSpace(stop)) break;
      end += length;
      ++nameLength;
    }
    if (end < text.size() && !isBlankOrBreak(stop) && !isFlowIndicator(stop) && (indicator == '&') == aboutAnchor &&
        charactersOn(text, end, nameLength) == reported) {
      placed = PlacedError{end, std::string("illegal unicode ") + (isUnicodeControl(stop) ? "control" : "space") +
                                    " character in " + (aboutAnchor ? "anchor" : "alias")};
    }
    at = end;
  }
  return placed;
}

}  // namespace dalec::yaml
