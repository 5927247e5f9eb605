// dalec-lsp: the Dalec spec language server (default, over stdio) and its command-line checker.
#include <iostream>
#include <string>
#include <vector>

#include "cli/check_command.h"
#include "cli/test_command.h"
#include "cli/verify_command.h"
#include "server/language_server.h"

namespace {
constexpr const char* kUsage =
    "usage: dalec-lsp [serve] [--stdio]     run the language server over stdio\n"
    "       dalec-lsp check [--format text|json] [--hints] FILE...\n"
    "       dalec-lsp test FILE --target TARGET [--addr ADDRESS] [--frontend IMAGE]   run the spec's tests on buildkitd\n"
    "       dalec-lsp verify [--format text|json] [--addr ADDRESS] FILE...   ask the spec's frontend whether it accepts the spec\n"
    "       dalec-lsp --version\n";
}

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "check") return dalec::lsp::checkMain({args.begin() + 1, args.end()}, std::cout, std::cerr);
  if (!args.empty() && args[0] == "test") return dalec::lsp::testMain({args.begin() + 1, args.end()}, std::cout, std::cerr);
  if (!args.empty() && args[0] == "verify") return dalec::lsp::verifyMain({args.begin() + 1, args.end()}, std::cout, std::cerr);
  if (!args.empty() && (args[0] == "--version" || args[0] == "version")) {
    std::cout << "dalec-lsp 0.1.0\n";
    return 0;
  }
  if (!args.empty() && (args[0] == "-h" || args[0] == "--help" || args[0] == "help")) {
    std::cout << kUsage;
    return 0;
  }
  for (const std::string& arg : args) {
    if (arg != "serve" && arg != "--stdio") {
      std::cerr << "dalec-lsp: unknown argument '" << arg << "'\n" << kUsage;
      return 2;
    }
  }
  return dalec::lsp::serveStdio();
}
