// Each diagnostic rule on a small spec, with the expected range marked in the text itself.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "annotated_text.h"
#include "spec_fixtures.h"

namespace dalec::analysis {
namespace {

using dalec::testing::AnnotatedText;
using dalec::testing::analyseText;
using dalec::testing::kSpecHeader;
using dalec::testing::withCode;

struct Expected {
  std::string range;
  std::string code;
  std::string message;
};

// Asserts exactly these diagnostics (hints included), in document order.
void expectDiagnostics(const std::string& annotated, const std::vector<Expected>& expected) {
  AnnotatedText t(annotated);
  auto result = analyseText(t.text());
  std::vector<std::string> actual, wanted;
  for (const Diagnostic& d : result.diagnostics)
    actual.push_back(std::to_string(d.range.begin) + "-" + std::to_string(d.range.end) + " " + d.code + ": " + d.message);
  for (const Expected& e : expected) {
    ByteRange r = t.range(e.range);
    wanted.push_back(std::to_string(r.begin) + "-" + std::to_string(r.end) + " " + e.code + ": " + e.message);
  }
  EXPECT_EQ(actual, wanted) << "in:\n" << t.text();
}

std::string spec(const std::string& body) { return std::string(kSpecHeader) + body; }

TEST(SchemaRules, UnknownKeyWithSuggestion) {
  AnnotatedText t(spec("tests:\n  - name: t\n    $k[[fiels]]:\n      /usr/bin/x: {}\n"));
  auto result = analyseText(t.text());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  const Diagnostic& d = result.diagnostics[0];
  EXPECT_EQ(d.code, "unknown-key");
  EXPECT_EQ(d.range, t.range("k"));
  EXPECT_EQ(d.message, "unknown key \"fiels\" in a test; did you mean \"files\"?");
  EXPECT_EQ(d.severity, Severity::Error);
  EXPECT_EQ(d.replacement, "files");
}

TEST(SchemaRules, UnknownTopLevelKeyAndExtensions) {
  expectDiagnostics(spec("x-anchors: {a: 1}\n$k[[sorces]]: {}\ntests:\n  - name: t\n    $x[[x-note]]: hi\n"),
                    {{"k", "unknown-key", "unknown key \"sorces\" in the spec; did you mean \"sources\"?"},
                     {"x", "extension-key",
                      "Dalec ignores \"x-note\" here; its published schema allows extension keys (x-...) only at the top "
                      "level"}});
}

// What the oracle measured (tests/oracle): Dalec loads a spec with any of these, so none is an
// error; an x- key anywhere is ignored, which only the published schema objects to.
TEST(SchemaRules, SeveritiesFollowWhetherDalecLoadsTheSpec) {
  auto result = analyseText(spec("tests:\n  - name: t\n    x-note: hi\n    steps:\n      - command:\n    files:\n"
                                 "      /etc/gone:\n        not_exist: true\n        contains: [x]\n"
                                 "build:\n  steps:\n    - command:\n"));
  std::vector<std::string> seen;
  for (const Diagnostic& d : result.diagnostics) seen.push_back(d.code + " " + std::to_string(static_cast<int>(d.severity)));
  EXPECT_EQ(seen, (std::vector<std::string>{"extension-key 4", "missing-value 2", "conflicting-checks 2", "missing-value 1"}));
}

TEST(SchemaRules, WrongTypesSayWhatWasExpected) {
  expectDiagnostics(spec("tests:\n  - name: t\n    steps:\n      - command: echo\n        stdout:\n          equals: "
                         "$eq[[[a, b]]]\n    files:\n      /etc/x:\n        is_dir: $yes[[yes]]\n"
                         "        permissions: $perm[[rw]]\n"),
                    {{"eq", "wrong-type",
                      "\"equals\" must be a string, not a list; equals compares against one string (use contains for "
                      "several)"},
                     {"yes", "wrong-type", "\"is_dir\" takes true or false; Dalec reads \"yes\" as a string, not a boolean"},
                     {"perm", "wrong-type", "\"permissions\" must be an integer, not a string"}});
}

TEST(SchemaRules, MapValuesAreNamedByTheirKey) {
  expectDiagnostics(spec("dependencies:\n  build:\n    golang: $v[[[\"1.21\"]]]\n"),
                    {{"v", "wrong-type", "\"golang\" must be a mapping (a package constraint), not a list"}});
}

TEST(SchemaRules, InvalidEnum) {
  expectDiagnostics(spec("build:\n  network_mode: $m[[hots]]\n  steps:\n    - command: make\n"),
                    {{"m", "invalid-enum", "\"network_mode\" must be \"none\" or \"sandbox\", not \"hots\""}});
}

TEST(SchemaRules, MissingRequiredAndOneOf) {
  expectDiagnostics(spec("sources:\n  src:\n    $git[[git]]:\n      url: https://x\n"
                         "  file:\n    inline:\n      $file[[file]]: {contents: a}\n      $dir[[dir]]: {}\n"
                         "tests:\n  - $t[[steps]]:\n      - command: true\n"),
                    {{"git", "missing-required", "a git source needs \"commit\""},
                     {"file", "mutually-exclusive", "an inline source takes only one of \"file\" or \"dir\""},
                     {"dir", "mutually-exclusive", "an inline source takes only one of \"file\" or \"dir\""},
                     {"t", "missing-required", "a test needs \"name\""}});
}

TEST(SchemaRules, RequiredFieldWithoutValue) {
  expectDiagnostics(spec("build:\n  steps:\n    - $b[[command]]:\ntests:\n  - name: t\n    steps:\n      - $c[[command]]:\n"),
                    {{"b", "missing-value", "\"command\" needs a value"},
                     {"c", "missing-value",
                      "\"command\" needs a value; Dalec loads the spec, but the step fails when the test runs"}});
}

TEST(SchemaRules, PermissionsMustBeOctal) {
  expectDiagnostics(spec("tests:\n  - name: t\n    files:\n      /usr/bin/a:\n        permissions: $bad[[0789]]\n"
                         "      /usr/bin/b:\n        permissions: $dec[[755]]\n      /usr/bin/c:\n        permissions: 0o755\n"
                         "      /usr/bin/d:\n        permissions: 0755\n"),
                    {{"bad", "invalid-permissions",
                      "\"0789\" is not a valid octal number (a leading 0 means octal: digits 0-7 only)"},
                     {"dec", "decimal-permissions", "\"755\" is read as a decimal number; write 0o755 for the octal mode"}});
}

TEST(SchemaRules, DalecAcceptsWhatItsPublishedSchemaRejects) {
  // x- keys, changelog dates, one of symlink path/paths, int env values, list-form dependencies,
  // caches with only dest, systemd units without name: all accepted by Dalec's code.
  auto result = analyseText(spec(
      "x-common: &c {CGO_ENABLED: 1}\n"
      "changelog:\n  - date: 2024-05-01\n    author: me\n    changes: [first]\n"
      "image:\n  post:\n    symlinks:\n      /usr/bin/a:\n        path: /usr/bin/b\n"
      "build:\n  env: *c\n  caches:\n    - dir: {dest: /cache}\n  steps:\n    - command: make\n"
      "dependencies:\n  test: [/bin/sh]\n"
      "artifacts:\n  systemd:\n    units:\n      src/a.service:\n        enable: true\n"));
  EXPECT_THAT(result.diagnostics, ::testing::IsEmpty());
}

TEST(YamlRules, SyntaxErrorsAndDuplicates) {
  expectDiagnostics(spec("tests:\n  - name: t\n    $dup[[name]]: u\n    steps: $open[[[]]\n  - name: later\n"
                         "    $k[[flies]]: {}\n"),
                    {{"dup", "duplicate-key", "duplicate key \"name\" (first defined on line 10)"},
                     {"open", "yaml-syntax",
                      "flow sequence '[' is never closed (the parser stopped at line 13: wrongly indented block sequence in flow mode)"},
                     {"k", "unknown-key", "unknown key \"flies\" in a test; did you mean \"files\"?"}});
}

TEST(YamlRules, AnchorErrorsAreReportedOnceAtTheAnchor) {
  AnnotatedText t(spec("x-tests: &t\n  - name: t\n    $k[[flies]]: {}\ntargets:\n  azlinux3:\n    tests: *t\n"
                       "  jammy:\n    tests: *t\n"));
  auto result = analyseText(t.text());
  auto unknown = withCode(result.diagnostics, "unknown-key");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].range, t.range("k"));
}

