// dalec.runTests when it cannot run: each reason comes back as the request's error, at once, and
// the server goes on. (Runs against a real buildkitd are in tests/e2e/buildkit.)
#include <gtest/gtest.h>

#include "lsp_client.h"
#include "spec_fixtures.h"

namespace dalec::testing {
namespace {

using nlohmann::json;

constexpr const char* kSpecUri = "file:///work/app.dalec.yml";
constexpr const char* kSpec =
    "# syntax=ghcr.io/project-dalec/dalec/frontend:latest\n"
    "name: app\nversion: 1.0.0\nrevision: '1'\nlicense: MIT\ndescription: d\nwebsite: https://x\n"
    "tests:\n  - name: t\n    files:\n      /etc/x: {}\n";

json errorOf(LspClient& client, const json& params) {
  const int id = client.request("workspace/executeCommand", params);
  auto answer = client.response(id);
  if (!answer) throw std::runtime_error("no answer");
  return answer->value("error", json());
}

json runTests(const json& argument) { return {{"command", "dalec.runTests"}, {"arguments", json::array({argument})}}; }

TEST(LspRunTestsErrors, AdvertisedAndEachReasonIsTheRequestsError) {
  LspClient client(lspBinary());
  auto init = client.initialize({{"buildkit", {{"address", "unix:///nonexistent/buildkitd.sock"}}}});
  EXPECT_EQ(init["result"]["capabilities"]["executeCommandProvider"], json({{"commands", {"dalec.runTests", "dalec.verifySpec", "dalec.showResolvedSpec"}}}));
  EXPECT_EQ(init["result"]["capabilities"]["textDocumentSync"]["save"], json({{"includeText", false}}));
  client.open(kSpecUri, kSpec);
  ASSERT_TRUE(client.diagnosticsFor(kSpecUri));

  json e = errorOf(client, {{"command", "dalec.somethingElse"}});
  EXPECT_EQ(e["code"], -32602);
  EXPECT_EQ(e["message"], "unknown command: dalec.somethingElse");
  e = errorOf(client, {{"command", "dalec.runTests"}});
  EXPECT_EQ(e["message"], "dalec.runTests needs an argument {uri, test?, target?}");
  e = errorOf(client, {{"command", "dalec.verifySpec"}});
  EXPECT_EQ(e["message"], "dalec.verifySpec needs an argument {uri}");
  e = errorOf(client, {{"command", "dalec.verifySpec"}, {"arguments", json::array({{{"uri", "file:///nowhere.yml"}}})}});
  EXPECT_EQ(e["message"], "document is not open: file:///nowhere.yml");
  e = errorOf(client, runTests(42));
  EXPECT_EQ(e["code"], -32602);
  e = errorOf(client, runTests({{"uri", kSpecUri}}));
  EXPECT_EQ(e["code"], -32803);
  EXPECT_EQ(e["message"], "no target to test: pass one (--target, or the lens's target), e.g. azlinux3/container");
  e = errorOf(client, runTests({{"uri", "file:///nonexistent/spec.yml"}, {"target", "jammy"}}));
  EXPECT_EQ(e["message"], "/nonexistent/spec.yml: cannot open file");
  EXPECT_FALSE(e.contains("data"));  // nothing to do with BuildKit
  // Everything is in order but nothing listens at the address: the run starts and says why it stopped.
  e = errorOf(client, runTests({{"uri", kSpecUri}, {"target", "jammy"}}));
  EXPECT_EQ(e["code"], -32803);
  EXPECT_EQ(e["message"], "no BuildKit socket at /nonexistent/buildkitd.sock (is buildkitd running? set the address "
                          "with --addr, the dalec.buildkit.address setting or BUILDKIT_HOST)");
  // ... and names the cause and the setting, for an editor to offer the fix.
  EXPECT_EQ(e["data"], json({{"cause", "buildkit-unreachable"}, {"setting", "dalec.buildkit"}}));

  // Settings change the address; a scheme this client does not speak is refused before any run.
  client.notify("workspace/didChangeConfiguration", {{"settings", {{"dalec", {{"buildkit", {{"address", "ssh://me@host"}}}}}}}});
  e = errorOf(client, runTests({{"uri", kSpecUri}, {"target", "jammy"}}));
  EXPECT_EQ(e["message"].get<std::string>().rfind("unsupported BuildKit address scheme 'ssh://'", 0), 0u);
  EXPECT_EQ(e["data"]["cause"], "buildkit-unreachable");
  // A builder that buildx does not have is named, with where we looked.
  client.notify("workspace/didChangeConfiguration", {{"settings", {{"dalec", {{"buildkit", {{"builder", "no-such-builder"}}}}}}}});
  e = errorOf(client, runTests({{"uri", kSpecUri}, {"target", "jammy"}}));
  EXPECT_EQ(e["message"].get<std::string>().rfind("no buildx builder named 'no-such-builder' in ", 0), 0u) << e;

  // The server still answers.
  const int hover = client.request("textDocument/hover", {{"textDocument", {{"uri", kSpecUri}}}, {"position", {{"line", 1}, {"character", 1}}}});
  EXPECT_TRUE(client.response(hover));
  client.shutdownAndExit();
  EXPECT_EQ(client.process().wait(std::chrono::seconds(5)), 0);
}

TEST(LspRunTestsErrors, TestCliUsageAndMissingDaemon) {
  auto usage = runToCompletion({lspBinary(), "test", "spec.yml"});
  EXPECT_EQ(usage.exitCode, 2);
  EXPECT_EQ(usage.err.rfind("usage: dalec-lsp test FILE --target TARGET", 0), 0u) << usage.err;
  auto missing = runToCompletion({lspBinary(), "test", "/nonexistent.yml", "--target", "jammy"});
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_EQ(missing.err, "/nonexistent.yml: error: cannot open file\n");
  auto badArg = runToCompletion({lspBinary(), "test", "x.yml", "--target", "jammy", "--build-arg", "NOVALUE"});
  EXPECT_EQ(badArg.exitCode, 2);
  EXPECT_EQ(badArg.err.rfind("dalec-lsp test: --build-arg needs a value of the form NAME=VALUE\n", 0), 0u);
}

}  // namespace
}  // namespace dalec::testing
