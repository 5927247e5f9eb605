#include "text/utf8.h"

#include <cstdint>
#include <cstring>

namespace dalec::utf8 {

std::size_t sequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

int utf16Units(unsigned char lead) { return sequenceLength(lead) == 4 ? 2 : 1; }

namespace {
// The end of the run of ASCII bytes other than NUL from `i`, eight bytes at a time: specs are
// almost all ASCII, and every open and edit checks the whole text.
std::size_t asciiRunEnd(std::string_view text, std::size_t i) {
  constexpr std::uint64_t kLow = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  for (std::uint64_t word; i + 8 <= text.size(); i += 8) {
    std::memcpy(&word, text.data() + i, 8);
    // A byte with its top bit set, or a zero byte (the classic "has zero byte" test).
    if (((word | ((word - kLow) & ~word)) & kHigh) != 0) break;
  }
  while (i < text.size() && static_cast<unsigned char>(text[i]) - 1u < 0x7fu) ++i;
  return i;
}

// Length of the valid sequence at `i`, or 0 when the bytes there are not valid UTF-8.
std::size_t validSequenceAt(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t len = sequenceLength(lead);
  if (len == 1 || lead == 0xC0 || lead == 0xC1 || lead > 0xF4) return 0;
  if (i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  const unsigned char second = byte(i + 1);
  // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
  if (lead == 0xE0 && second < 0xA0) return 0;
  if (lead == 0xED && second > 0x9F) return 0;
  if (lead == 0xF0 && second < 0x90) return 0;
  if (lead == 0xF4 && second > 0x8F) return 0;
  return len;
}
}  // namespace

std::size_t firstInvalid(std::string_view text) {
  for (std::size_t i = asciiRunEnd(text, 0); i < text.size(); i = asciiRunEnd(text, i)) {
    std::size_t len = validSequenceAt(text, i);
    if (len == 0 || text[i] == '\0') return i;
    i += len;
  }
  return std::string_view::npos;
}

bool isValid(std::string_view text) { return firstInvalid(text) == std::string_view::npos; }

std::string sanitize(std::string_view text) {
  std::string out(text);
  for (std::size_t i = asciiRunEnd(out, 0); i < out.size(); i = asciiRunEnd(out, i)) {
    std::size_t len = validSequenceAt(out, i);
    if (len == 0 || out[i] == '\0') {
      out[i] = '?';
      ++i;
    } else {
      i += len;
    }
  }
  return out;
}

}  // namespace dalec::utf8
