#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace dalec::utf8 {

// Length in bytes of the UTF-8 sequence that starts with `lead`, or 1 for a stray byte.
std::size_t sequenceLength(unsigned char lead);
// Number of UTF-16 code units the code point starting at `lead` needs.
int utf16Units(unsigned char lead);
bool isValid(std::string_view text);
// Replaces every byte that is not part of a valid UTF-8 sequence, and every NUL, by '?' so that
// byte offsets stay the same. libfyaml 0.7.12 hangs on some invalid sequences (e.g. "%\x8a").
std::string sanitize(std::string_view text);
// Byte offset of the first invalid byte, or npos.
std::size_t firstInvalid(std::string_view text);

}  // namespace dalec::utf8
