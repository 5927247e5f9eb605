// Every language feature through the built dalec-lsp over stdio, as an editor calls it.
#include <gtest/gtest.h>

#include <thread>

#include "annotated_text.h"
#include "lsp_client.h"
#include "spec_fixtures.h"

namespace dalec::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

const char* kSpec =
    "# syntax=ghcr.io/project-dalec/dalec/frontend:latest\n"
    "args:\n  $decl[[VERSION]]: 1.0.0\n"
    "name: demo\ndescription: d\nwebsite: https://example.com\nlicense: MIT\nrevision: 1\npackager: p\n"
    "version: ${$ref[[VER$v^SION]]}\n"
    "sources:\n  src:\n    git: {url: https://example.com/r.git, commit: v1}\n"
    "tests:\n  - name: works\n    $c^\n";

class LspFeatures : public ::testing::Test {
 protected:
  void SetUp() override {
    init = client.initialize();
    client.open(uri, t.text());
    ASSERT_TRUE(client.diagnosticsFor(uri, 1));
  }
  json at(const std::string& point) {
    LineIndex lines(t.text());
    auto p = lines.toUtf16(t.point(point));
    return {{"line", p.line}, {"character", p.character}};
  }
  json range(const std::string& name) {
    LineIndex lines(t.text());
    auto r = lines.toUtf16(t.range(name));
    return {{"start", {{"line", r.start.line}, {"character", r.start.character}}}, {"end", {{"line", r.end.line}, {"character", r.end.character}}}};
  }
  json call(const std::string& method, json params) {
    params["textDocument"] = {{"uri", uri}};
    auto answer = client.response(client.request(method, params));
    EXPECT_TRUE(answer) << method;
    return answer ? *answer : json();
  }

  AnnotatedText t{kSpec};
  LspClient client{lspBinary()};
  std::string uri = "file:///work/features.yml";
  json init;
};

TEST_F(LspFeatures, AdvertisesWhatItServes) {
  const json& caps = init["result"]["capabilities"];
  for (const char* provider : {"completionProvider", "hoverProvider", "definitionProvider", "referencesProvider",
                               "documentHighlightProvider", "renameProvider", "documentSymbolProvider", "foldingRangeProvider",
                               "selectionRangeProvider", "semanticTokensProvider", "codeLensProvider", "codeActionProvider",
                               "documentLinkProvider", "inlayHintProvider"})
    EXPECT_TRUE(caps.contains(provider)) << provider;
  EXPECT_EQ(caps["renameProvider"]["prepareProvider"], true);
}

