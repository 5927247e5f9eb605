#include "cli/spec_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace dalec::lsp {

bool readSpecFile(const std::string& path, std::string& text, std::string& error) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    error = "is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open file";
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    error = "cannot read file";
    return false;
  }
  text = buffer.str();
  return true;
}

}  // namespace dalec::lsp
