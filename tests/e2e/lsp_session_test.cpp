// The built dalec-lsp, driven over its stdio the way an editor drives it.
#include <gtest/gtest.h>

#include <algorithm>

#include "annotated_text.h"
#include "lsp_client.h"
#include "spec_fixtures.h"

namespace dalec::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

json rangeJson(const std::string& text, ByteRange range) {
  LineIndex lines(text);
  auto r = lines.toUtf16(range);
  return {{"start", {{"line", r.start.line}, {"character", r.start.character}}},
          {"end", {{"line", r.end.line}, {"character", r.end.character}}}};
}

const char* kBroken =
    "# syntax=ghcr.io/project-dalec/dalec/frontend:latest\n"
    "name: demo\ndescription: d\nwebsite: https://e\nlicense: MIT\nrevision: 1\npackager: p\n"
    "args:\n  $decl[[VERSION]]: 1.0.0\n"
    "version: ${$arg[[VERSON]]}\n"
    "tests:\n  - name: t\n    $key[[fiels]]:\n      /usr/bin/demo:\n        permissions: 0o755\n";

TEST(LspSession, InitializeAdvertisesUtf16AndIncrementalSync) {
  LspClient client(lspBinary());
  json result = client.initialize();
  EXPECT_EQ(result["result"]["capabilities"]["positionEncoding"], "utf-16");
  EXPECT_EQ(result["result"]["capabilities"]["textDocumentSync"]["change"], 2);
  EXPECT_EQ(result["result"]["serverInfo"]["name"], "dalec-lsp");
  client.shutdownAndExit();
  EXPECT_EQ(client.process().wait(5s), 0);
}

TEST(LspSession, RealSpecsOpenWithNoProblems) {
  LspClient client(lspBinary());
  client.initialize();
  for (const auto& path : realSpecs()) {
    const std::string uri = fileUri(path.string());
    client.open(uri, readFile(path));
    auto published = client.diagnosticsFor(uri, 1);
    ASSERT_TRUE(published) << path;
    for (const json& d : published->at("params").at("diagnostics"))
      EXPECT_EQ(d["severity"], 4) << path.filename() << ": " << d["message"];  // hints only (unused args)
  }
  client.shutdownAndExit();
}

TEST(LspSession, BrokenSpecGetsExactDiagnosticsAndAnEditClearsThem) {
  AnnotatedText t(kBroken);
  LspClient client(lspBinary());
  client.initialize(json{{"diagnosticsDelayMs", 10}});
  const std::string uri = "file:///work/demo.yml";
  client.open(uri, t.text());
  auto published = client.diagnosticsFor(uri, 1);
  ASSERT_TRUE(published);
  const json& diagnostics = published->at("params").at("diagnostics");
  ASSERT_EQ(diagnostics.size(), 3u) << diagnostics.dump(2);
  // While the reference is misspelt, the declaration looks unused: a faded hint.
  EXPECT_EQ(diagnostics[0]["range"], rangeJson(t.text(), t.range("decl")));
  EXPECT_EQ(diagnostics[0]["code"], "unused-arg");
  EXPECT_EQ(diagnostics[0]["severity"], 4);
  EXPECT_EQ(diagnostics[0]["tags"], json::array({1}));
  EXPECT_EQ(diagnostics[1]["range"], rangeJson(t.text(), t.range("arg")));
  EXPECT_EQ(diagnostics[1]["code"], "undefined-arg");
  EXPECT_EQ(diagnostics[1]["severity"], 1);
  EXPECT_EQ(diagnostics[1]["source"], "dalec");
  EXPECT_EQ(diagnostics[1]["message"], "build arg \"VERSON\" is not declared under args; did you mean \"VERSION\"?");
  EXPECT_EQ(diagnostics[1]["data"]["replacement"], "VERSION");
  EXPECT_EQ(diagnostics[2]["range"], rangeJson(t.text(), t.range("key")));
  EXPECT_EQ(diagnostics[2]["code"], "unknown-key");

  // Fix both with incremental edits, last one first so earlier positions stay valid.
  json keyRange = rangeJson(t.text(), t.range("key"));
  json argRange = rangeJson(t.text(), t.range("arg"));
  client.notify("textDocument/didChange",
                {{"textDocument", {{"uri", uri}, {"version", 2}}},
                 {"contentChanges", json::array({{{"range", keyRange}, {"text", "files"}},
                                                 {{"range", argRange}, {"text", "VERSION"}}})}});
  auto fixed = client.diagnosticsFor(uri, 2);
  ASSERT_TRUE(fixed);
  EXPECT_TRUE(fixed->at("params").at("diagnostics").empty()) << fixed->dump(2);
  client.shutdownAndExit();
}