TEST_F(LspFeatures, EachMethodAnswers) {
  auto completion = call("textDocument/completion", {{"position", at("c")}});
  std::vector<std::string> labels;
  for (const json& item : completion["result"]) labels.push_back(item["label"]);
  EXPECT_NE(std::find(labels.begin(), labels.end(), "steps"), labels.end());
  EXPECT_EQ(std::find(labels.begin(), labels.end(), "name"), labels.end());

  auto hover = call("textDocument/hover", {{"position", at("v")}});
  EXPECT_EQ(hover["result"]["contents"]["value"], "**arg `VERSION`**\n\ndefault: `1.0.0`\n\ndeclared on line 3");

  auto definition = call("textDocument/definition", {{"position", at("v")}});
  EXPECT_EQ(definition["result"][0]["range"], range("decl"));
  auto references = call("textDocument/references", {{"position", at("v")}, {"context", {{"includeDeclaration", false}}}});
  ASSERT_EQ(references["result"].size(), 1u);
  EXPECT_EQ(references["result"][0]["range"], range("ref"));
  EXPECT_EQ(call("textDocument/documentHighlight", {{"position", at("v")}})["result"].size(), 2u);

  auto prepared = call("textDocument/prepareRename", {{"position", at("v")}});
  EXPECT_EQ(prepared["result"]["placeholder"], "VERSION");
  auto renamed = call("textDocument/rename", {{"position", at("v")}, {"newName", "PKG_VERSION"}});
  EXPECT_EQ(renamed["result"]["changes"][uri].size(), 2u);
  auto refused = call("textDocument/rename", {{"position", at("v")}, {"newName", "not valid"}});
  EXPECT_EQ(refused["error"]["code"], -32803);
  EXPECT_EQ(refused["error"]["message"], "arg names are letters, digits and '_', not starting with a digit");

  EXPECT_FALSE(call("textDocument/documentSymbol", json::object())["result"].empty());
  EXPECT_FALSE(call("textDocument/foldingRange", json::object())["result"].empty());
  EXPECT_EQ(call("textDocument/selectionRange", {{"positions", {at("v")}}})["result"].size(), 1u);
  EXPECT_FALSE(call("textDocument/semanticTokens/full", json::object())["result"]["data"].empty());
  auto lenses = call("textDocument/codeLens", json::object())["result"];
  ASSERT_EQ(lenses.size(), 2u);
  EXPECT_EQ(lenses[0]["command"]["arguments"][0]["test"], "works");
  EXPECT_EQ(call("textDocument/documentLink", json::object())["result"].size(), 2u);
  auto hints = call("textDocument/inlayHint", {{"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 40}, {"character", 0}}}}}});
  ASSERT_EQ(hints["result"].size(), 1u) << hints.dump();
  // After the closing brace of ${VERSION}.
  const json end = {{"line", range("ref")["end"]["line"]}, {"character", range("ref")["end"]["character"].get<int>() + 1}};
  EXPECT_EQ(hints["result"][0], (json{{"position", end}, {"label", "= 1.0.0"}, {"kind", 2}, {"paddingLeft", true}}));
  EXPECT_TRUE(call("textDocument/codeAction", {{"range", range("ref")}, {"context", {{"diagnostics", json::array()}}}})["result"].is_array());
  client.shutdownAndExit();
}

// The settings' build args are what the hints show; a change of settings shows at the next request.
TEST_F(LspFeatures, InlayHintsFollowTheBuildArgsInTheSettings) {
  client.notify("workspace/didChangeConfiguration", {{"settings", {{"dalec", {{"test", {{"buildArgs", {{"VERSION", "9.9"}}}}}}}}}});
  const json visible = {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 40}, {"character", 0}}}};
  auto hints = call("textDocument/inlayHint", {{"range", visible}});
  ASSERT_EQ(hints["result"].size(), 1u) << hints.dump();
  EXPECT_EQ(hints["result"][0]["label"], "= 9.9");
  auto hover = call("textDocument/hover", {{"position", at("v")}});
  EXPECT_EQ(hover["result"]["contents"]["value"],
            "**arg `VERSION`**\n\ndefault: `1.0.0`\n\nvalue: `9.9` (a build arg in the settings)\n\ndeclared on line 3");
  // Outside the visible range: nothing.
  EXPECT_TRUE(call("textDocument/inlayHint", {{"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 1}, {"character", 0}}}}}})["result"].empty());
  client.shutdownAndExit();
}

TEST_F(LspFeatures, TheResolvedSpecAsARequestAndAsACommand) {
  auto resolved = client.response(client.request("dalec/resolvedSpec", {{"uri", uri}}));
  ASSERT_TRUE(resolved);
  const json& result = (*resolved)["result"];
  EXPECT_EQ(result["target"], "");
  const std::string text = result["text"];
  EXPECT_EQ(text.rfind("# the spec with its args resolved (platform linux/", 0), 0u) << text;
  EXPECT_NE(text.find("\nversion: 1.0.0\n"), std::string::npos) << text;
  // `version:` is the spec's line 9 (0-based).
  const auto lineOf = [&](const std::string& needle) {
    return static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(text.find(needle)), '\n'));
  };
  EXPECT_EQ(result["sourceLines"][lineOf("version: 1.0.0")], 9);
  auto command = client.response(client.request("workspace/executeCommand", {{"command", "dalec.showResolvedSpec"}, {"arguments", {{{"uri", uri}}}}}));
  ASSERT_TRUE(command);
  EXPECT_EQ((*command)["result"], result);
  auto missing = client.response(client.request("dalec/resolvedSpec", {{"uri", uri}, {"target", "jammy"}}));
  ASSERT_TRUE(missing);
  EXPECT_EQ((*missing)["error"]["message"], "the spec has no target `jammy`");
  client.shutdownAndExit();
}

TEST_F(LspFeatures, QuickFixRepairsATypo) {
  client.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}},
                                           {"contentChanges", {{{"range", range("ref")}, {"text", "VERSON"}}}}});
  auto broken = client.diagnosticsFor(uri, 2);
  ASSERT_TRUE(broken);
  json typo;
  for (const json& d : broken->at("params").at("diagnostics"))
    if (d["code"] == "undefined-arg") typo = d;
  ASSERT_FALSE(typo.is_null());
  auto actions = call("textDocument/codeAction", {{"range", typo["range"]}, {"context", {{"diagnostics", {typo}}}}});
  ASSERT_FALSE(actions["result"].empty());
  EXPECT_EQ(actions["result"][0]["title"], "Change to \"VERSION\"");
  json changes = json::array();
  for (const json& edit : actions["result"][0]["edit"]["changes"][uri])
    changes.push_back({{"range", edit["range"]}, {"text", edit["newText"]}});
  client.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 3}}}, {"contentChanges", changes}});
  auto fixed = client.diagnosticsFor(uri, 3);
  ASSERT_TRUE(fixed);
  EXPECT_TRUE(fixed->at("params").at("diagnostics").empty()) << fixed->dump(2);
  client.shutdownAndExit();
}

