#pragma once
// Reading a spec named on the command line, with the reason when it cannot be read.
#include <string>

namespace dalec::lsp {

bool readSpecFile(const std::string& path, std::string& text, std::string& error);

}  // namespace dalec::lsp
