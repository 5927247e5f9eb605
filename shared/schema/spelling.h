#pragma once
// "Did you mean" suggestions for misspelt keys, arg names, source names and targets.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dalec::schema {

// Edit distance with transpositions (optimal string alignment).
std::size_t editDistance(std::string_view a, std::string_view b);
// The same when it is at most `limit`; otherwise some number above the limit, found sooner.
std::size_t editDistance(std::string_view a, std::string_view b, std::size_t limit);
// ASCII letters lowercased, as spelling suggestions compare names.
std::string lowercase(std::string_view text);
// How far `candidate` is from `word` (already lowercased) when it is plausibly a misspelling of it.
std::optional<std::size_t> misspellingDistance(std::string_view lowerWord, std::string_view candidate);
// The closest candidate that is plausibly a misspelling of `word`, if any.
std::optional<std::string> closestMatch(std::string_view word, const std::vector<std::string>& candidates);
// The same over any list, each candidate's name read by `nameOf` (no list of names is built:
// this runs for every unknown key against every field of its object).
template <class Candidates, class NameOf>
std::optional<std::string> closestMatch(std::string_view word, const Candidates& candidates, NameOf nameOf) {
  const std::string lowerWord = lowercase(word);
  std::optional<std::string_view> best;
  std::size_t bestDistance = 0;
  for (const auto& candidate : candidates) {
    const std::string_view name = nameOf(candidate);
    const std::optional<std::size_t> distance = misspellingDistance(lowerWord, name);
    if (distance && (!best || *distance < bestDistance)) best = name, bestDistance = *distance;
  }
  return best ? std::optional<std::string>(std::string(*best)) : std::nullopt;
}

}  // namespace dalec::schema
