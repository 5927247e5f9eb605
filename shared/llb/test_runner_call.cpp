#include "llb/test_runner_call.h"

#include <map>

namespace dalec::llb {

namespace {
constexpr const char* kFrontend = "/tmp/internal/dalec/testrunner/frontend";
constexpr const char* kOutputDir = "/tmp/internal/dalec/testrunner/step/output/";

const std::map<std::string, std::string>& checkKinds() {
  static const std::map<std::string, std::string> kinds = {
      {"check-file-not-exists", "not_exist"}, {"check-file-isdir", "is_dir"},       {"check-file-perms", "permissions"},
      {"check-link-target", "link_target"},   {"check-file-empty", "empty"},         {"check-file-equals", "equals"},
      {"check-file-contains", "contains"},    {"check-file-matches", "matches"},     {"check-file-starts-with", "starts_with"},
      {"check-file-endswith", "ends_with"},
  };
  return kinds;
}
}  // namespace

std::string displayPath(const std::string& path) {
  if (path.rfind(kOutputDir, 0) == 0) return path.substr(std::string(kOutputDir).size());
  return path;
}

std::optional<TestRunnerCall> parseTestRunnerCall(const std::vector<std::string>& args) {
  if (args.size() < 3 || args[0] != kFrontend || args[1] != "test-runner") return std::nullopt;
  TestRunnerCall call;
  call.subcommand = args[2];
  if (call.isStep() || call.subcommand == "true") return call;
  auto kind = checkKinds().find(call.subcommand);
  if (kind == checkKinds().end()) return call;
  call.checkKind = kind->second;
  std::vector<std::string> positional;
  for (std::size_t i = 3; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("--not=", 0) == 0) call.negated = arg.substr(6) == "true";
    else if (arg.rfind("--no-follow-symlinks=", 0) == 0) call.noFollowSymlinks = arg.substr(21) == "true";
    else positional.push_back(arg);
  }
  if (!positional.empty()) call.path = positional[0];
  if (positional.size() > 1) call.expected = positional[1];
  return call;
}

}  // namespace dalec::llb