TEST_F(LspFeatures, SeverityOverridesFromSettings) {
  client.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}},
                                           {"contentChanges", {{{"range", range("ref")}, {"text", "VERSON"}}}}});
  ASSERT_TRUE(client.diagnosticsFor(uri, 2));
  client.notify("workspace/didChangeConfiguration",
                {{"settings", {{"dalec", {{"severity", {{"undefined-arg", "warning"}, {"unused-arg", "off"}}}}}}}});
  auto republished = client.diagnosticsFor(uri, 2);
  ASSERT_TRUE(republished);
  const json& diagnostics = republished->at("params").at("diagnostics");
  ASSERT_EQ(diagnostics.size(), 1u) << diagnostics.dump(2);
  EXPECT_EQ(diagnostics[0]["code"], "undefined-arg");
  EXPECT_EQ(diagnostics[0]["severity"], 2);
  client.shutdownAndExit();
}

TEST_F(LspFeatures, ExtraBuiltinArgsAreNotUndeclared) {
  client.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}},
                                           {"contentChanges", {{{"range", range("ref")}, {"text", "CI_BUILD"}}}}});
  auto before = client.diagnosticsFor(uri, 2);
  ASSERT_TRUE(before);
  bool undefined = false;
  for (const json& d : before->at("params").at("diagnostics")) undefined |= d["code"] == "undefined-arg";
  EXPECT_TRUE(undefined);
  client.notify("workspace/didChangeConfiguration", {{"settings", {{"dalec", {{"extraBuiltinArgs", {"CI_BUILD"}}}}}}});
  auto after = client.diagnosticsFor(uri, 2);
  ASSERT_TRUE(after);
  for (const json& d : after->at("params").at("diagnostics")) EXPECT_NE(d["code"], "undefined-arg") << d.dump();
  client.shutdownAndExit();
}

