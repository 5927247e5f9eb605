// dalec.runTests and `dalec-lsp test` end to end: the built dalec-lsp, over stdio, against the real
// buildkitd of the suite. With Dalec's real frontend image (not reachable here: no registry access)
// the run must fail clearly; with the frontend stand-in (frontend_stand_in.h) the real daemon runs
// Dalec's check ops and the failure must land on the failing check as a diagnostic, then clear.
#include <gtest/gtest.h>

#include <fstream>

#include "child_process.h"
#include "frontend_stand_in.h"
#include "hello_config_fixture.h"
#include "lsp_client.h"
#include "spec_fixtures.h"

namespace dalec::testing {
namespace {

using nlohmann::json;

const json kProgressCapabilities = {{"window", {{"workDoneProgress", true}}}};

json runTestsParams(const std::string& uri) {
  return {{"command", "dalec.runTests"},
          {"arguments", json::array({{{"uri", uri}, {"test", "config is installed"}, {"target", "azlinux3"}}})}};
}

// Answers the server's window/workDoneProgress/create and returns the token.
json acceptProgressToken(LspClient& client) {
  auto create = client.waitFor([](const json& m) { return m.value("method", "") == "window/workDoneProgress/create"; });
  if (!create) throw std::runtime_error("no window/workDoneProgress/create");
  client.sendRaw(LspClient::frame({{"jsonrpc", "2.0"}, {"id", (*create)["id"]}, {"result", nullptr}}));
  return (*create)["params"]["token"];
}

FrontendStandIn::GraphForSpec helloConfigGraph() {
  return [](const std::string& specText) {
    // The spec as the editor has it decides what the contents check expects.
    const bool fixed = specText.find("- greeting=hi\n") != std::string::npos;
    return dalecShapedTestGraph(helloConfigTest(specText, fixed ? "greeting=hi" : "greeting=hello"));
  };
}

TEST(LspTestRuns, AFailingCheckBecomesOneDiagnosticOnItAndAPassingRunClearsIt) {
  FrontendStandIn standIn(daemonAddress(), helloConfigGraph());
  LspClient client(lspBinary());
  client.initialize({{"buildkit", {{"address", standIn.address()}}}}, kProgressCapabilities);
  const std::string uri = fileUri(helloConfigPath());
  std::string text = helloConfigSpec();
  client.open(uri, text);
  ASSERT_TRUE(client.diagnosticsFor(uri));

  const int run = client.request("workspace/executeCommand", runTestsParams(uri));
  const json token = acceptProgressToken(client);
  auto begin = client.waitFor([&](const json& m) { return m.value("method", "") == "$/progress" && m["params"]["value"]["kind"] == "begin"; });
  ASSERT_TRUE(begin);
  EXPECT_EQ((*begin)["params"]["token"], token);
  EXPECT_EQ((*begin)["params"]["value"]["title"],
            "Dalec: testing azlinux3/container (from test `config is installed`; Dalec runs every test of the target)");
  EXPECT_EQ((*begin)["params"]["value"]["cancellable"], true);

  auto publish = client.waitFor([&](const json& m) {
    return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri && !testFailures(m).empty();
  }, std::chrono::seconds(60));
  ASSERT_TRUE(publish);
  const auto failures = testFailures(*publish);
  ASSERT_EQ(failures.size(), 1u) << publish->dump(2);
  EXPECT_EQ(failures[0]["range"], json({{"start", {{"line", 26}, {"character", 12}}}, {"end", {{"line", 26}, {"character", 26}}}}));
  EXPECT_EQ(failures[0]["source"], "dalec test");
  EXPECT_EQ(failures[0]["severity"], 1);
  EXPECT_EQ(failures[0]["message"],
            "\"/etc/hello.conf\": check_type=contains expected: \"greeting=hello\", got \"greeting=hi\"\n"
            "test `config is installed` › check `/etc/hello.conf` contains greeting=hello (exit code 3)");

  auto result = client.response(run, std::chrono::seconds(60));
  ASSERT_TRUE(result);
  ASSERT_TRUE(result->contains("result")) << result->dump();
  EXPECT_EQ((*result)["result"]["outcome"], "failed");
  EXPECT_EQ((*result)["result"]["target"], "azlinux3/container");
  EXPECT_EQ((*result)["result"]["failures"].size(), 1u);

  // Progress reported the check ops as they ran, and ended with the count.
  std::vector<json> progress = client.collect(std::chrono::milliseconds(200));
  bool sawCheck = false, sawEnd = false;
  for (const json& m : progress) {
    if (m.value("method", "") != "$/progress") continue;
    const json& value = m["params"]["value"];
    if (value["kind"] == "report" && value.value("message", "").find("check-file-contains /etc/hello.conf") != std::string::npos)
      sawCheck = true;
    if (value["kind"] == "end") {
      sawEnd = true;
      EXPECT_EQ(value["message"], "1 check(s) failed");
    }
  }
  EXPECT_TRUE(sawEnd);
  EXPECT_TRUE(sawCheck);

  // What reached the daemon is Dalec's request: the gateway frontend, the spec's frontend image,
  // the spec's text as the "dockerfile" input under its own name.
  const auto requests = standIn.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& sent = requests[0];
  EXPECT_EQ(sent.frontend(), "gateway.v0");
  EXPECT_EQ(sent.frontendattrs().at("source"), "ghcr.io/project-dalec/dalec/frontend:latest");
  EXPECT_EQ(sent.frontendattrs().at("filename"), "hello-config.dalec.yml");
  EXPECT_EQ(sent.frontendattrs().at("target"), "azlinux3/container");
  EXPECT_EQ(inlineFileOf(sent.frontendinputs().at("dockerfile"), "/hello-config.dalec.yml"), text);
  EXPECT_EQ(sent.frontendinputs().count("context"), 0u);  // inline sources need no build context

  // The author fixes the expectation (unsaved: the run takes the editor's text) and runs again.
  const std::size_t at = text.find("greeting=hello");
  client.notify("textDocument/didChange", fixTheCheckEdit(uri, 2));
  text.replace(at + 9, 5, "hi");
  const int rerun = client.request("workspace/executeCommand", runTestsParams(uri));
  acceptProgressToken(client);
  auto passed = client.response(rerun, std::chrono::seconds(60));
  ASSERT_TRUE(passed);
  ASSERT_TRUE(passed->contains("result")) << passed->dump();
  EXPECT_EQ((*passed)["result"]["outcome"], "passed");
  auto cleared = client.waitFor([&](const json& m) {
    return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri && testFailures(m).empty();
  });
  ASSERT_TRUE(cleared);
  const auto both = standIn.requests();
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(inlineFileOf(both[1].frontendinputs().at("dockerfile"), "/hello-config.dalec.yml"), text);
  client.shutdownAndExit();
}

TEST(LspTestRuns, OneRunPerSpecAndCancellingTheRequestStopsTheBuild) {
  FrontendStandIn standIn(daemonAddress(), [](const std::string& specText) {
    FixtureTest test = helloConfigTest(specText, "greeting=hi");
    test.checks = {{"step-runner", {"sleep 600"}, {27, 13}}};
    return dalecShapedTestGraph(test);
  });
  LspClient client(lspBinary());
  client.initialize({{"buildkit", {{"address", standIn.address()}}}}, kProgressCapabilities);
  const std::string uri = fileUri(helloConfigPath());
  client.open(uri, helloConfigSpec());
  ASSERT_TRUE(client.diagnosticsFor(uri));
  const int run = client.request("workspace/executeCommand", runTestsParams(uri));
  acceptProgressToken(client);
  auto sleeping = client.waitFor([](const json& m) {
    return m.value("method", "") == "$/progress" && m["params"]["value"].value("message", "").find("step-runner sleep 600") != std::string::npos;
  }, std::chrono::seconds(30));
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

TEST(LspTestRuns, DalecsFrontendImageUnreachableIsARequestErrorAndTheServerGoesOn) {
  LspClient client(lspBinary());
  client.initialize({{"buildkit", {{"address", daemonAddress().address}}}});
  const std::string uri = fileUri(helloConfigPath());
  client.open(uri, helloConfigSpec());
  ASSERT_TRUE(client.diagnosticsFor(uri));
  const int run = client.request("workspace/executeCommand", runTestsParams(uri));
  auto answer = client.response(run, std::chrono::seconds(60));
  ASSERT_TRUE(answer);
  ASSERT_TRUE(answer->contains("error")) << answer->dump();
  EXPECT_EQ((*answer)["error"]["code"], -32803);
  const std::string message = (*answer)["error"]["message"];
  EXPECT_EQ(message.rfind("failed to resolve source metadata for ghcr.io/project-dalec/dalec/frontend:latest", 0), 0u) << message;
  // Still serving.
  const int hover = client.request("textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 1}, {"character", 1}}}});
  EXPECT_TRUE(client.response(hover));
  client.shutdownAndExit();
}

TEST(TestCli, PrintsTheFrontendErrorAndExitsTwo) {
  auto result = runToCompletion({lspBinary(), "test", helloConfigPath(), "--target", "azlinux3", "--addr", daemonAddress().address},
                                std::chrono::seconds(60));
  EXPECT_EQ(result.exitCode, 2) << result.out << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find(helloConfigPath() + ": error: failed to resolve source metadata for "
                                                "ghcr.io/project-dalec/dalec/frontend:latest"),
            std::string::npos)
      << result.err;
}

TEST(TestCli, PrintsTheFailingCheckLikeACompilerThenPassesOnceFixed) {
  FrontendStandIn standIn(daemonAddress(), helloConfigGraph());
  auto failing = runToCompletion({lspBinary(), "test", helloConfigPath(), "--target", "azlinux3", "--addr", standIn.address()},
                                 std::chrono::seconds(60));
  EXPECT_EQ(failing.exitCode, 1) << failing.err;
  EXPECT_EQ(failing.out,
            helloConfigPath() + ":27:13: error: \"/etc/hello.conf\": check_type=contains expected: \"greeting=hello\", got "
                                "\"greeting=hi\" [test-failed]\n" +
                helloConfigPath() +
                ":27:13: note: test `config is installed` › check `/etc/hello.conf` contains greeting=hello (exit code 3)\n");

  const std::string fixedPath = ::testing::TempDir() + "hello-config.dalec.yml";
  std::string fixed = helloConfigSpec();
  fixed.replace(fixed.find("greeting=hello"), 14, "greeting=hi");
  std::ofstream(fixedPath, std::ios::binary) << fixed;
  auto passing = runToCompletion({lspBinary(), "test", fixedPath, "--target", "azlinux3", "--addr", standIn.address()},
                                 std::chrono::seconds(60));
  EXPECT_EQ(passing.exitCode, 0) << passing.err;
  EXPECT_EQ(passing.out, fixedPath + ": tests passed (azlinux3/container)\n");
}

}  // namespace
}  // namespace dalec::testing
