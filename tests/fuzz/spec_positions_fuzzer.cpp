// Fuzzes every position-taking request (completion, hover, navigation, rename, selection, code
// actions) at three positions the input picks: a line and a column from its digest, one of them
// past the line's end.
#include "spec_fuzz_session.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  dalec::fuzz::SpecSession session(data, size);
  const dalec::LineIndex lines(session.text);
  const std::uint64_t seed = dalec::fuzz::digest(session.text);
  const auto lineCount = static_cast<std::uint64_t>(lines.lineCount());
  for (int i = 0; i < 3; ++i) {
    const std::uint64_t bits = seed >> (i * 20);
    const auto line = static_cast<int>((bits & 0xffff) % (lineCount + 1));
    const int character = i == 2 ? 400 : static_cast<int>((bits >> 16) & 0x3f);
    session.askAt({{"line", line}, {"character", character}});
  }
  return 0;
}
