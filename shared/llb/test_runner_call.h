#pragma once
// Recognising Dalec's test ops from their arguments alone (no source map needed):
// ["/tmp/internal/dalec/testrunner/frontend", "test-runner", <subcommand>, <flags...>, <path>, <expected>].
#include <optional>
#include <string>
#include <vector>

namespace dalec::llb {

struct TestRunnerCall {
  std::string subcommand;      // check-file-contains, step-runner, ...
  std::string checkKind;       // Dalec's check_type: contains, permissions, is_dir, ... (empty for steps)
  std::string path;            // the checked path ("stdout"/"stderr" for stream checks)
  std::string expected;        // the expectation argument, if any
  bool negated = false;        // --not=true (check-file-isdir)
  bool noFollowSymlinks = false;
  bool isStep() const { return subcommand == "step-runner"; }
};

std::optional<TestRunnerCall> parseTestRunnerCall(const std::vector<std::string>& args);
// "stdout"/"stderr" for Dalec's captured-output paths, else the path itself.
std::string displayPath(const std::string& path);

}  // namespace dalec::llb
