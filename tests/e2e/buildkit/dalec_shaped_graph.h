#pragma once
// Test fixture: the LLB graph Dalec (>= v0.21) emits for a spec's file checks, built by hand. Each
// check is one exec of the test-runner with Dalec's arguments, custom name, progress group and one
// source location in the spec; the test-runner is a busybox script standing in for Dalec's binary,
// printing Dalec's failure line on stderr and exiting with Dalec's codes (2 metadata, 3 content).
// Locations are given by the test, in Dalec's terms, so nothing here derives them from our own
// op predictions.
#include <string>
#include <vector>

#include "buildkit/definition_builder.h"

namespace dalec::testing {

struct FixtureCheck {
  std::string subcommand;         // "check-file-contains", "check-file-perms" or "step-runner"
  std::vector<std::string> args;  // after the subcommand: flags, path, expectation; a step: its command
  llb::LlbPosition location;      // Dalec's 1-based line and rune column of the check's value
};

struct FixtureTest {
  std::string specFilename;  // the SourceInfo filename (the spec's base name)
  std::string specText;      // the SourceInfo data
  std::string targetKey;     // for the progress group "Test: <key>/<name>"
  std::string testName;
  std::vector<buildkit::InlineFile> containerFiles;  // the container under test, besides busybox
  std::vector<FixtureCheck> checks;                  // run in order; the first failure ends the build
};

llb::Definition dalecShapedTestGraph(const FixtureTest& test);

}  // namespace dalec::testing
