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

// The checks spec with args used every way BuildKit's lexer expands them, in a test's file check
// (a field Dalec expands): `line` is added to `contains` after greeting=hi.
std::string specWithExpansions(const std::string& line) {
  std::string text = checksSpec();
  text.replace(text.find("license: MIT\n"), 13,
               "license: MIT\nargs:\n  GREETING: hi\n  EMPTY: \"\"\n  PATHY: a/b/c.tar.gz\n  TARGETARCH:\n  TARGETPLATFORM:\n");
  const std::string check = "          - greeting=hi\n";
  text.insert(text.find(check) + check.size(), "          - " + line + "\n");
  return text;
}

std::vector<std::string> linesOf(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) out.push_back(text.substr(start, end - start));
  return out;
}

json verify(LspClient& client, const std::string& uri) {
  const int asked = client.request("workspace/executeCommand", {{"command", "dalec.verifySpec"}, {"arguments", json::array({{{"uri", uri}}})}});
  auto answer = client.response(asked, std::chrono::seconds(60));
  EXPECT_TRUE(answer && answer->contains("result")) << (answer ? answer->dump() : "no answer");
  return answer && answer->contains("result") ? (*answer)["result"] : json();
}

TEST(LspFrontendVerdict, DalecsOwnResolutionStandsBesideOursAndAgreesOnEveryExpansion) {
  // Each word, and what Dalec's frontend makes of it (asked anew on every run: the view below puts
  // Dalec's answer beside ours and lists any value where the two differ).
  const std::vector<std::pair<std::string, std::string>> words = {
      {"a=${GREETING:-x}|${EMPTY:-d}|${EMPTY-e}|${GREETING:+p}|$GREETING|\\$GREETING|${GREETING#h}|${GREETING%i}",
       "a=hi|d||p|hi|$GREETING|i|h"},
      {"b=${GREETING/h/j}|${GREETING%%i*}|${GREETING:?err}|${EMPTY:+q}|${TARGETARCH}|${TARGETPLATFORM}",
       "b=ji|h|hi||arm64|linux/arm64"},
      {"c=${PATHY##*/}|${PATHY%%.*}|${PATHY%.*}|${PATHY#*/}|${PATHY//\\//-}|${PATHY//[ab]/z}|${PATHY/?/Q}",
       "c=c.tar.gz|a/b/c|a/b/c.tar|b/c.tar.gz|a-b-c.tar.gz|a/b/c.tar.gz|Q/b/c.tar.gz"},
      {"'d=\"quoted $GREETING\" ''single $GREETING'' back\\\\slash \\\"esc\\\"'", "d=quoted hi single $GREETING back\\slash \"esc\""},
  };
  for (const auto& [word, dalecs] : words) {
    SCOPED_TRACE(word);
    LspClient client(lspBinary());
    // The views' platform is not this machine's: Dalec is asked for the same one.
    client.initialize({{"buildkit", {{"address", daemonAddress().address}}}, {"platform", "linux/arm64"}});
    const std::string uri = fileUri(checksSpecPath());
    const std::string text = specWithExpansions(word);
    client.open(uri, text);
    ASSERT_TRUE(client.diagnosticsFor(uri));
    const json verdict = verify(client, uri);
    ASSERT_EQ(verdict.value("verdict", ""), "accepted") << verdict.dump();
    // Dalec's YAML writes the value plain, or double-quoted when it must.
    const std::string resolved = verdict["resolved"].get<std::string>();
    EXPECT_TRUE(resolved.find("- " + dalecs + "\n") != std::string::npos || resolved.find("- " + json(dalecs).dump() + "\n") != std::string::npos)
        << resolved;

    auto view = client.response(client.request("dalec/resolvedSpec", {{"uri", uri}}));
    ASSERT_TRUE(view && view->contains("result")) << (view ? view->dump() : "");
    const json& result = (*view)["result"];
    EXPECT_EQ(result["frontend"]["image"], "ghcr.io/project-dalec/dalec/frontend:latest");
    EXPECT_EQ(result["frontend"]["text"], resolved);
    EXPECT_EQ(result["frontend"]["differences"], json::array());
    const auto lines = linesOf(result["text"].get<std::string>());
    ASSERT_EQ(lines.size(), result["sourceLines"].size());
    // Ours: the check's line as Dalec expands it, pointing at the spec's line that wrote it.
    const auto ours = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(dalecs.substr(0, 2)) != std::string::npos; });
    ASSERT_NE(ours, lines.end());
    const std::size_t at = static_cast<std::size_t>(ours - lines.begin());
    EXPECT_TRUE(*ours == "          - " + dalecs || *ours == "          - " + json(dalecs).dump()) << *ours;
    const auto written = linesOf(text);
    const int sourceLine = result["sourceLines"][at].get<int>();
    ASSERT_GE(sourceLine, 0);
    EXPECT_EQ(written[static_cast<std::size_t>(sourceLine)], "          - " + word);
    // Then Dalec's, after its heading.
    const auto heading = std::find(lines.begin(), lines.end(), "# it resolves every value as above");
    ASSERT_NE(heading, lines.end());
    EXPECT_EQ(*(heading - 1),
              "# ---- Dalec's frontend (ghcr.io/project-dalec/dalec/frontend:latest, frontend.dalec.resolve): the spec with "
              "its args substituted, before any target is merged");
    EXPECT_EQ(*(heading + 1), "- name: hello-checks");
    client.shutdownAndExit();
  }
}

TEST(LspFrontendVerdict, WhatDalecsLexerRejectsOurRuleSaysFirst) {
  const std::vector<std::pair<std::string, std::string>> words = {
      {"\"it's\"", "failed to process \"it's\": unexpected end of statement while looking for matching single-quote"},
      {"pid $$", "build arg \"$\" not declared"},
  };
  for (const auto& [word, dalecSays] : words) {
    SCOPED_TRACE(word);
    LspClient client(lspBinary());
    client.initialize({{"buildkit", {{"address", daemonAddress().address}}}});
    const std::string uri = fileUri(checksSpecPath());
    client.open(uri, specWithExpansions(word));
    auto published = client.diagnosticsFor(uri);
    ASSERT_TRUE(published);
    int ours = 0;
    for (const json& d : (*published)["params"]["diagnostics"]) ours += d.value("code", "") == "arg-expansion" ? 1 : 0;
    EXPECT_EQ(ours, 1) << published->dump();
    const json verdict = verify(client, uri);
    EXPECT_EQ(verdict.value("verdict", ""), "rejected") << verdict.dump();
    EXPECT_NE(verdict.value("message", "").find(dalecSays), std::string::npos) << verdict.dump();
    client.shutdownAndExit();
  }
}

}  // namespace
}  // namespace dalec::testing
