// dalec.runTests (a real LSP session with the built dalec-lsp) and `dalec-lsp test`, against Dalec's
// real frontend: v0.21.5 built from ../shared/third_party/dalec by install-dalec.sh and pulled by the
// suite's buildkitd under the name every spec writes (ghcr.io/project-dalec/dalec/frontend:latest,
// through a loopback registry mirror). Dalec really builds fixtures/checks.dalec.yml's package for
// bookworm, installs it in a test container and runs its check ops; the first run builds (about a
// minute), the others reuse BuildKit's cache.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "child_process.h"
#include "checks_fixture.h"
#include "lsp_client.h"
#include "spec_fixtures.h"

namespace dalec::testing {
namespace {

using nlohmann::json;

const json kProgressCapabilities = {{"window", {{"workDoneProgress", true}}}};
constexpr auto kFirstBuild = std::chrono::minutes(15);  // a cold run: apt, dpkg-buildpackage, install
constexpr auto kWarmRun = std::chrono::minutes(3);

// Every test of the target, or (the Run test lens) one test alone.
json runTestsParams(const std::string& uri, const std::string& test = "") {
  json args = {{"uri", uri}, {"target", "bookworm"}};
  if (!test.empty()) args["test"] = test;
  return {{"command", "dalec.runTests"}, {"arguments", json::array({args})}};
}

// Answers the server's window/workDoneProgress/create and returns the token.
json acceptProgressToken(LspClient& client) {
  auto create = client.waitFor([](const json& m) { return m.value("method", "") == "window/workDoneProgress/create"; });
  if (!create) throw std::runtime_error("no window/workDoneProgress/create");
  client.sendRaw(LspClient::frame({{"jsonrpc", "2.0"}, {"id", (*create)["id"]}, {"result", nullptr}}));
  return (*create)["params"]["token"];
}

// The LSP range of the first `length` characters of `needle`, which must occur once in `text`.
json rangeOf(const std::string& text, const std::string& needle, std::size_t length = std::string::npos) {
  const std::size_t at = text.find(needle);
  if (at == std::string::npos || text.find(needle, at + 1) != std::string::npos)
    throw std::runtime_error("not exactly once in the spec: " + needle);
  const std::size_t lineStart = text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
  const int line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  const int column = static_cast<int>(at - lineStart);  // ASCII fixture: UTF-16 units are bytes
  return {{"start", {{"line", line}, {"character", column}}},
          {"end", {{"line", line}, {"character", column + static_cast<int>(std::min(length, needle.size()))}}}};
}

json fullTextChange(const std::string& uri, int version, const std::string& text) {
  return {{"textDocument", {{"uri", uri}, {"version", version}}}, {"contentChanges", json::array({{{"text", text}}})}};
}

std::optional<json> answerOf(LspClient& client, int id, std::chrono::milliseconds timeout) {
  auto answer = client.response(id, timeout);
  if (answer && !answer->contains("result")) ADD_FAILURE() << answer->dump();
  return answer;
}

// A check broken the way an author gets it wrong, what Dalec says about it, and where.
struct Breakage {
  std::string kind;
  std::string before, after;  // the edit to the passing spec
  std::string located;        // what the diagnostic covers (up to its first line break), unique in the spec
  std::string message;        // the diagnostic's message: Dalec's line, then the test and check
};

std::vector<Breakage> breakages() {
  return {
      {"a file's contents", "          - greeting=hi\n", "          - greeting=hello\n", "greeting=hello",
       "\"/etc/hello.conf\": check_type=contains expected: \"greeting=hello\", got \"greeting=hi\"\n"
       "test `config is installed` › check `/etc/hello.conf` contains greeting=hello (exit code 3)"},
      {"a file's permissions", "      /usr/bin/hello:\n        permissions: 0o755\n",
       "      /usr/bin/hello:\n        permissions: 0o700\n", "0o700",
       "\"/usr/bin/hello\": check_type=permissions expected: \"-rwx------\", got \"-rwxr-xr-x\"\n"
       "test `script is executable` › check `/usr/bin/hello` permissions 700 (exit code 2)"},
      {"a file that must not exist", "      /etc/hello.conf.bak:\n        not_exist: true\n",
       "      /etc/hello.conf:\n        not_exist: true\n", "true\n  - name: says hello",
       "\"/etc/hello.conf\": check_type=not_exist expected: \"exists=false\", got \"exists=true\"\n"
       "test `no backup left behind` › check `/etc/hello.conf` not_exist (exit code 2)"},
      {"a step's stdout", "          equals: \"hello\\n\"\n", "          equals: \"bye\\n\"\n", "\"bye\\n\"",
       "\"stdout\": check_type=equals expected: \"bye\\n\", got \"hello\\n\"\n"
       "test `says hello` › step 1 stdout equals \"bye\\n\" (exit code 3)"},
      {"a step's exit code", "      - command: test -r /etc/hello.conf\n", "      - command: test -r /etc/hello.cfg\n",
       "test -r /etc/hello.cfg",
       "the step's command exited with code 1 and printed nothing\n"
       "test `config is readable` › step 1: `test -r /etc/hello.cfg` (exit code 1)"},
  };
}

std::string withBreakage(std::string text, const Breakage& breakage) {
  const std::size_t at = text.find(breakage.before);
  if (at == std::string::npos) throw std::runtime_error("the fixture changed: " + breakage.before);
  return text.replace(at, breakage.before.size(), breakage.after);
}

TEST(LspTestRunsOnRealDalec, EachKindOfFailingCheckIsOneDiagnosticOnItAndFixingItClearsIt) {
  LspClient client(lspBinary());
  client.initialize({{"buildkit", {{"address", daemonAddress().address}}}}, kProgressCapabilities);
  const std::string uri = fileUri(checksSpecPath());
  const std::string passing = checksSpec();
  client.open(uri, passing);
  ASSERT_TRUE(client.diagnosticsFor(uri));

  // The passing spec passes; progress named Dalec's real ops and ended.
  const int first = client.request("workspace/executeCommand", runTestsParams(uri));
  const json token = acceptProgressToken(client);
  auto begin = client.waitFor([&](const json& m) { return m.value("method", "") == "$/progress" && m["params"]["value"]["kind"] == "begin"; });
  ASSERT_TRUE(begin);
  EXPECT_EQ((*begin)["params"]["token"], token);
  EXPECT_EQ((*begin)["params"]["value"]["title"], "Dalec: testing bookworm/deb");
  auto passed = answerOf(client, first, kFirstBuild);
  ASSERT_TRUE(passed);
  EXPECT_EQ((*passed)["result"]["outcome"], "passed");
  EXPECT_EQ((*passed)["result"]["target"], "bookworm/deb");
  std::vector<std::string> reports;
  bool sawEnd = false;
  for (const json& m : client.collect(std::chrono::milliseconds(300))) {
    if (m.value("method", "") != "$/progress") continue;
    const json& value = m["params"]["value"];
    if (value["kind"] == "report") reports.push_back(value.value("message", ""));
    if (value["kind"] == "end") sawEnd = true;
  }
  EXPECT_TRUE(sawEnd);
  EXPECT_TRUE(std::any_of(reports.begin(), reports.end(), [](const std::string& r) {
    return r.find("dalec.testrunner") != std::string::npos || r.find("check-file-") != std::string::npos ||
           r.find(" › check `") != std::string::npos;
  })) << ::testing::PrintToString(reports);

  int version = 1;
  for (const Breakage& breakage : breakages()) {
    SCOPED_TRACE(breakage.kind);
    const std::string broken = withBreakage(passing, breakage);
    client.notify("textDocument/didChange", fullTextChange(uri, ++version, broken));  // unsaved: the run takes the editor's text
    client.collect(std::chrono::milliseconds(200));  // the re-analysis of the edit still shows the last run's failure
    const int run = client.request("workspace/executeCommand", runTestsParams(uri));
    acceptProgressToken(client);
    auto answer = answerOf(client, run, kWarmRun);
    ASSERT_TRUE(answer);
    EXPECT_EQ((*answer)["result"]["outcome"], "failed");
    EXPECT_EQ((*answer)["result"]["failures"].size(), 1u);
    // What the editor shows once the run is over: the last diagnostics published for the spec.
    std::optional<json> publish;
    for (const json& m : client.collect(std::chrono::milliseconds(500)))
      if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri) publish = m;
    ASSERT_TRUE(publish);
    const auto failures = testFailures(*publish);
    ASSERT_EQ(failures.size(), 1u) << publish->dump(2);
    // The diagnostic covers the check's value as written (the needle's first line).
    EXPECT_EQ(failures[0]["range"], rangeOf(broken, breakage.located, breakage.located.find('\n')));
    EXPECT_EQ(failures[0]["source"], "dalec test");
    EXPECT_EQ(failures[0]["severity"], 1);
    EXPECT_EQ(failures[0]["message"], breakage.message);
  }

