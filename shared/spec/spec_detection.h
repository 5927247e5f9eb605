#pragma once
// Which files are Dalec specs: the editor said so (language id "dalec"), the file name says so
// (*.dalec.yml), or the first line is a `# syntax=` naming Dalec's frontend. The language server
// analyses only those; the debug adapter rewrites only those into spec terms and is transparent
// for anything else buildx can build (a Dockerfile, another frontend).
#include <string>
#include <string_view>

namespace dalec::spec {

bool isDalecSpec(std::string_view uri, std::string_view languageId, std::string_view text);
bool hasDalecSyntaxLine(std::string_view text);
// The frontend image a `# syntax=` first line names (any frontend), or empty.
std::string syntaxImage(std::string_view text);

}  // namespace dalec::spec
