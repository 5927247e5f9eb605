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
// The closest candidate that is plausibly a misspelling of `word`, if any.
std::optional<std::string> closestMatch(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace dalec::schema