  // The Run test lens on one test runs that test alone: a broken check of another test is not run.
  {
    const Breakage other = breakages().front();  // a copy: breakages() returns a temporary
    client.notify("textDocument/didChange", fullTextChange(uri, ++version, withBreakage(passing, other)));
    const int alone = client.request("workspace/executeCommand", runTestsParams(uri, "says hello"));
    acceptProgressToken(client);
    auto answer = answerOf(client, alone, kWarmRun);
    ASSERT_TRUE(answer);
    EXPECT_EQ((*answer)["result"]["outcome"], "passed") << other.kind;
  }

  // The author puts the spec back; the next run passes and clears the diagnostic.
  client.notify("textDocument/didChange", fullTextChange(uri, ++version, passing));
  const int last = client.request("workspace/executeCommand", runTestsParams(uri));
  acceptProgressToken(client);
  auto clean = answerOf(client, last, kWarmRun);
  ASSERT_TRUE(clean);
  EXPECT_EQ((*clean)["result"]["outcome"], "passed");
  auto cleared = client.waitFor([&](const json& m) {
    return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri && testFailures(m).empty();
  });
  EXPECT_TRUE(cleared);
  client.shutdownAndExit();
}

TEST(LspTestRunsOnRealDalec, OneRunPerSpecAndCancellingTheRequestStopsTheBuild) {
  // A test step that takes ten minutes, so the run is certainly going when it is cancelled.
  std::string slow = checksSpec();
  slow.replace(slow.find("test -r /etc/hello.conf"), 23, "sleep 600");
  LspClient client(lspBinary());
  client.initialize({{"buildkit", {{"address", daemonAddress().address}}}}, kProgressCapabilities);
  const std::string uri = fileUri(checksSpecPath());
  client.open(uri, slow);
  ASSERT_TRUE(client.diagnosticsFor(uri));
  const int run = client.request("workspace/executeCommand", runTestsParams(uri));
  acceptProgressToken(client);
  auto sleeping = client.waitFor([](const json& m) {
    return m.value("method", "") == "$/progress" && m["params"]["value"].value("message", "").find("sleep 600") != std::string::npos;
  }, kFirstBuild);
  ASSERT_TRUE(sleeping);

  const int second = client.request("workspace/executeCommand", runTestsParams(uri));
  auto refused = client.response(second);
  ASSERT_TRUE(refused);
  EXPECT_EQ((*refused)["error"]["message"], "the tests of this spec are already running");

  const auto cancelled = std::chrono::steady_clock::now();
  client.notify("$/cancelRequest", {{"id", run}});
  auto answer = client.response(run, std::chrono::seconds(20));
  ASSERT_TRUE(answer);
  EXPECT_EQ((*answer)["error"]["code"], -32800);
  EXPECT_EQ((*answer)["error"]["message"], "the test run was cancelled");
  EXPECT_LT(std::chrono::steady_clock::now() - cancelled, std::chrono::seconds(15));
  client.shutdownAndExit();
}

TEST(LspTestRunsOnRealDalec, AFrontendImageThatCannotBePulledIsARequestErrorAndTheServerGoesOn) {
  LspClient client(lspBinary());
  client.initialize({{"buildkit", {{"address", daemonAddress().address}}},
                     {"test", {{"frontendImage", "ghcr.io/project-dalec/dalec/frontend:no-such-tag"}}}});
  const std::string uri = fileUri(checksSpecPath());
  client.open(uri, checksSpec());
  ASSERT_TRUE(client.diagnosticsFor(uri));
  const int run = client.request("workspace/executeCommand", runTestsParams(uri));
  auto answer = client.response(run, std::chrono::seconds(60));
  ASSERT_TRUE(answer);
  ASSERT_TRUE(answer->contains("error")) << answer->dump();
  EXPECT_EQ((*answer)["error"]["code"], -32803);
  const std::string message = (*answer)["error"]["message"];
  EXPECT_EQ(message.rfind("failed to resolve source metadata for ghcr.io/project-dalec/dalec/frontend:no-such-tag", 0), 0u) << message;
  const int hover = client.request("textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 1}, {"character", 1}}}});
  EXPECT_TRUE(client.response(hover));
  client.shutdownAndExit();
}

TEST(TestCliOnRealDalec, PrintsTheFailingCheckLikeACompilerThenPassesOnceFixed) {
  const std::string dir = ::testing::TempDir() + "dalec-cli-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  const std::string brokenPath = dir + "/checks.dalec.yml";
  std::ofstream(brokenPath, std::ios::binary) << withBreakage(checksSpec(), breakages()[1]);
  auto failing = runToCompletion({lspBinary(), "test", brokenPath, "--target", "bookworm", "--addr", daemonAddress().address},
                                 kFirstBuild);
  EXPECT_EQ(failing.exitCode, 1) << failing.err;
  EXPECT_EQ(failing.out, brokenPath + ":39:22: error: \"/usr/bin/hello\": check_type=permissions expected: \"-rwx------\", "
                                      "got \"-rwxr-xr-x\" [test-failed]\n" +
                             brokenPath + ":39:22: note: test `script is executable` › check `/usr/bin/hello` permissions 700 (exit code 2)\n");

  auto passing = runToCompletion({lspBinary(), "test", checksSpecPath(), "--target", "bookworm", "--addr", daemonAddress().address},
                                 kFirstBuild);
  EXPECT_EQ(passing.exitCode, 0) << passing.err;
  EXPECT_EQ(passing.out, checksSpecPath() + ": tests passed (bookworm/deb)\n");

  auto unpullable = runToCompletion({lspBinary(), "test", checksSpecPath(), "--target", "bookworm", "--addr", daemonAddress().address,
                                     "--frontend", "ghcr.io/project-dalec/dalec/frontend:no-such-tag"},
                                    std::chrono::seconds(60));
  EXPECT_EQ(unpullable.exitCode, 2) << unpullable.out << unpullable.err;
  EXPECT_EQ(unpullable.out, "");
  EXPECT_NE(unpullable.err.find(checksSpecPath() + ": error: failed to resolve source metadata for "
                                                   "ghcr.io/project-dalec/dalec/frontend:no-such-tag"),
            std::string::npos)
      << unpullable.err;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace dalec::testing
