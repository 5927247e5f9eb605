// The frontend's own verdict in a real LSP session (the built dalec-lsp over stdio) against Dalec's
// real frontend on the suite's buildkitd: on save, what Dalec rejects is a diagnostic where Dalec
// says, cleared once it accepts; untrusted frontend images are never run; a daemon that cannot be
// reached is said once; dalec.verifySpec asks on demand.
#include <gtest/gtest.h>

#include "checks_fixture.h"
#include "lsp_client.h"
#include "spec_fixtures.h"

namespace dalec::testing {
namespace {

using nlohmann::json;

std::vector<json> frontendDiagnostics(const json& publish) {
  std::vector<json> out;
  for (const json& d : publish["params"]["diagnostics"])
    if (d.value("source", "") == "dalec (frontend)") out.push_back(d);
  return out;
}

json fullText(const std::string& uri, int version, const std::string& text) {
  return {{"textDocument", {{"uri", uri}, {"version", version}}}, {"contentChanges", json::array({{{"text", text}}})}};
}

void save(LspClient& client, const std::string& uri) { client.notify("textDocument/didSave", {{"textDocument", {{"uri", uri}}}}); }

std::optional<json> publishFor(LspClient& client, const std::string& uri, const std::function<bool(const json&)>& also,
                               std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
  return client.waitFor([&](const json& m) {
    return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri && also(m);
  }, timeout);
}

TEST(LspFrontendVerdict, OnSaveWhatDalecRejectsIsADiagnosticWhereItSaysAndAcceptingClearsIt) {
  LspClient client(lspBinary());
  client.initialize({{"buildkit", {{"address", daemonAddress().address}}}});
  const std::string uri = fileUri(checksSpecPath());
  std::string text = checksSpec();
  text.replace(text.find("        contents: greeting=hi"), 29, "        content: greeting=hi");
  client.open(uri, text);
  ASSERT_TRUE(client.diagnosticsFor(uri));
  save(client, uri);
  auto rejected = publishFor(client, uri, [](const json& m) { return !frontendDiagnostics(m).empty(); });
  ASSERT_TRUE(rejected);
  const auto found = frontendDiagnostics(*rejected);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["code"], "frontend-rejected");
  EXPECT_EQ(found[0]["severity"], 1);
  // Dalec's [14:9]: `content` on line 14, to the end of that line.
  EXPECT_EQ(found[0]["range"], json({{"start", {{"line", 13}, {"character", 8}}}, {"end", {{"line", 13}, {"character", 28}}}}));
  EXPECT_EQ(found[0]["message"],
            "error loading spec: error unmarshalling spec: error unmarshalling to spec: failed to decode source: failed "
            "to decode inline file: [14:9] unknown field \"content\"");
  // Our own rule says the same, once, beside it.
  int ours = 0;
  for (const json& d : (*rejected)["params"]["diagnostics"]) ours += d.value("code", "") == "unknown-key" ? 1 : 0;
  EXPECT_EQ(ours, 1);

  // Fixed: until it is saved, the frontend's last word stays (the edit's analysis shows it)...
  client.collect(std::chrono::milliseconds(300));
  client.notify("textDocument/didChange", fullText(uri, 2, checksSpec()));
  auto edited = publishFor(client, uri, [](const json& m) { return m["params"].value("version", 0) == 2; });
  ASSERT_TRUE(edited);
  EXPECT_EQ(frontendDiagnostics(*edited).size(), 1u);
  // ...and once saved, the frontend accepts and its diagnostic goes, for good.
  save(client, uri);
  auto accepted = publishFor(client, uri, [](const json& m) { return frontendDiagnostics(m).empty(); });
  ASSERT_TRUE(accepted);
  for (const json& m : client.collect(std::chrono::seconds(2))) {
    if (m.value("method", "") == "textDocument/publishDiagnostics") {
      EXPECT_TRUE(frontendDiagnostics(m).empty()) << m.dump();
    }
  }

  // On demand, with the answer in the response.
  const int asked = client.request("workspace/executeCommand", {{"command", "dalec.verifySpec"}, {"arguments", json::array({{{"uri", uri}}})}});
  auto answer = client.response(asked, std::chrono::seconds(60));
  ASSERT_TRUE(answer);
  ASSERT_TRUE(answer->contains("result")) << answer->dump();
  EXPECT_EQ((*answer)["result"]["verdict"], "accepted");
  EXPECT_EQ((*answer)["result"]["frontend"], "ghcr.io/project-dalec/dalec/frontend:latest");
  client.shutdownAndExit();
}

TEST(LspFrontendVerdict, AnUntrustedFrontendImageIsNeverRun) {
  LspClient client(lspBinary());
  client.initialize({{"buildkit", {{"address", daemonAddress().address}}}});
  const std::string uri = fileUri(checksSpecPath());
  std::string text = checksSpec();
  text.replace(0, text.find('\n'), "# syntax=registry.example/someone/frontend:1");
  client.open(uri, text, "dalec");
  ASSERT_TRUE(client.diagnosticsFor(uri));
  save(client, uri);
  auto said = client.waitFor([](const json& m) { return m.value("method", "") == "window/logMessage"; });
  ASSERT_TRUE(said);
  EXPECT_EQ((*said)["params"]["message"],
            "the frontend image registry.example/someone/frontend:1 is not one of Dalec's and not in "
            "dalec.frontend.trustedImages, so it is not run to check the spec");
  const int asked = client.request("workspace/executeCommand", {{"command", "dalec.verifySpec"}, {"arguments", json::array({{{"uri", uri}}})}});
  auto refused = client.response(asked);
  ASSERT_TRUE(refused);
  ASSERT_TRUE(refused->contains("error"));
  EXPECT_EQ((*refused)["error"]["message"], (*said)["params"]["message"]);
  client.shutdownAndExit();
}

TEST(LspFrontendVerdict, OffMeansNoQuestionOnSaveAndNoDaemonIsSaidOnce) {
  LspClient client(lspBinary());
  client.initialize({{"buildkit", {{"address", "unix:///nonexistent/buildkitd.sock"}}}, {"frontend", {{"verdict", "off"}}}});
  const std::string uri = fileUri(checksSpecPath());
  client.open(uri, checksSpec());
  ASSERT_TRUE(client.diagnosticsFor(uri));
  save(client, uri);
  for (const json& m : client.collect(std::chrono::seconds(1))) EXPECT_NE(m.value("method", ""), "window/logMessage") << m.dump();

  client.notify("workspace/didChangeConfiguration",
                {{"settings", {{"dalec", {{"buildkit", {{"address", "unix:///nonexistent/buildkitd.sock"}}}}}}}});
  save(client, uri);
  save(client, uri);
  int said = 0;
  for (const json& m : client.collect(std::chrono::seconds(8))) {
    if (m.value("method", "") != "window/logMessage") continue;
    ++said;
    EXPECT_EQ(m["params"]["message"].get<std::string>().rfind("no verdict from the spec's frontend: no BuildKit socket at /nonexistent/buildkitd.sock", 0), 0u)
        << m.dump();
  }
  EXPECT_EQ(said, 1);
  client.shutdownAndExit();
}

}  // namespace
}  // namespace dalec::testing
