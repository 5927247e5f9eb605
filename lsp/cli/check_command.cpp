#include "cli/check_command.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analysis/analyzer.h"
#include "cli/spec_file.h"
#include "spec/spec_model.h"
#include "yaml/node.h"

namespace dalec::lsp {

int runCheck(const CheckOptions& options, std::ostream& out, std::ostream& err) {
  bool ioError = false, anyError = false;
  nlohmann::json report = nlohmann::json::array();
  for (const std::string& path : options.files) {
    std::string text, error;
    if (!readSpecFile(path, text, error)) {
      err << path << ": error: " << error << "\n";
      ioError = true;
      continue;
    }
    auto document = yaml::parse(std::move(text));
    auto model = spec::buildModel(document);
    nlohmann::json fileDiagnostics = nlohmann::json::array();
    for (const analysis::Diagnostic& d : analysis::analyze(*model)) {
      if (d.severity == analysis::Severity::Error) anyError = true;
      if (d.severity == analysis::Severity::Hint && !options.showHints) continue;
      const RunePosition start = document->lines().toRune(d.range.begin);
      const RunePosition end = document->lines().toRune(d.range.end);
      if (options.format == CheckFormat::Text) {
        out << path << ":" << start.line << ":" << start.column << ": " << analysis::severityName(d.severity) << ": "
            << d.message << " [" << d.code << "]\n";
      } else {
        fileDiagnostics.push_back({{"line", start.line},
                                   {"column", start.column},
                                   {"endLine", end.line},
                                   {"endColumn", end.column},
                                   {"severity", analysis::severityName(d.severity)},
                                   {"code", d.code},
                                   {"message", d.message}});
      }
    }
    if (options.format == CheckFormat::Json) report.push_back({{"file", path}, {"diagnostics", fileDiagnostics}});
  }
  if (options.format == CheckFormat::Json) out << report.dump(2) << "\n";
  if (ioError) return 2;
  return anyError ? 1 : 0;
}

int checkMain(const std::vector<std::string>& rawArgs, std::ostream& out, std::ostream& err) {
  CheckOptions options;
  std::vector<std::string> args;
  for (const std::string& arg : rawArgs) {
    if (arg.rfind("--format=", 0) == 0) {
      args.push_back("--format");
      args.push_back(arg.substr(9));
    } else {
      args.push_back(arg);
    }
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--format" && i + 1 < args.size()) {
      const std::string& value = args[++i];
      if (value == "json") options.format = CheckFormat::Json;
      else if (value == "text") options.format = CheckFormat::Text;
      else {
        err << "dalec-lsp check: unknown format '" << value << "' (use text or json)\n";
        return 2;
      }
    } else if (arg == "--hints") {
      options.showHints = true;
    } else if (arg == "-h" || arg == "--help") {
      out << "usage: dalec-lsp check [--format text|json] [--hints] FILE...\n";
      return 0;
    } else if (!arg.empty() && arg[0] == '-' && arg != "-") {
      err << "dalec-lsp check: unknown option '" << arg << "'\n";
      return 2;
    } else {
      options.files.push_back(arg);
    }
  }
  if (options.files.empty()) {
    err << "usage: dalec-lsp check [--format text|json] [--hints] FILE...\n";
    return 2;
  }
  return runCheck(options, out, err);
}

}  // namespace dalec::lsp