TEST(ArgRules, UndefinedArgsBuiltinsAndUnused) {
  expectDiagnostics("# syntax=ghcr.io/project-dalec/dalec/frontend:latest\n"
                    "args:\n  VERSION: 1.2.3\n  $unused[[EXTRA]]: x\n  TARGETOS:\n  TARGETARCH: $def[[amd64]]\n"
                    "name: demo\ndescription: d\nwebsite: https://e\nlicense: MIT\nrevision: 1\npackager: p\n"
                    "version: ${$typo[[VERSON]]}\n"
                    "sources:\n  src:\n    http:\n      url: https://e/${TARGETOS}/${$plat[[TARGETVARIANT]]}/${TARGETARCH}\n"
                    "image:\n  labels:\n    target: ${$dt[[DALEC_TARGET]]}\n    v: ${VERSION:-dev}\n",
                    {{"unused", "unused-arg", "arg \"EXTRA\" is declared but no field that Dalec expands uses it"},
                     {"def", "builtin-arg-default",
                      "TARGETARCH is filled in by Dalec from the build's platform; declare it with no default"},
                     {"typo", "undefined-arg", "build arg \"VERSON\" is not declared under args; did you mean \"VERSION\"?"},
                     {"plat", "undeclared-builtin-arg",
                      "TARGETVARIANT is filled in by Dalec, but only when declared under args (with no default)"},
                     {"dt", "undeclared-arg",
                      "DALEC_TARGET is not declared under args, so Dalec leaves ${DALEC_TARGET} as written; declare it "
                      "to use its value"}});
}

