#include "cli/test_command.h"

#include <cstdlib>
#include <ostream>
#include <sstream>

#include "buildkit/address.h"
#include "cli/spec_file.h"
#include "llb/op_map.h"
#include "testrun/test_run.h"
#include "yaml/node.h"

namespace dalec::lsp {

namespace {

constexpr const char* kUsage =
    "usage: dalec-lsp test FILE --target TARGET [--addr ADDRESS] [--frontend IMAGE] [--build-arg NAME=VALUE]...\n"
    "                      [--build-context NAME=docker-image://REF]... [--context DIR]\n"
    "  ADDRESS: unix:///path or tcp://host:port (default: $BUILDKIT_HOST, else unix:///run/buildkit/buildkitd.sock)\n";

struct TestCommandOptions {
  std::string file, address;
  testrun::TestRunOptions run;
};

// One line per message line: the first as the error, the rest as notes at the same place.
void printFailure(std::ostream& out, const std::string& path, const yaml::Document& document,
                  const testrun::CheckFailure& failure) {
  const RunePosition start = document.lines().toRune(failure.range.begin);
  std::istringstream lines(failure.message);
  std::string line;
  bool first = true;
  while (std::getline(lines, line)) {
    out << path << ":" << start.line << ":" << start.column << ": " << (first ? "error" : "note") << ": " << line
        << (first ? " [test-failed]" : "") << "\n";
    first = false;
  }
}

}  // namespace

int testMain(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  TestCommandOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    bool ok = true;
    if (arg == "-h" || arg == "--help") {
      out << kUsage;
      return 0;
    } else if (arg == "--target") {
      ok = value(options.run.target);
    } else if (arg == "--addr") {
      ok = value(options.address);
    } else if (arg == "--frontend") {
      ok = value(options.run.frontendImage);
    } else if (arg == "--context") {
      ok = value(options.run.contextDir);
    } else if (arg == "--build-context") {
      std::string pair;
      ok = value(pair) && pair.find('=') != std::string::npos && pair.find('=') > 0;
      if (ok) options.run.buildContexts[pair.substr(0, pair.find('='))] = pair.substr(pair.find('=') + 1);
    } else if (arg == "--build-arg") {
      std::string pair;
      ok = value(pair) && pair.find('=') != std::string::npos && pair.find('=') > 0;
      if (ok) options.run.buildArgs[pair.substr(0, pair.find('='))] = pair.substr(pair.find('=') + 1);
    } else if (!arg.empty() && arg[0] == '-') {
      err << "dalec-lsp test: unknown option '" << arg << "'\n" << kUsage;
      return 2;
    } else if (options.file.empty()) {
      options.file = arg;
    } else {
      err << "dalec-lsp test: one spec at a time ('" << arg << "' is a second one)\n" << kUsage;
      return 2;
    }
    if (!ok) {
      err << "dalec-lsp test: " << arg << " needs a value" << (arg == "--build-arg" || arg == "--build-context" ? " of the form NAME=VALUE" : "") << "\n"
          << kUsage;
      return 2;
    }
  }
  if (options.file.empty() || options.run.target.empty()) {
    err << kUsage;
    return 2;
  }

  std::string text, readError;
  if (!readSpecFile(options.file, text, readError)) {
    err << options.file << ": error: " << readError << "\n";
    return 2;
  }
  auto document = yaml::parse(text);
  auto model = spec::buildModel(document);
  const testrun::TestRequest request = testrun::buildTestRequest(options.file, text, *model, options.run);
  if (!request.request) {
    err << options.file << ": error: " << request.error << "\n";
    return 2;
  }
  const char* environment = std::getenv("BUILDKIT_HOST");
  const buildkit::AddressResult address = buildkit::resolveDaemonAddress(options.address, environment ? environment : "");
  if (!address.value) {
    err << "dalec-lsp test: " << address.error << "\n";
    return 2;
  }
  err << "dalec-lsp test: running the tests of " << options.file << " for " << request.route << " with "
      << request.frontendImage << " on " << address.value->address << "\n";

  buildkit::ControlClient client(*address.value);
  std::string lastProgress;
  const testrun::TestReport report = testrun::runTests(
      client, *request.request, {model.get(), llb::targetKeyOf(request.route), request.specFilename},
      [&](const testrun::RunProgress& progress) {
        if (progress.message == lastProgress) return;
        lastProgress = progress.message;
        err << "  " << progress.message << "\n";
      });
  switch (report.outcome) {
    case testrun::TestReport::Outcome::Passed:
      out << options.file << ": tests passed (" << request.route << ")\n";
      return 0;
    case testrun::TestReport::Outcome::Failed:
      for (const testrun::CheckFailure& failure : report.failures) printFailure(out, options.file, *document, failure);
      return 1;
    case testrun::TestReport::Outcome::Error:
    case testrun::TestReport::Outcome::Cancelled:
      err << options.file << ": error: " << report.error << "\n";
      return 2;
  }
  return 2;
}

}  // namespace dalec::lsp