TEST_F(LspFeatures, RequestsForUnopenedDocumentsGetAnError) {
  const auto asked = std::chrono::steady_clock::now();
  auto answer = client.response(client.request(
      "textDocument/hover", {{"textDocument", {{"uri", "file:///never.yml"}}}, {"position", {{"line", 0}, {"character", 0}}}}));
  ASSERT_TRUE(answer);
  // Held for the document's didOpen first (the next test), then refused.
  EXPECT_GE(std::chrono::steady_clock::now() - asked, 900ms);
  EXPECT_EQ((*answer)["error"]["code"], -32602);
  EXPECT_EQ((*answer)["error"]["message"], "document is not open: file:///never.yml");
  auto malformed = client.response(client.request("textDocument/hover", {{"textDocument", {{"uri", uri}}}}));
  EXPECT_EQ((*malformed)["error"]["code"], -32602);
  client.shutdownAndExit();
  EXPECT_EQ(client.process().wait(5s), 0);
}

// What vscode-languageclient does when it restarts a server that died: the outline's and the
// lenses' requests go out before the didOpen that re-opens their document. They are answered from
// the document once it opens, exactly as the same requests after it; a cancelled one is cancelled.
TEST_F(LspFeatures, RequestsThatComeBeforeTheirDidOpenAreAnsweredOnceItArrives) {
  const std::string later = "file:///work/opened-late.yml";
  json document = {{"textDocument", {{"uri", later}}}};
  const int symbols = client.request("textDocument/documentSymbol", document);
  const int lenses = client.request("textDocument/codeLens", document);
  const int cancelled = client.request("textDocument/foldingRange", document);
  client.notify("$/cancelRequest", {{"id", cancelled}});
  auto cancelAnswer = client.response(cancelled, 500ms);
  ASSERT_TRUE(cancelAnswer);
  EXPECT_EQ((*cancelAnswer)["error"]["code"], -32800);
  std::this_thread::sleep_for(200ms);
  client.open(later, t.text());
  auto early = client.response(symbols);
  auto earlyLenses = client.response(lenses);
  ASSERT_TRUE(early && earlyLenses);
  ASSERT_FALSE(early->contains("error")) << early->dump();
  EXPECT_EQ((*early)["result"], (*client.response(client.request("textDocument/documentSymbol", document)))["result"]);
  EXPECT_EQ((*earlyLenses)["result"], (*client.response(client.request("textDocument/codeLens", document)))["result"]);
  EXPECT_FALSE((*early)["result"].empty());
  client.shutdownAndExit();
  EXPECT_EQ(client.process().wait(5s), 0);
}

// A spec whose parse stops right after a key (a tab-indented line recovery finds no way past): the
// key, whose value never came, is still in the document's mapping, so selecting from the cursor
// there starts at the key, as it does in the spec that parses.
TEST_F(LspFeatures, SelectionStartsAtTheLastKeyBeforeTheParseStopped) {
  const std::string top = "# syntax=ghcr.io/project-dalec/dalec/frontend:latest\nname: demo\nversion: 1.0\nrevision: 1\n";
  const std::string broken = "file:///work/broken.yml";
  const std::string whole = "file:///work/whole.yml";
  client.open(broken, top + "\n\ttargets:\n  x: 1\n");
  client.open(whole, top);
  auto selection = [&](const std::string& document) {
    auto answer = client.response(client.request("textDocument/selectionRange", {{"textDocument", {{"uri", document}}},
                                                                                {"positions", {{{"line", 3}, {"character", 3}}}}}));
    return answer ? (*answer)["result"][0] : json();
  };
  const json key = {{"start", {{"line", 3}, {"character", 0}}}, {"end", {{"line", 3}, {"character", 8}}}};
  const json inWhole = selection(whole);
  const json inBroken = selection(broken);
  EXPECT_EQ(inWhole["range"], key) << inWhole.dump();
  EXPECT_EQ(inBroken["range"], key) << inBroken.dump();
  // Then the document's mapping (the key with its empty value is the key's range again).
  ASSERT_TRUE(inBroken.contains("parent")) << inBroken.dump();
  EXPECT_EQ(inBroken["parent"]["range"], (json{{"start", {{"line", 1}, {"character", 0}}}, {"end", {{"line", 3}, {"character", 8}}}}));
  client.shutdownAndExit();
}

}  // namespace
}  // namespace dalec::testing