// Each keystroke re-parses only the entry it lands in; what the author sees must be what a fresh
// open of the same text shows. Typed into the bundled spec of common mistakes: a repeated arg (an
// error with its exact place), letters in the description (every diagnostic is below, so each
// offset the re-parse shifts is seen), a key typed in a test's file check; each taken back.
TEST(LspSession, EditsToARealSpecPublishWhatAFreshOpenOfTheSameTextWould) {
  const std::string original = readFile(examplesDir() / "mistakes" / "common-mistakes.yml");
  LspClient client(lspBinary());
  client.initialize(json{{"diagnosticsDelayMs", 0}});
  const std::string uri = "file:///work/common-mistakes.yml";
  client.open(uri, original, "dalec");
  ASSERT_TRUE(client.diagnosticsFor(uri, 1));
  std::string text = original;
  int version = 1;
  auto type = [&](std::size_t at, std::size_t remove, const std::string& with) {
    json change = {{"range", rangeJson(text, {at, at + remove})}, {"text", with}};
    text.replace(at, remove, with);
    client.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", ++version}}}, {"contentChanges", {change}}});
    auto published = client.diagnosticsFor(uri, version);
    EXPECT_TRUE(published);
    const std::string fresh = "file:///work/fresh-" + std::to_string(version) + ".yml";
    client.open(fresh, text, "dalec");
    auto reopened = client.diagnosticsFor(fresh, 1);
    EXPECT_TRUE(reopened);
    if (!published || !reopened) return json::array();
    EXPECT_EQ(published->at("params").at("diagnostics"), reopened->at("params").at("diagnostics")) << "after version " << version;
    return published->at("params").at("diagnostics");
  };
  const std::size_t afterRevision = text.find("  VERSION: 1.0.0\n") + 17;
  json repeated;
  for (char c : std::string("  VERSION: 9\n")) repeated = type(afterRevision + (text.size() - original.size()), 0, std::string(1, c));
  bool found = false;
  for (const json& d : repeated)
    if (d.value("code", "") == "duplicate-key") {
      found = true;
      EXPECT_EQ(d.at("range"), rangeJson(text, {afterRevision + 2, afterRevision + 9}));
      EXPECT_EQ(d.at("message"), "duplicate key \"VERSION\" (first defined on line 5)");
    }
  EXPECT_TRUE(found) << repeated.dump(2);
  type(afterRevision, 13, "");
  // Typed into the description: every diagnostic is below it.
  const std::size_t description = text.find("mistakes people make") + 8;
  for (const char* typed : {"x", "y"}) type(description + (text.size() - original.size()), 0, typed);
  type(description, 2, "");
  const std::size_t check = text.find("permissions: 755");
  ASSERT_NE(check, std::string::npos);
  const json typo = type(check, 0, "x");
  EXPECT_TRUE(std::any_of(typo.begin(), typo.end(), [](const json& d) { return d.value("code", "") == "unknown-key"; })) << typo.dump(2);
  type(check, 1, "");
  EXPECT_EQ(text, original);
  client.shutdownAndExit();
}

