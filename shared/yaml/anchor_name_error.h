#pragma once
// Placing libfyaml's error about a character that may not follow an anchor or alias name
// (internal to the yaml folder: the tree builder describes libfyaml's failures).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dalec::yaml {

struct PlacedError {
  std::size_t offset = 0;
  std::string message;
};

// libfyaml's "illegal unicode control/space character in anchor/alias".
bool isAnchorNameError(std::string_view message);

// For libfyaml's "illegal unicode control/space character in anchor/alias", reported at
// `reported` after reading text[from, ...): the character itself and what it is; nullopt for any
// other message, or when no name's end lies where the report says.
std::optional<PlacedError> placeAnchorNameError(std::string_view text, std::size_t from, std::size_t reported,
                                                std::string_view message);

}  // namespace dalec::yaml
