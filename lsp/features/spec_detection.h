#pragma once
// Which open documents are Dalec specs: the client said so (language id "dalec"), the file name
// says so (*.dalec.yml), or a YAML file's first line is a `# syntax=` naming Dalec's frontend.
#include <string_view>

namespace dalec::lsp {

bool isDalecSpec(std::string_view uri, std::string_view languageId, std::string_view text);
bool hasDalecSyntaxLine(std::string_view text);

}  // namespace dalec::lsp