TEST(LspSession, RapidEditsAreDebouncedToTheLatestVersion) {
  LspClient client(lspBinary());
  client.initialize(json{{"diagnosticsDelayMs", 200}});
  const std::string uri = "file:///work/rapid.yml";
  std::string text = std::string(kSpecHeader) + "tests:\n  - name: t\n";
  client.open(uri, text);
  ASSERT_TRUE(client.diagnosticsFor(uri, 1));
  // 30 edits in one burst, each appending a character to the test name.
  std::string burst;
  for (int v = 2; v <= 31; ++v) {
    const int line = 9, character = 11 + (v - 2);
    json change = {{"range", {{"start", {{"line", line}, {"character", character}}}, {"end", {{"line", line}, {"character", character}}}}},
                   {"text", "x"}};
    burst += LspClient::frame({{"jsonrpc", "2.0"}, {"method", "textDocument/didChange"},
                               {"params", {{"textDocument", {{"uri", uri}, {"version", v}}}, {"contentChanges", {change}}}}});
  }
  client.sendRaw(burst);
  auto last = client.diagnosticsFor(uri, 31);
  ASSERT_TRUE(last);
  // Nothing was published for the superseded versions.
  for (const json& m : client.collect(300ms))
    EXPECT_NE(m.value("method", ""), "textDocument/publishDiagnostics") << m.dump();
  client.shutdownAndExit();
}

TEST(LspSession, SyntaxErrorKeepsTheRestOfTheDocumentAnalysed) {
  AnnotatedText t(std::string(kSpecHeader) +
                  "build:\n  steps: $open[[[]]\n    - command: make\nsources:\n  src:\n    $kind[[gti]]: {url: u, commit: c}\n");
  LspClient client(lspBinary());
  client.initialize();
  client.open("file:///work/syntax.yml", t.text());
  auto published = client.diagnosticsFor("file:///work/syntax.yml", 1);
  ASSERT_TRUE(published);
  std::vector<std::string> codes;
  for (const json& d : published->at("params").at("diagnostics")) codes.push_back(d["code"]);
  EXPECT_EQ(codes, (std::vector<std::string>{"yaml-syntax", "source-kind", "unknown-key"})) << published->dump(2);
  EXPECT_EQ(published->at("params").at("diagnostics")[0]["range"], rangeJson(t.text(), t.range("open")));
  EXPECT_EQ(published->at("params").at("diagnostics")[2]["range"], rangeJson(t.text(), t.range("kind")));
  client.shutdownAndExit();
}

TEST(LspSession, OtherYamlFilesAreLeftAlone) {
  LspClient client(lspBinary());
  client.initialize();
  client.open("file:///work/compose.yml", "services:\n  web: {image: nginx}\nnmae: x\n");
  auto published = client.diagnosticsFor("file:///work/compose.yml", 1);
  ASSERT_TRUE(published);
  EXPECT_TRUE(published->at("params").at("diagnostics").empty());
  // The language id makes any file a spec.
  client.open("file:///work/any.yml", "nmae: x\n", "dalec");
  auto spec = client.diagnosticsFor("file:///work/any.yml", 1);
  ASSERT_TRUE(spec);
  EXPECT_FALSE(spec->at("params").at("diagnostics").empty());
  client.shutdownAndExit();
}

TEST(LspSession, CloseClearsDiagnostics) {
  LspClient client(lspBinary());
  client.initialize();
  client.open("file:///work/c.yml", "# syntax=ghcr.io/project-dalec/dalec/frontend:latest\nnmae: x\n");
  ASSERT_TRUE(client.diagnosticsFor("file:///work/c.yml", 1));
  client.notify("textDocument/didClose", {{"textDocument", {{"uri", "file:///work/c.yml"}}}});
  auto cleared = client.waitFor([](const json& m) {
    return m.value("method", "") == "textDocument/publishDiagnostics" && !m["params"].contains("version");
  });
  ASSERT_TRUE(cleared);
  EXPECT_TRUE(cleared->at("params").at("diagnostics").empty());
  client.shutdownAndExit();
}