TEST(ArgRules, WhatDalecsLexerCannotExpandFailsTheSpecAndIsSaidWhere) {
  expectDiagnostics(spec("tests:\n  - name: t\n    files:\n      /etc/x:\n        contains:\n"
                         "          - $quote[[\"it's\"]]\n          - $pid[[pid $$]]\n          - '\\$HOME'\n"),
                    {{"quote", "arg-expansion",
                      "Dalec cannot expand this value: failed to process \"it's\": unexpected end of statement while "
                      "looking for matching single-quote (Dalec removes quotes and backslashes here as a shell would; "
                      "write \\' or \\\" for one)"},
                     {"pid", "arg-expansion",
                      "Dalec reads $$ as the build arg \"$\", which cannot be declared, and rejects the spec; write \\$ "
                      "for a dollar sign"}});
}

TEST(ArgRules, UnusedArgIsAFadedHint) {
  auto result = analyseText(spec("args:\n  EXTRA: x\n"));
  auto unused = withCode(result.diagnostics, "unused-arg");
  ASSERT_EQ(unused.size(), 1u);
  EXPECT_EQ(unused[0].severity, Severity::Hint);
  EXPECT_TRUE(unused[0].unnecessary);
}

TEST(ArgRules, ArgsInCommands) {
  expectDiagnostics(spec("args:\n  VERSION: 1\n  $commit[[COMMIT]]: abc\n"
                         "build:\n  env:\n    VERSION: ${VERSION}\n  steps:\n"
                         "    - command: echo ${VERSION} $shell[[${COMMIT}]] $HOME\n"
                         "tests:\n  - name: t\n    steps:\n      - command: echo $argv[[${VERSION}]]\n"
                         "      - command: /bin/sh -c 'echo ${GREETING}'\n        env:\n          GREETING: hi\n"),
                    {{"commit", "unused-arg", "arg \"COMMIT\" is declared but no field that Dalec expands uses it"},
                     {"shell", "arg-in-command",
                      "Dalec does not substitute args in commands: the shell expands ${COMMIT}, and COMMIT is empty "
                      "unless build.env or the step's env sets it (e.g. COMMIT: ${COMMIT})"},
                     {"argv", "arg-in-test-command",
                      "test step commands run without a shell and Dalec does not substitute args in them, so ${VERSION} "
                      "is passed as written; use /bin/sh -c '...' with the variable in the test's env"}});
}

