#include "cli/test_command.h"

#include <cstdlib>
#include <ostream>
#include <sstream>

#include "buildkit/routes/address.h"
#include "cli/frontend_args.h"
#include "cli/spec_file.h"
#include "llb/op_map.h"
#include "testrun/graph_test_run.h"
#include "yaml/node.h"

namespace dalec::lsp {

namespace {

const std::string kUsage = std::string("usage: dalec-lsp test FILE --target TARGET [options]\n"
                                       "  --test NAME               run that test alone (only its steps and checks are built)\n"
                                       "  --fail-fast               one build of the target, as `docker build` runs it: stops at the\n"
                                       "                            first failure (default: every test op on its own, every failure)\n") +
                           kFrontendArgsUsage;

struct TestCommandOptions {
  std::string file;
  FrontendArgs frontend;
  std::string target;
  std::string onlyTest;
  bool failFast = false;
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
    std::string error;
    const ArgParse parsed = parseFrontendArg(args, i, options.frontend, error);
    if (parsed == ArgParse::Taken) continue;
    if (parsed == ArgParse::Bad) {
      err << "dalec-lsp test: " << error << "\n" << kUsage;
      return 2;
    }
    if (arg == "-h" || arg == "--help") {
      out << kUsage;
      return 0;
    } else if (arg == "--target") {
      if (i + 1 >= args.size()) {
        err << "dalec-lsp test: --target needs a value\n" << kUsage;
        return 2;
      }
      options.target = args[++i];
    } else if (arg == "--test") {
      if (i + 1 >= args.size()) {
        err << "dalec-lsp test: --test needs a test's name\n" << kUsage;
        return 2;
      }
      options.onlyTest = args[++i];
    } else if (arg == "--fail-fast") {
      options.failFast = true;
    } else if (!arg.empty() && arg[0] == '-') {
      err << "dalec-lsp test: unknown option '" << arg << "'\n" << kUsage;
      return 2;
    } else if (options.file.empty()) {
      options.file = arg;
    } else {
      err << "dalec-lsp test: one spec at a time ('" << arg << "' is a second one)\n" << kUsage;
      return 2;
    }
  }
  if (options.file.empty() || options.target.empty()) {
    err << kUsage;
    return 2;
  }
  testrun::TestRunOptions run;
  static_cast<frontend::FrontendOptions&>(run) = options.frontend.options;
  run.target = options.target;

  std::string text, readError;
  if (!readSpecFile(options.file, text, readError)) {
    err << options.file << ": error: " << readError << "\n";
    return 2;
  }
  auto document = yaml::parse(text);
  auto model = spec::buildModel(document);
  const testrun::TestRequest request = testrun::buildTestRequest(options.file, text, *model, run);
  if (!request.request) {
    err << options.file << ": error: " << request.error << "\n";
    return 2;
  }
  const buildkit::AddressResult address = buildkit::resolveDaemonAddress(options.frontend.buildkit);
  if (!address.value) {
    err << "dalec-lsp test: " << address.error << "\n";
    return 2;
  }
  err << "dalec-lsp test: running the tests of " << options.file << " for " << request.route << " with "
      << request.frontendImage << " on " << address.value->described() << "\n";

  buildkit::ControlClient client(*address.value);
  std::string lastProgress;
  const testrun::TestReport report = testrun::runSpecTests(
      client, *request.request,
      {model.get(), llb::targetKeyOf(request.route), request.specFilename, options.onlyTest, options.failFast},
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
