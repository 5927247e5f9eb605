#pragma once
// `dalec-lsp check FILE...`: the server's diagnostics, printed the way compilers print theirs.
#include <iosfwd>
#include <string>
#include <vector>

namespace dalec::lsp {

enum class CheckFormat { Text, Json };

struct CheckOptions {
  std::vector<std::string> files;
  CheckFormat format = CheckFormat::Text;
  bool showHints = false;  // hints (unused args) are for editors; --hints prints them too
};

// Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.
int runCheck(const CheckOptions& options, std::ostream& out, std::ostream& err);
int checkMain(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace dalec::lsp
