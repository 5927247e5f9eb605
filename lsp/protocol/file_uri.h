#pragma once
// file:// URIs <-> local paths, as editors send them (percent-encoded).
#include <optional>
#include <string>

namespace dalec::lsp {

// The local path of a file:// URI, percent-decoded; nullopt for any other scheme.
std::optional<std::string> pathOfFileUri(const std::string& uri);

}  // namespace dalec::lsp