TEST(SourceRules, KindsNamesAndPatches) {
  expectDiagnostics(spec("sources:\n  $none[[empty]]:\n    path: x\n  both:\n    git: {url: u, commit: c}\n"
                         "    $second[[http]]: {url: u}\n  $slash[[a/b]]:\n    context: {}\n"
                         "  repo:\n    git: {url: u, commit: c}\n  fix:\n    http: {url: https://e/fix.patch}\n"
                         "patches:\n  repo:\n    - source: $dir[[repo]]\n    - source: fix\n      path: $path[[fix.patch]]\n"
                         "    - source: $missing[[fxi]]\n  $target[[rpeo]]:\n    - source: fix\n"),
                    {{"none", "source-kind",
                      "source \"empty\" needs exactly one kind: git, http, context, build, inline or image"},
                     {"second", "source-kind",
                      "source \"both\" has more than one kind (git and http); a source takes exactly one"},
                     {"slash", "invalid-source-name", "source names cannot contain a path separator"},
                     {"dir", "patch-path-required",
                      "patch source \"repo\" is a directory (git); name the patch file inside it with path"},
                     {"path", "patch-path-not-allowed",
                      "patch source \"fix\" is a single file (http), so the patch takes no path"},
                     {"missing", "unknown-source",
                      "patch source \"fxi\" is not defined under sources; did you mean \"fix\"?"},
                     {"target", "unknown-source",
                      "patches are given for \"rpeo\", which is not defined under sources; did you mean \"repo\"?"}});
}

TEST(TestRules, ChecksThatDoNotSayWhatTheyMean) {
  expectDiagnostics(spec("tests:\n  - name: t\n    files:\n      $dir[[/usr/share/]]:\n      /usr/lib:\n        is_dir: true\n"
                         "      $rel[[etc/x]]: {}\n    steps:\n      - command: $cmd[[|\n          echo one\n          echo two]]\n"
                         "      - command: |\n          /bin/sh -c 'echo one\n          echo two'\n"),
                    {{"dir", "implicit-not-dir",
                      "without is_dir: true this check asserts that /usr/share/ exists and is NOT a directory"},
                     {"rel", "relative-check-path", "file checks run inside the built container; use an absolute path"},
                     {"cmd", "test-command-not-shell",
                      "test step commands are split into words and run without a shell: these lines become the "
                      "arguments of one command; wrap a script in /bin/sh -c '...'"}});
}

TEST(TestRules, ContradictoryCheckOptions) {
  expectDiagnostics(spec("tests:\n  - name: t\n    files:\n      /etc/gone:\n        not_exist: true\n"
                         "        $perm[[permissions]]: 0o644\n      /etc/dir:\n        is_dir: true\n"
                         "        $contains[[contains]]: [x]\n    steps:\n      - command: echo\n        stdout:\n"
                         "          empty: true\n          $starts[[starts_with]]: hello\n          ends_with: \"\"\n"),
                    {{"perm", "conflicting-checks",
                      "not_exist: true asserts the path is absent, so the permissions check can never pass"},
                     {"contains", "conflicting-checks",
                      "contains reads the file's content, but is_dir: true asserts a directory"},
                     {"starts", "conflicting-checks", "empty: true asserts no content, so starts_with can never pass"}});
}

