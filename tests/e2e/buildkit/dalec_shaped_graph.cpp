#include "dalec_shaped_graph.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace dalec::testing {

namespace {

constexpr const char* kTestRunnerPath = "/tmp/internal/dalec/testrunner/frontend";

// Dalec's test-runner subcommands this fixture needs, with Dalec's messages (%q quoting of plain
// values is just the surrounding quotes) and exit codes.
constexpr const char* kTestRunnerScript = R"script(#!/bin/busybox sh
[ "$1" = test-runner ] || { echo "If you see this message this is probably a bug in dalec." >&2; exit 64; }
sub="$2"; shift 2
case "$sub" in
  check-file-contains)
    got="$(/bin/busybox cat "$1")" || exit 2
    case "$got" in *"$2"*) exit 0 ;; esac
    printf '"%s": check_type=contains expected: "%s", got "%s"\n' "$1" "$2" "$got" >&2
    exit 3 ;;
  check-file-perms)
    path="$2"; want="$3"
    got="$(/bin/busybox stat -c %a "$path")" || exit 2
    [ "$got" = "$want" ] && exit 0
    printf '"%s": check_type=permissions expected: "%s", got "%s"\n' "$path" "$want" "$got" >&2
    exit 2 ;;
  step-runner)
    # Dalec's step-runner reads the step's command from step.json; the stand-in takes it as its argument.
    exec /bin/busybox sh -c "$1" ;;
  *) exit 70 ;;
esac
)script";

std::string readBinary(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path + " (install busybox-static)");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

llb::Definition dalecShapedTestGraph(const FixtureTest& test) {
  buildkit::DefinitionBuilder builder;
  std::vector<buildkit::InlineFile> container = test.containerFiles;
  container.push_back({"/bin/busybox", readBinary("/bin/busybox"), 0755});
  buildkit::OpOutput state = buildkit::addFileTree(builder, container);
  // Dalec mounts its frontend binary from the frontend image; here the script plays that part.
  const buildkit::OpOutput runner = buildkit::addFileTree(builder, {{"/frontend", kTestRunnerScript, 0755}});
  const int source = builder.addSourceInfo(test.specFilename, test.specText, "yaml");

  for (const FixtureCheck& check : test.checks) {
    llb::ExecOp exec;
    exec.mutable_meta()->add_args(kTestRunnerPath);
    exec.mutable_meta()->add_args("test-runner");
    exec.mutable_meta()->add_args(check.subcommand);
    std::string customName = check.subcommand;
    for (const std::string& arg : check.args) {
      exec.mutable_meta()->add_args(arg);
      customName += " " + arg;
    }
    exec.mutable_meta()->add_env("PATH=/bin");
    exec.mutable_meta()->set_cwd("/");
    llb::Mount* root = exec.add_mounts();
    root->set_input(0);
    root->set_dest("/");
    root->set_output(0);
    llb::Mount* binary = exec.add_mounts();
    binary->set_input(1);
    binary->set_selector("/frontend");
    binary->set_dest(kTestRunnerPath);
    binary->set_output(-1);
    binary->set_readonly(true);
    state = builder.addExec(exec, {state, runner});
    builder.describe(state, "llb.customname", customName);
    builder.group(state, "dalec-tests", "Test: " + test.targetKey + "/" + test.testName);
    // Dalec's start positions are exact; its ends are not (the reference's §3.4), so a zero-width
    // range at the start is what a consumer may rely on.
    builder.locate(state, source, {{check.location, check.location}});
  }
  return builder.finish(state);
}

}  // namespace dalec::testing