TEST(LspSession, CancelledRequestIsAnsweredAsCancelled) {
  LspClient client(lspBinary());
  client.initialize();
  // The request and its cancellation arrive together, as when a user types on.
  json request = {{"jsonrpc", "2.0"}, {"id", 77}, {"method", "textDocument/hover"},
                  {"params", {{"textDocument", {{"uri", "file:///x.yml"}}}, {"position", {{"line", 0}, {"character", 0}}}}}};
  json cancel = {{"jsonrpc", "2.0"}, {"method", "$/cancelRequest"}, {"params", {{"id", 77}}}};
  client.sendRaw(LspClient::frame(request) + LspClient::frame(cancel));
  auto answer = client.response(77);
  ASSERT_TRUE(answer);
  EXPECT_EQ((*answer)["error"]["code"], -32800);
  client.shutdownAndExit();
}

TEST(LspSession, ProtocolErrorsAreAnsweredAndTheServerStaysUp) {
  LspClient client(lspBinary());
  // Before initialize.
  int early = client.request("textDocument/hover", json::object());
  EXPECT_EQ((*client.response(early))["error"]["code"], -32002);
  client.initialize();
  // Garbage, a header without a body length, a negative length, invalid JSON, an invalid request.
  client.sendRaw("\x01\x02 not a header\r\n");
  client.sendRaw("X-Nothing: 1\r\n\r\n");
  client.sendRaw("Content-Length: -4\r\n\r\n");
  client.sendRaw("Content-Length: 9\r\n\r\n{\"id\": 1,");
  auto parseError = client.waitFor([](const json& m) { return m.contains("error") && m["id"].is_null(); });
  ASSERT_TRUE(parseError);
  EXPECT_EQ((*parseError)["error"]["code"], -32700);
  client.sendRaw(LspClient::frame({{"jsonrpc", "2.0"}, {"id", 500}, {"method", 12}}));
  EXPECT_EQ((*client.response(500))["error"]["code"], -32600);
  // Wrong params for a request and for a notification.
  int badInit = client.request("initialize", json::array({1}));
  EXPECT_EQ((*client.response(badInit))["error"]["code"], -32600);  // already initialized
  client.notify("textDocument/didOpen", {{"textDocument", 5}});
  client.notify("textDocument/didChange", {{"textDocument", {{"uri", "file:///never-opened.yml"}, {"version", 2}}},
                                           {"contentChanges", json::array()}});
  int unknown = client.request("dalec/noSuchThing", json::object());
  EXPECT_EQ((*client.response(unknown))["error"]["code"], -32601);
  // Still fully working.
  client.open("file:///work/ok.yml", "# syntax=ghcr.io/project-dalec/dalec/frontend:latest\nnmae: x\n");
  auto published = client.diagnosticsFor("file:///work/ok.yml", 1);
  ASSERT_TRUE(published);
  EXPECT_FALSE(published->at("params").at("diagnostics").empty());
  client.shutdownAndExit();
  EXPECT_EQ(client.process().wait(5s), 0);
  const std::string log = client.process().drainStderr();
  EXPECT_NE(log.find("message header has no Content-Length"), std::string::npos) << log;
  EXPECT_NE(log.find("invalid Content-Length '-4'"), std::string::npos) << log;
}

TEST(LspSession, ExitWithoutShutdownIsAnErrorExit) {
  LspClient client(lspBinary());
  client.initialize();
  client.notify("exit", nullptr);
  EXPECT_EQ(client.process().wait(5s), 1);
}

TEST(LspSession, EndOfInputStopsTheServer) {
  LspClient client(lspBinary());
  client.initialize();
  client.process().closeStdin();
  EXPECT_EQ(client.process().wait(5s), 1);
}

TEST(LspSession, RequestsAfterShutdownAreRejected) {
  LspClient client(lspBinary());
  client.initialize();
  int id = client.request("shutdown", nullptr);
  ASSERT_TRUE(client.response(id));
  int late = client.request("textDocument/hover", json::object());
  EXPECT_EQ((*client.response(late))["error"]["code"], -32600);
  client.notify("exit", nullptr);
  EXPECT_EQ(client.process().wait(5s), 0);
}

}  // namespace
}  // namespace dalec::testing