TEST(SpecModel, TargetsKnowWhatTheyOverride) {
  auto result = analyseText(spec("x-base: &b\n  image: {entrypoint: x}\ntargets:\n  azlinux3:\n    <<: *b\n"
                                 "    tests: []\n  jammy:\n    frontend: {image: example.com/f}\n"));
  const auto* azl = result.model->findTarget("azlinux3");
  ASSERT_NE(azl, nullptr);
  EXPECT_TRUE(azl->overridesKey("tests"));
  EXPECT_TRUE(azl->overridesKey("image"));
  EXPECT_FALSE(azl->overridesKey("dependencies"));
  EXPECT_FALSE(azl->forwardsToFrontend);
  EXPECT_TRUE(result.model->findTarget("jammy")->forwardsToFrontend);
}

TEST(PackageRules, TargetsAndWhatTheirPackagesNeed) {
  expectDiagnostics("# syntax=ghcr.io/project-dalec/dalec/frontend:latest\n"
                    "$first[[name]]: demo\nversion: 1\nrevision: 1\ndescription: d\nwebsite: https://e\n"
                    "targets:\n  azlinux3: {}\n  jammy: {}\n  $typo[[bookwrom]]: {}\n"
                    "  custom:\n    frontend:\n      image: example.com/frontend\n",
                    {{"first", "missing-required",
                      "the spec has no \"license\"; Dalec loads it, but building the rpm target azlinux3 fails without it"},
                     {"first", "missing-required",
                      "the spec has no \"packager\"; Dalec loads it, but building the deb target jammy fails without it"},
                     {"typo", "unknown-target",
                      "\"bookwrom\" is not a Dalec target, so this entry is never used (unless it sets frontend.image); "
                      "did you mean \"bookworm\"?"}});
}

// Dalec's frontend loads a spec with no name, version or license (the oracle, tests/oracle, shows it
// for every real spec): what fails is the package build, so these warn rather than err.
TEST(PackageRules, PackageFieldsDalecLoadsWithoutAreWarnings) {
  auto result = analyseText("# syntax=ghcr.io/project-dalec/dalec/frontend:latest\nversion: 1\n");
  auto missing = withCode(result.diagnostics, "missing-required");
  ASSERT_FALSE(missing.empty());
  EXPECT_EQ(missing[0].message, "the spec has no \"name\"; Dalec loads it, but no package can be built without one");
  EXPECT_EQ(missing[0].severity, Severity::Warning);
  // The website only Dalec's published schema asks for: a hint.
  auto website = std::find_if(missing.begin(), missing.end(), [](const Diagnostic& d) { return d.message.find("website") != std::string::npos; });
  ASSERT_NE(website, missing.end());
  EXPECT_EQ(website->severity, Severity::Hint);
}

// goccy/go-yaml, Dalec's parser, ends a block scalar at a line not indented past its key; libfyaml
// keeps it as text. The real frontend rejects such a spec ("step must have a command").
TEST(YamlRules, ABlockScalarLineNotIndentedPastItsKeyIsAnError) {
  expectDiagnostics(spec("build:\n  steps:\n    - command: |\n      $l[[set -e]]\n        make\n"),
                    {{"l", "yaml-syntax",
                      "this line is not indented past \"command\", so YAML (and Dalec) ends the block scalar before it: "
                      "\"command\" is read as empty and this line as a key of its own; indent it further"}});
  // Indented past the key (the usual layout), and an explicit indentation indicator: fine.
  expectDiagnostics(spec("build:\n  steps:\n    - command: |\n        set -e\n        make\n"), {});
  expectDiagnostics(spec("build:\n  steps:\n    - command: |2\n        make\n"), {});
}

// Dalec decodes build steps without its strict mode and drops unknown keys there (oracle).
TEST(SchemaRules, AnUnknownKeyInABuildStepWarnsThatDalecIgnoresIt) {
  auto result = analyseText(spec("build:\n  steps:\n    - command: make\n      envv:\n        A: b\n"));
  auto unknown = withCode(result.diagnostics, "unknown-key");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].severity, Severity::Warning);
  EXPECT_EQ(unknown[0].message,
            "unknown key \"envv\" in a build step; Dalec ignores it, so it has no effect; did you mean \"env\"?");
}

}  // namespace
}  // namespace dalec::analysis
