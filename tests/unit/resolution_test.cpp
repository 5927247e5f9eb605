// Dalec's word expansion (spec/word_expansion.h) and the comparison of our resolution with the
// frontend's (frontend/resolution_differences.h). The expected values of the expansions are what
// Dalec v0.21.5's frontend answered for the same words (frontend.dalec.resolve on the suite's
// buildkitd; tests/e2e/buildkit/lsp_frontend_verdict_test.cpp asks it again on every run).
#include <gtest/gtest.h>

#include "frontend/resolution_differences.h"
#include "frontend/resolution_view.h"
#include "spec/resolved_spec.h"
#include "spec/word_expansion.h"
#include "yaml/node.h"

namespace dalec {
namespace {

std::optional<std::string> args(std::string_view name) {
  if (name == "GREETING") return "hi";
  if (name == "EMPTY") return "";
  if (name == "PATHY") return "a/b/c.tar.gz";
  return std::nullopt;
}

std::string expanded(std::string_view word) {
  spec::WordExpansion out = spec::expandWord(word, args);
  EXPECT_EQ(out.error, "") << word;
  return out.result;
}

TEST(WordExpansion, EveryModifierAsBuildKitsLexerAppliesIt) {
  EXPECT_EQ(expanded("${GREETING:-x}|${EMPTY:-d}|${EMPTY-e}|${GREETING:+p}|$GREETING|\\$GREETING"), "hi|d||p|hi|$GREETING");
  EXPECT_EQ(expanded("${GREETING#h}|${GREETING%i}|${GREETING/h/j}|${GREETING%%i*}|${GREETING:?err}|${EMPTY:+q}"), "i|h|ji|h|hi|");
  EXPECT_EQ(expanded("${PATHY##*/}|${PATHY%%.*}|${PATHY%.*}|${PATHY#*/}|${PATHY//\\//-}"), "c.tar.gz|a/b/c|a/b/c.tar|b/c.tar.gz|a-b-c.tar.gz");
  // No bracket expressions: [ab] is literal text; ? is one character; an empty pattern matches everywhere.
  EXPECT_EQ(expanded("${PATHY//[ab]/z}|${PATHY/?/Q}|${PATHY///_}"), "a/b/c.tar.gz|Q/b/c.tar.gz|_a_/_b_/_c_._t_a_r_._g_z_");
}

TEST(WordExpansion, QuotesAndEscapesAreRemovedEvenWithoutAnArg) {
  EXPECT_EQ(expanded("\"quoted $GREETING\" 'single $GREETING' back\\\\slash \\\"esc\\\" tab\\tx"),
            "quoted hi single $GREETING back\\slash \"esc\" tabtx");
}

TEST(WordExpansion, WhatHasNoValueStaysAsWrittenAndIsReported) {
  spec::WordExpansion out = spec::expandWord("${NOPE}|$NOPE|${NOPE:-x}|$$|$1", args);
  EXPECT_EQ(out.error, "");
  EXPECT_EQ(out.result, "${NOPE}|$NOPE|${NOPE:-x}|$$|$1");
  EXPECT_EQ(out.unmatched, (std::set<std::string>{"$", "1", "NOPE"}));
}

TEST(WordExpansion, WhatTheLexerRejectsIsItsMessage) {
  EXPECT_EQ(spec::expandWord("it's", args).error,
            "failed to process \"it's\": unexpected end of statement while looking for matching single-quote");
  EXPECT_EQ(spec::expandWord("${GREETING:-x", args).error, "failed to process \"${GREETING:-x\": syntax error: missing '}'");
  EXPECT_EQ(spec::expandWord("${}", args).error, "failed to process \"${}\": syntax error: bad substitution");
  EXPECT_EQ(spec::expandWord("${GREETING:#h}", args).error,
            "failed to process \"${GREETING:#h}\": unsupported modifier (:#) in substitution");
  EXPECT_EQ(spec::expandWord("${EMPTY:?must be set}", args).error, "failed to process \"${EMPTY:?must be set}\": EMPTY: must be set");
}

TEST(ResolutionDifferences, OnlyWhatTheSpecWritesIsComparedAndEachDifferenceNamesItsPlace) {
  const std::string text =
      "args:\n  V: \"1.0\"\nname: demo\nversion: ${V}\nrevision: \"1\"\n"
      "sources:\n  f:\n    inline:\n      file:\n        permissions: 0o755\n        contents: hi\n"
      "build:\n  steps:\n    - command: make\n      envv:\n        A: b\n"
      "tests:\n  - name: t\n    files:\n      /etc/x.conf:\n        contains: [\"${V}\"]\n";
  const auto model = spec::buildModel(yaml::parse(text));
  const auto ours = spec::resolvedLeaves(*model, {});
  // Dalec's answer: `0o755` as 493, a default it adds (file permissions of 0o644 elsewhere is not
  // ours to compare), the unknown `envv` gone, and the check's value resolved otherwise.
  const nlohmann::json dalec = nlohmann::json::parse(R"({
    "args": {"V": "1.0"}, "name": "demo", "version": "1.0", "revision": "1",
    "sources": {"f": {"inline": {"file": {"permissions": 493, "contents": "hi", "uid": 0}}}},
    "build": {"steps": [{"command": "make"}]},
    "tests": [{"name": "t", "files": {"/etc/x.conf": {"contains": ["1.0.0"]}}}]})");
  const auto found = frontend::differencesFromDalec(ours, dalec);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].path, "build.steps[0].envv.A");
  EXPECT_EQ(found[0].line, 15);
  EXPECT_EQ(found[0].ours, "\"b\"");
  EXPECT_FALSE(found[0].dalec);
  EXPECT_EQ(found[1].path, "tests[0].files[\"/etc/x.conf\"].contains[0]");
  EXPECT_EQ(found[1].line, 20);
  EXPECT_EQ(found[1].ours, "\"1.0\"");
  EXPECT_EQ(found[1].dalec, "\"1.0.0\"");
}

TEST(ResolutionView, DalecsAnswerFollowsOursAndEachDifferingLineSaysWhatDalecMadeOfIt) {
  const frontend::ResolutionView ours{"# header\nversion: 1.0\nbuild:\n  steps:\n    - command: make\n      envv:\n        A: b\n",
                                      {-1, 3, 11, 12, 13, 14, 15}};
  const std::vector<frontend::ResolutionDifference> differences = {
      {"version", 3, "\"1.0\"", "\"1.0.0\""}, {"build.steps[0].envv.A", 15, "\"b\"", std::nullopt}};
  const auto shown = frontend::withDalecsResolution(ours, differences, "ghcr.io/project-dalec/dalec/frontend:latest",
                                                    "- name: demo\n  version: 1.0.0\n");
  EXPECT_EQ(shown.text,
            "# header\n"
            "version: 1.0  # ≠ Dalec's frontend resolves it to \"1.0.0\"\n"
            "build:\n  steps:\n    - command: make\n      envv:\n"
            "        A: b  # ≠ Dalec's frontend drops it\n"
            "\n"
            "# ---- Dalec's frontend (ghcr.io/project-dalec/dalec/frontend:latest, frontend.dalec.resolve): the spec with "
            "its args substituted, before any target is merged\n"
            "# 2 values differ from ours:\n"
            "#   version (line 4): ours \"1.0\", Dalec's \"1.0.0\"\n"
            "#   build.steps[0].envv.A (line 16): ours \"b\", Dalec drops it\n"
            "- name: demo\n  version: 1.0.0\n");
  EXPECT_EQ(shown.sourceLines, (std::vector<int>{-1, 3, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1}));
}

}  // namespace
}  // namespace dalec
