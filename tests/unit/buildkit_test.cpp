// The BuildKit client's pure parts: daemon addresses, decoding a failed solve's gRPC status and
// typed details, the frontend inputs built as LLB, the Dalec test request, and placing a failure
// on the spec. Statuses and Definitions are built here as BuildKit builds them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "buildkit/routes/address.h"
#include "buildkit/routes/daemon_routes.h"
#include "buildkit/definition_builder.h"
#include "buildkit/rpc_status.pb.h"
#include "buildkit/solve_failure.h"
#include "frontend/spec_verdict.h"
#include "spec_fixtures.h"
#include "testrun/failure_mapping.h"
#include "testrun/test_request.h"

namespace dalec {
namespace {

using nlohmann::json;

// A google.rpc.Status as buildkitd sends it: every typed detail is JSON of the Go struct, with
// []byte fields in base64, under "github.com/moby/buildkit/<type>+json".
std::string statusWithDetails(const std::string& message, const std::vector<std::pair<std::string, json>>& details) {
  buildkit::RpcStatus status;
  status.set_code(2);
  status.set_message(message);
  for (const auto& [type, value] : details) {
    auto* any = status.add_details();
    any->set_type_url("github.com/moby/buildkit/" + type);
    any->set_value(value.dump());
  }
  return status.SerializeAsString();
}

json sourceDetail(const std::string& filename, const std::string& base64Data, int line, int character) {
  return {{"info", {{"filename", filename}, {"data", base64Data}, {"language", "yaml"}}},
          {"ranges", json::array({{{"start", {{"line", line}, {"character", character}}},
                                   {"end", {{"line", line}, {"character", character}}}}})}};
}

TEST(DaemonAddress, UnixTcpAndTunnels) {
  EXPECT_EQ(buildkit::parseDaemonAddress("unix:///run/buildkit/buildkitd.sock").value->grpcTarget, "unix:///run/buildkit/buildkitd.sock");
  EXPECT_EQ(buildkit::parseDaemonAddress("tcp://10.0.0.5:1234").value->grpcTarget, "10.0.0.5:1234");
  EXPECT_EQ(buildkit::parseDaemonAddress("/tmp/b.sock").value->address, "unix:///tmp/b.sock");
  using Args = std::vector<std::string>;
  EXPECT_EQ(buildkit::parseDaemonAddress("docker-container://buildx_buildkit_default").value->command,
            (Args{"docker", "exec", "-i", "buildx_buildkit_default", "buildctl", "dial-stdio"}));
  EXPECT_EQ(buildkit::parseDaemonAddress("kube-pod://buildkitd-0?namespace=ci&context=k3s").value->command,
            (Args{"kubectl", "--context", "k3s", "--namespace", "ci", "exec", "-i", "buildkitd-0", "--", "buildctl", "dial-stdio"}));
  EXPECT_EQ(buildkit::parseDaemonAddress("kube-pod://deployment/bk").value->command,
            (Args{"kubectl", "exec", "-i", "deployment/bk", "--", "buildctl", "dial-stdio"}));
  EXPECT_EQ(buildkit::parseDaemonAddress("docker-container://").error, "a docker-container:// address needs a container name: docker-container://");
  EXPECT_EQ(buildkit::parseDaemonAddress("ssh://me@host").error,
            "unsupported BuildKit address scheme 'ssh://' (use unix://, tcp://, docker-container://, podman-container://, "
            "nerdctl-container:// or kube-pod://): ssh://me@host");
  EXPECT_EQ(buildkit::parseDaemonAddress("tcp://host").error, "a tcp:// address needs a host and a port: tcp://host");
  EXPECT_EQ(buildkit::parseDaemonAddress("unix://relative.sock").error,
            "a unix:// address needs an absolute socket path: unix://relative.sock");
}

// Builders of the drivers the suite cannot start for real (kubernetes, a second Docker context),
// in the file format the real buildx writes (as routes_test.cpp sees it for remote and
// docker-container builders), and the order of the defaults.
struct BuildxDirectory {
  BuildxDirectory() : root(std::filesystem::temp_directory_path() / ("dalec-routes-unit-" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(root / "buildx/instances");
  }
  ~BuildxDirectory() { std::filesystem::remove_all(root); }
  void write(const std::string& relative, const std::string& text) {
    std::filesystem::create_directories((root / relative).parent_path());
    std::ofstream(root / relative) << text;
  }
  buildkit::RouteEnvironment environment() const {
    buildkit::RouteEnvironment e;
    e.dockerConfigDir = (root / "docker").string();
    e.buildxConfigDir = (root / "buildx").string();
    e.defaultDockerSocket = "/nonexistent/docker.sock";
    e.defaultBuildkitSocket = "/nonexistent/buildkitd.sock";
    return e;
  }
  std::filesystem::path root;
};

TEST(DaemonRoutes, BuildersOfEachDriver) {
  BuildxDirectory dir;
  dir.write("buildx/instances/k8s", R"({"Name":"k8s","Driver":"kubernetes","Nodes":[{"Name":"k8s0","Endpoint":"kubernetes:///k8s?deployment=&kubeconfig=","DriverOpts":{"namespace":"ci"}}]})");
  dir.write("buildx/instances/odd", R"({"Name":"odd","Driver":"cloud","Nodes":[{"Name":"odd0","Endpoint":"cloud://x"}]})");
  dir.write("buildx/instances/broken", "{not json");
  const auto e = dir.environment();
  using Args = std::vector<std::string>;
  auto k8s = buildkit::addressOfBuilder("k8s", e);
  ASSERT_TRUE(k8s.value) << k8s.error;
  EXPECT_EQ(k8s.value->described(), "kube-pod://deployment/k8s0?namespace=ci (buildx builder 'k8s' (kubernetes driver))");
  EXPECT_EQ(k8s.value->command, (Args{"kubectl", "--namespace", "ci", "exec", "-i", "deployment/k8s0", "--", "buildctl", "dial-stdio"}));
  EXPECT_EQ(buildkit::addressOfBuilder("odd", e).error,
            "the buildx builder 'odd' (cloud driver) is one dalec-tools cannot reach: it knows the remote, docker-container, "
            "kubernetes and docker drivers; set the daemon's address instead");
  EXPECT_EQ(buildkit::addressOfBuilder("broken", e).error,
            "buildx's record of the builder 'broken' is not JSON: " + e.buildxConfigDir + "/instances/broken");
  // "default" is the Docker engine of DOCKER_HOST, else the default socket.
  EXPECT_EQ(buildkit::addressOfBuilder("default", e).value->engineSocket, "/nonexistent/docker.sock");
  auto tcpEngine = e;
  tcpEngine.dockerHost = "tcp://10.0.0.1:2376";
  EXPECT_EQ(buildkit::addressOfBuilder("default", tcpEngine).error,
            "the Docker engine at tcp://10.0.0.1:2376 is not on a unix socket, which is the only way dalec-tools reaches a Docker "
            "engine's BuildKit; run a buildkitd or a buildx builder there and give its address instead");
  EXPECT_EQ(buildkit::addressOfBuilder("nope", e).error,
            "no buildx builder named 'nope' in " + e.buildxConfigDir + " (there are: broken, k8s, odd)");
}

TEST(DaemonRoutes, ADockerContextNamesItsEngine) {
  BuildxDirectory dir;
  auto e = dir.environment();
  const std::string name = "remote-box";
  auto missing = buildkit::addressOfBuilder(name, e);
  EXPECT_EQ(missing.error, "no buildx builder named 'remote-box' in " + e.buildxConfigDir + " (it has none; create one with `docker buildx create`)");
  dir.write("docker/config.json", R"({"currentContext":"remote-box"})");
  // Docker keeps a context's metadata under the sha256 of its name (coreutils computes it here).
  const std::string digest = [&] {
    std::string out;
    FILE* pipe = ::popen("printf %s remote-box | sha256sum", "r");
    char buffer[128] = {};
    if (pipe && ::fgets(buffer, sizeof buffer, pipe)) out.assign(buffer, 64);
    if (pipe) ::pclose(pipe);
    return out;
  }();
  ASSERT_EQ(digest.size(), 64u);
  dir.write("docker/contexts/meta/" + digest + "/meta.json",
            R"({"Name":"remote-box","Endpoints":{"docker":{"Host":"unix:///srv/box/docker.sock"}}})");
  auto engine = buildkit::addressOfBuilder(name, e);
  ASSERT_TRUE(engine.value) << engine.error;
  EXPECT_EQ(engine.value->described(), "docker engine at unix:///srv/box/docker.sock (buildx builder 'remote-box' (docker driver))");
  // buildx keys `current` by a non-default context's name: chosen with that context current.
  dir.write("buildx/current", R"({"Key":"remote-box","Name":"","Global":false})");
  auto chosen = buildkit::resolveDaemonAddress(buildkit::ConnectionSettings{}, e);
  ASSERT_TRUE(chosen.value) << chosen.error;
  EXPECT_EQ(chosen.value->described(),
            "docker engine at unix:///srv/box/docker.sock (the current buildx builder, the Docker engine's (docker driver))");
  // Chosen for another endpoint: not ours, so the defaults go on (and here find nothing).
  dir.write("buildx/current", R"({"Key":"unix:///var/run/docker.sock","Name":"k","Global":false})");
  EXPECT_EQ(buildkit::resolveDaemonAddress(buildkit::ConnectionSettings{}, e).error.rfind("no BuildKit reachable: tried BUILDKIT_HOST (not set), "
                                                                                       "the current buildx builder (none chosen in ", 0),
            0u);
}

TEST(SolveFailure, DecodesSourceVertexAndExitDetails) {
  // "name: x\n" in base64 is "bmFtZTogeAo=".
  const std::string details = statusWithDetails(
      "process \"/tmp/internal/dalec/testrunner/frontend test-runner check-file-perms /x 755\" did not complete successfully: exit code: 2",
      {{"stack.Stack+json", {{"frames", json::array()}}},
       {"errdefs.Vertex+json", {{"digest", "sha256:aaaa"}}},
       {"errdefs.Source+json", sourceDetail("spec.yml", "bmFtZTogeAo=", 99, 22)},
       {"errdefs.Vertex+json", {{"digest", "sha256:bbbb"}}},
       {"gatewayapi.ExitMessage+json", {{"Code", 2}}}});
  const buildkit::SolveFailure failure = buildkit::decodeSolveFailure(2, "", details);
  EXPECT_EQ(failure.message.rfind("process \"/tmp/internal/dalec/testrunner/frontend", 0), 0u);
  ASSERT_EQ(failure.sources.size(), 1u);
  EXPECT_EQ(failure.sources[0].filename, "spec.yml");
  EXPECT_EQ(failure.sources[0].language, "yaml");
  EXPECT_EQ(failure.sources[0].data, "name: x\n");
  ASSERT_EQ(failure.sources[0].ranges.size(), 1u);
  EXPECT_EQ(failure.sources[0].ranges[0].start, (llb::LlbPosition{99, 22}));
  EXPECT_EQ(failure.vertex, "sha256:aaaa");  // the innermost, the op itself
  EXPECT_EQ(failure.exitCode, 2);
  EXPECT_TRUE(failure.undecoded.empty());
}

TEST(SolveFailure, WithoutDetailsTheMessageStillGivesTheExitCode) {
  auto failure = buildkit::decodeSolveFailure(2, "process \"true\" did not complete successfully: exit code: 42", "");
  EXPECT_EQ(failure.exitCode, 42);
  EXPECT_TRUE(failure.sources.empty());
  EXPECT_FALSE(failure.vertex);
}

TEST(SolveFailure, GarbageDetailsAreSkippedNotTrusted) {
  buildkit::RpcStatus status;
  status.set_message("boom");
  auto* notJson = status.add_details();
  notJson->set_type_url("github.com/moby/buildkit/errdefs.Source+json");
  notJson->set_value("{not json");
  auto* foreign = status.add_details();
  foreign->set_type_url("type.googleapis.com/google.rpc.DebugInfo");
  auto* wrongShape = status.add_details();
  wrongShape->set_type_url("github.com/moby/buildkit/errdefs.Source+json");
  wrongShape->set_value(R"({"info": 7, "ranges": [{"start": {"line": "x", "character": 1e40}}, 3]})");
  auto failure = buildkit::decodeSolveFailure(13, "", status.SerializeAsString());
  EXPECT_EQ(failure.message, "boom");
  EXPECT_EQ(failure.grpcCode, 13);
  EXPECT_EQ(failure.undecoded.size(), 2u);
  ASSERT_EQ(failure.sources.size(), 1u);  // the well-formed JSON, with what could be read
  EXPECT_EQ(failure.sources[0].ranges[0].start, (llb::LlbPosition{0, 0}));
  EXPECT_EQ(buildkit::decodeSolveFailure(2, "x", "\xff\xff\xff").message, "x");  // not a Status at all
}

TEST(DefinitionBuilder, FileTreeIsOneFileOpChainedFromScratchThenTheTerminal) {
  const llb::Definition definition =
      buildkit::fileTreeDefinition({{"/spec.yml", "name: x\n", 0644}, {"/src/sub/main.c", "int main;", 0600}});
  ASSERT_EQ(definition.def_size(), 2);
  llb::Op op, terminal;
  ASSERT_TRUE(op.ParseFromString(definition.def(0)));
  ASSERT_TRUE(terminal.ParseFromString(definition.def(1)));
  ASSERT_EQ(terminal.inputs_size(), 1);
  EXPECT_EQ(terminal.inputs(0).digest(), llb::sha256Digest(definition.def(0)));
  // Go's pb.Definition.IsNil is true without metadata: every op needs its entry.
  EXPECT_EQ(definition.metadata().size(), 2u);
  EXPECT_EQ(definition.metadata().count(terminal.inputs(0).digest()), 1u);
  ASSERT_TRUE(op.has_file());
  const auto& actions = op.file().actions();
  ASSERT_EQ(actions.size(), 4);  // mkdir /src, mkdir /src/sub, two files
  EXPECT_EQ(actions[0].mkdir().path(), "/src");
  EXPECT_EQ(actions[1].mkdir().path(), "/src/sub");
  EXPECT_EQ(actions[2].mkfile().path(), "/spec.yml");
  EXPECT_EQ(actions[2].mkfile().data(), "name: x\n");
  EXPECT_EQ(actions[3].mkfile().mode(), 0600);
  for (int i = 0; i < actions.size(); ++i) {
    EXPECT_EQ(actions[i].input(), i == 0 ? -1 : i - 1) << i;  // scratch, then the previous action
    EXPECT_EQ(actions[i].output(), i + 1 == actions.size() ? 0 : -1) << i;
  }
}

class TestRequestTest : public ::testing::Test {
 protected:
  // One folder per test and process: ctest runs these tests in parallel processes.
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) /
                              ("dalec-test-request-" + std::to_string(::getpid()) + "-" +
                               ::testing::UnitTest::GetInstance()->current_test_info()->name());
  void SetUp() override {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "src");
  }
  void TearDown() override { std::filesystem::remove_all(dir); }
  testrun::TestRequest build(const std::string& text, testrun::TestRunOptions options = {}) {
    if (options.target.empty()) options.target = "jammy";
    std::ofstream(dir / "app.dalec.yml") << text;
    auto analysed = testing::analyseText(text);
    return testrun::buildTestRequest((dir / "app.dalec.yml").string(), text, *analysed.model, options);
  }
};

constexpr const char* kInlineSpec =
    "# syntax=ghcr.io/project-dalec/dalec/frontend:v0.21.5\n"
    "name: app\nversion: 1.0.0\nrevision: '1'\nlicense: MIT\ndescription: d\nwebsite: https://x\n"
    "tests:\n  - name: t\n    files:\n      /etc/x: {}\n";

TEST_F(TestRequestTest, GatewayFrontendWithTheSpecAsTheDockerfileInput) {
  testrun::TestRunOptions options;
  options.target = "jammy";
  options.buildArgs = {{"VERSION", "2.0"}};
  auto request = build(kInlineSpec, options);
  ASSERT_TRUE(request.request) << request.error;
  EXPECT_EQ(request.route, "jammy/deb");
  EXPECT_EQ(request.request->frontend(), "gateway.v0");
  const auto& attrs = request.request->frontendattrs();
  EXPECT_EQ(attrs.at("source"), "ghcr.io/project-dalec/dalec/frontend:v0.21.5");
  EXPECT_EQ(attrs.at("filename"), "app.dalec.yml");
  EXPECT_EQ(attrs.at("target"), "jammy/deb");
  EXPECT_EQ(attrs.at("build-arg:VERSION"), "2.0");
  ASSERT_EQ(request.request->frontendinputs().count("dockerfile"), 1u);
  EXPECT_EQ(request.request->frontendinputs().count("context"), 0u);
  llb::Op op;
  ASSERT_TRUE(op.ParseFromString(request.request->frontendinputs().at("dockerfile").def(0)));
  EXPECT_EQ(op.file().actions(0).mkfile().path(), "/app.dalec.yml");
  EXPECT_EQ(op.file().actions(0).mkfile().data(), kInlineSpec);
  // A setting names another frontend image; a route is kept as written.
  testrun::TestRunOptions override;
  override.target = "azlinux3/rpm";
  override.frontendImage = "registry.local/dalec:dev";
  auto other = build(kInlineSpec, override);
  EXPECT_EQ(other.request->frontendattrs().at("source"), "registry.local/dalec:dev");
  EXPECT_EQ(other.route, "azlinux3/rpm");
}

TEST_F(TestRequestTest, AContextSourceSendsTheSpecsFolderWhenSmall) {
  std::ofstream(dir / "src" / "main.go") << "package main\n";
  std::string spec = kInlineSpec;
  spec += "sources:\n  src:\n    context: {}\n";
  auto request = build(spec);
  ASSERT_TRUE(request.request) << request.error;
  EXPECT_EQ(request.contextFiles, 2u);  // src/main.go and the spec itself
  ASSERT_EQ(request.request->frontendinputs().count("context"), 1u);
  testrun::TestRunOptions small;
  small.contextLimitBytes = 8;
  auto tooBig = build(spec, small);
  EXPECT_FALSE(tooBig.request);
  EXPECT_NE(tooBig.error.find("the spec reads the build context, and " + dir.string() + " holds more than"), std::string::npos)
      << tooBig.error;
}

TEST_F(TestRequestTest, WhatThisPathCannotProvideIsRefusedWithTheReason) {
  std::string named = kInlineSpec;
  named += "sources:\n  src:\n    context:\n      name: other\n";
  EXPECT_EQ(build(named).error,
            "source `src` reads the named build context `other`; without a client session the frontend cannot be given "
            "named local contexts");
  std::string noSyntax = kInlineSpec;
  noSyntax.erase(0, noSyntax.find('\n') + 1);
  EXPECT_EQ(build(noSyntax).error.rfind("the spec names no frontend: add `# syntax=", 0), 0u);
  std::string noTests = kInlineSpec;
  noTests.erase(noTests.find("tests:"));
  EXPECT_EQ(build(noTests).error, "the spec has no tests");
  testrun::TestRunOptions local;
  local.target = "jammy";
  local.buildContexts = {{"dalec-jammy-worker", "/srv/worker"}};
  EXPECT_EQ(build(kInlineSpec, local).error,
            "build context `dalec-jammy-worker=/srv/worker` is not an image or a remote URL; only docker-image://, "
            "http(s):// and git contexts can be passed (local directories and oci-layout:// need a client session)");
  local.buildContexts = {{"dalec-jammy-worker", "docker-image://registry.local/jammy-worker:1"}};
  EXPECT_EQ(build(kInlineSpec, local).request->frontendattrs().at("context:dalec-jammy-worker"),
            "docker-image://registry.local/jammy-worker:1");
}

// example-hello.inline.yml, lines 99 and 106 (1-based), as Dalec places their checks:
//   `        permissions: 0o755`                 the value at column 22
//   `            - "hello-inline ${VERSION}"`    the element (its quote) at column 15
TEST(FailureMapping, ADalecCheckFailureLandsOnTheCheckAsWritten) {
  auto analysed = testing::analyseText(testing::readFile(testing::referenceDir() / "specs" / "example-hello.inline.yml"));
  const auto& document = *analysed.model->document;
  buildkit::SolveFailure failure;
  failure.message = "process \"…\" did not complete successfully: exit code: 3";
  failure.exitCode = 3;
  failure.sources.push_back({"EXAMPLE-hello.inline.yml", "yaml", "", {{{106, 15}, {106, 15}}}});
  testrun::VertexRecord vertex;
  vertex.stderrText = "some noise\n\"stdout\": check_type=contains expected: \"hello-inline 0.1.0\", got \"hello-inline 0.0.9\\n\"\n";
  auto report = testrun::reportFailure(failure, vertex, *analysed.model, "azlinux3", "example-hello.inline.yml");
  ASSERT_EQ(report.outcome, testrun::TestReport::Outcome::Failed);
  ASSERT_EQ(report.failures.size(), 1u);
  EXPECT_EQ(document.lines().toUtf16(report.failures[0].range), (Utf16Range{{105, 14}, {105, 39}}));
  EXPECT_EQ(report.failures[0].message,
            "\"stdout\": check_type=contains expected: \"hello-inline 0.1.0\", got \"hello-inline 0.0.9\\n\"\n"
            "test `running binary prints version/platform` › step 1 stdout contains hello-inline ${VERSION} (exit code 3)");

  failure.sources = {{"example-hello.inline.yml", "yaml", "", {{{99, 22}, {99, 22}}}}};
  report = testrun::reportFailure(failure, testrun::VertexRecord{}, *analysed.model, "azlinux3", "example-hello.inline.yml");
  ASSERT_EQ(report.failures.size(), 1u);
  EXPECT_EQ(document.lines().toUtf16(report.failures[0].range), (Utf16Range{{98, 21}, {98, 26}}));
  // No log line: BuildKit's own message says what failed.
  EXPECT_EQ(report.failures[0].message.rfind("process \"…\" did not complete successfully: exit code: 3\n", 0), 0u);
}

TEST(FailureMapping, AFailureOutsideTheSpecIsAnErrorWithItsMessage) {
  auto analysed = testing::analyseText(testing::readFile(testing::referenceDir() / "specs" / "example-hello.inline.yml"));
  buildkit::SolveFailure failure;
  failure.message = "failed to resolve source metadata for ghcr.io/project-dalec/dalec/frontend:latest";
  failure.sources.push_back({"Dockerfile", "Dockerfile", "", {{{3, 1}, {3, 10}}}});  // a forwarded build's own file
  testrun::VertexRecord vertex;
  vertex.stderrText = "E: Unable to locate package foo\n";
  auto report = testrun::reportFailure(failure, vertex, *analysed.model, "azlinux3", "example-hello.inline.yml");
  EXPECT_EQ(report.outcome, testrun::TestReport::Outcome::Error);
  EXPECT_TRUE(report.failures.empty());
  EXPECT_EQ(report.error, failure.message + "\nE: Unable to locate package foo");
}

}  // namespace
}  // namespace dalec

namespace dalec::testing {
namespace {

// What Dalec v0.21.5's frontend answered the resolve subrequest for a spec with a misspelled key,
// as BuildKit sends it (the message only: decoding errors carry no errdefs.Source).
constexpr const char* kUnknownFieldMessage =
    "failed to solve: error loading spec: error unmarshalling spec: error unmarshalling to spec: failed to decode "
    "source: [15:5] unknown field \"bogus\"\n  12 |     inline:\n  13 |       file:\n  14 |         contents: hi\n"
    "> 15 |     bogus: 1\n           ^\n  16 | build:\n";

TEST(SpecVerdict, ARejectionKeepsDalecsWordsWithoutTheCodeFrameAndItsPlace) {
  buildkit::SolveFailure failure;
  failure.message = kUnknownFieldMessage;
  const auto verdict = frontend::verdictFromFailure(failure, "# syntax=x\nname: a\n");
  EXPECT_EQ(verdict.outcome, frontend::SpecVerdict::Outcome::Rejected);
  EXPECT_EQ(verdict.message,
            "error loading spec: error unmarshalling spec: error unmarshalling to spec: failed to decode source: [15:5] "
            "unknown field \"bogus\"");
  ASSERT_TRUE(verdict.position);
  EXPECT_EQ(*verdict.position, (RunePosition{15, 5}));
  // Dalec trims the spec first: two blank lines in front move every line down by two.
  const auto shifted = frontend::verdictFromFailure(failure, "\n  \n# syntax=x\nname: a\n");
  EXPECT_EQ(*shifted.position, (RunePosition{17, 5}));
}

TEST(SpecVerdict, ATypedSourceRangeWinsOverTheMessage) {
  buildkit::SolveFailure failure;
  failure.message = "error loading spec: invalid patch for source \"src\": [3:1] source is missing";
  failure.sources.push_back({"spec.yml", "yaml", "", {{{40, 7}, {40, 21}}}});
  const auto verdict = frontend::verdictFromFailure(failure, "name: a\n");
  EXPECT_EQ(*verdict.position, (RunePosition{40, 7}));
}

TEST(SpecVerdict, APullFailureOrADownDaemonIsNoVerdict) {
  buildkit::SolveFailure pull;
  pull.message = "failed to resolve source metadata for ghcr.io/project-dalec/dalec/frontend:x: not found";
  EXPECT_EQ(frontend::verdictFromFailure(pull, "").outcome, frontend::SpecVerdict::Outcome::Unavailable);
  buildkit::SolveFailure down;
  down.grpcCode = 14;
  down.message = "connection refused";
  EXPECT_EQ(frontend::verdictFromFailure(down, "").outcome, frontend::SpecVerdict::Outcome::Unavailable);
}

TEST(SpecVerdict, TheRequestIsTheResolveSubrequestKeptOutOfTheHistory) {
  const std::string text = "# syntax=ghcr.io/project-dalec/dalec/frontend:latest\nname: a\n";
  auto analysed = analyseText(text);
  const auto request = frontend::buildVerdictRequest("/tmp/a.dalec.yml", text, *analysed.model, {});
  ASSERT_TRUE(request.request) << request.error;
  EXPECT_EQ(request.request->frontendattrs().at("requestid"), "frontend.dalec.resolve");
  EXPECT_EQ(request.request->frontendattrs().count("target"), 0u);
  EXPECT_TRUE(request.request->internal());
}

}  // namespace
}  // namespace dalec::testing

#include "server/language_server.h"

namespace dalec::lsp {
namespace {

// Asking for a verdict runs the image a spec names: only Dalec's own and what the user lists.
TEST(FrontendTrust, DalecsOwnImagesAndTheListedOnesOnly) {
  EXPECT_TRUE(frontendIsTrusted("ghcr.io/project-dalec/dalec/frontend:latest", {}));
  EXPECT_TRUE(frontendIsTrusted("ghcr.io/azure/dalec/frontend:0.9@sha256:abc", {}));
  EXPECT_FALSE(frontendIsTrusted("ghcr.io/project-dalec/dalec/frontend-evil:latest", {}));
  EXPECT_FALSE(frontendIsTrusted("registry.example:5000/dalec/frontend:1", {}));
  EXPECT_TRUE(frontendIsTrusted("registry.example:5000/dalec/frontend:1", {"registry.example:5000/dalec/frontend"}));
  EXPECT_TRUE(frontendIsTrusted("registry.example/f:2", {"registry.example/f"}));  // a bare repository: any tag
  EXPECT_FALSE(frontendIsTrusted("registry.example/f:2", {"registry.example/f:1"}));  // a tag: that one only
}

}  // namespace
}  // namespace dalec::lsp
