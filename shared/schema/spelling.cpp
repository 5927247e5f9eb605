#include "schema/spelling.h"

#include <algorithm>
#include <cctype>

namespace dalec::schema {

// Optimal string alignment distance (adjacent transpositions count as one edit), with three
// rolling rows instead of a full matrix: it runs for every unknown key against every field name.
//
// With a limit it stops once the distance must exceed it: a row's minimum never falls below the
// row above's (every cell comes from a cell of the row above at no less, from its left neighbour,
// or by a transposition from two rows up plus one, itself no less than the row above's minimum).
// Most names are nothing like the unknown key and end here after a row or two.
std::size_t editDistance(std::string_view a, std::string_view b, std::size_t limit) {
  const std::size_t m = b.size();
  // The rows of the usual short names live on the stack.
  constexpr std::size_t kOnStack = 48;
  std::size_t stackRows[3][kOnStack + 1];
  std::vector<std::size_t> heapRows(m > kOnStack ? 3 * (m + 1) : 0);
  std::size_t* beforePrevious = m > kOnStack ? heapRows.data() : stackRows[0];
  std::size_t* previous = m > kOnStack ? heapRows.data() + (m + 1) : stackRows[1];
  std::size_t* current = m > kOnStack ? heapRows.data() + 2 * (m + 1) : stackRows[2];
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    std::size_t rowMinimum = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) current[j] = std::min(current[j], beforePrevious[j - 2] + 1);
      rowMinimum = std::min(rowMinimum, current[j]);
    }
    if (rowMinimum > limit) return limit + 1;
    std::swap(beforePrevious, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

std::size_t editDistance(std::string_view a, std::string_view b) {
  return editDistance(a, b, std::max(a.size(), b.size()));
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<std::size_t> misspellingDistance(std::string_view lowerWord, std::string_view candidate) {
  // Allow about one typo per three characters, and never a full rewrite of a short word.
  const std::size_t limit = std::max<std::size_t>(1, std::min(lowerWord.size(), candidate.size()) / 3);
  // The distance is at least the difference in length: most candidates end here.
  const std::size_t lengthGap =
      lowerWord.size() > candidate.size() ? lowerWord.size() - candidate.size() : candidate.size() - lowerWord.size();
  if (lengthGap > limit) return std::nullopt;
  const std::size_t distance = editDistance(lowerWord, lowercase(candidate), limit);
  if (distance > limit || distance >= std::max(lowerWord.size(), candidate.size())) return std::nullopt;
  return distance;
}

std::optional<std::string> closestMatch(std::string_view word, const std::vector<std::string>& candidates) {
  return closestMatch(word, candidates, [](const std::string& name) -> std::string_view { return name; });
}

}  // namespace dalec::schema
