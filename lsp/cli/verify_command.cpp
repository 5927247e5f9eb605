#include "cli/verify_command.h"

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>

#include "buildkit/routes/address.h"
#include "cli/frontend_args.h"
#include "cli/spec_file.h"
#include "frontend/spec_verdict.h"
#include "yaml/node.h"

namespace dalec::lsp {

namespace {

const std::string kUsage =
    std::string("usage: dalec-lsp verify [--format text|json] [options] FILE...\n"
                "  asks each spec's frontend on buildkitd whether it accepts the spec (nothing is built)\n") +
    kFrontendArgsUsage;

// Dalec's message as the checker prints problems: the first line as the error, the rest as notes.
void printRejection(std::ostream& out, const std::string& path, const frontend::SpecVerdict& verdict) {
  const std::string where = verdict.position ? path + ":" + std::to_string(verdict.position->line) + ":" +
                                                   std::to_string(verdict.position->column)
                                             : path;
  std::istringstream lines(verdict.message);
  std::string line;
  bool first = true;
  while (std::getline(lines, line)) {
    out << where << ": " << (first ? "error" : "note") << ": " << line << (first ? " [frontend]" : "") << "\n";
    first = false;
  }
}

}  // namespace

int verifyMain(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  FrontendArgs frontendArgs;
  std::vector<std::string> files;
  bool json = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    std::string error;
    const ArgParse parsed = parseFrontendArg(args, i, frontendArgs, error);
    if (parsed == ArgParse::Taken) continue;
    if (parsed == ArgParse::Bad) {
      err << "dalec-lsp verify: " << error << "\n" << kUsage;
      return 2;
    }
    if (arg == "-h" || arg == "--help") {
      out << kUsage;
      return 0;
    } else if (arg == "--format" || arg.rfind("--format=", 0) == 0) {
      std::string format = arg == "--format" ? (i + 1 < args.size() ? args[++i] : "") : arg.substr(9);
      if (format != "text" && format != "json") {
        err << "dalec-lsp verify: --format takes text or json\n" << kUsage;
        return 2;
      }
      json = format == "json";
    } else if (!arg.empty() && arg[0] == '-') {
      err << "dalec-lsp verify: unknown option '" << arg << "'\n" << kUsage;
      return 2;
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) {
    err << kUsage;
    return 2;
  }
  const buildkit::AddressResult address = buildkit::resolveDaemonAddress(frontendArgs.buildkit);
  if (!address.value) {
    err << "dalec-lsp verify: " << address.error << "\n";
    return 2;
  }

  buildkit::ControlClient client(*address.value);
  bool anyRejected = false, anyUnavailable = false;
  nlohmann::json report = nlohmann::json::array();
  for (const std::string& path : files) {
    std::string text, readError;
    frontend::SpecVerdict verdict;
    if (!readSpecFile(path, text, readError)) {
      verdict.message = readError;
    } else {
      auto document = yaml::parse(text);
      auto model = spec::buildModel(document);
      const frontend::FrontendRequest request = frontend::buildVerdictRequest(path, text, *model, frontendArgs.options);
      verdict = frontend::askFrontend(client, request, text);
    }
    anyRejected |= verdict.outcome == frontend::SpecVerdict::Outcome::Rejected;
    anyUnavailable |= verdict.outcome == frontend::SpecVerdict::Outcome::Unavailable;
    if (json) {
      nlohmann::json entry = {{"file", path},
                              {"verdict", frontend::outcomeName(verdict.outcome)},
                              {"frontend", verdict.frontendImage},
                              {"message", verdict.message}};
      if (verdict.position) {
        entry["line"] = verdict.position->line;
        entry["column"] = verdict.position->column;
      }
      report.push_back(std::move(entry));
      continue;
    }
    switch (verdict.outcome) {
      case frontend::SpecVerdict::Outcome::Accepted:
        out << path << ": accepted by " << verdict.frontendImage << "\n";
        break;
      case frontend::SpecVerdict::Outcome::Rejected: printRejection(out, path, verdict); break;
      case frontend::SpecVerdict::Outcome::Unavailable:
        err << path << ": error: no verdict from the frontend: " << verdict.message << "\n";
        break;
    }
  }
  if (json) out << report.dump(2) << "\n";
  if (anyUnavailable) return 2;
  return anyRejected ? 1 : 0;
}

}  // namespace dalec::lsp
