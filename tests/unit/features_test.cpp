// Language features on annotated specs: positions and expected ranges are marked in the text.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "annotated_text.h"
#include "features/code_actions.h"
#include "features/code_lens.h"
#include "features/completion.h"
#include "features/document_links.h"
#include "features/document_symbols.h"
#include "features/hover.h"
#include "features/inlay_hints.h"
#include "features/navigation.h"
#include "features/semantic_tokens.h"
#include "features/structure.h"
#include "spec/resolved_spec.h"
#include "spec_fixtures.h"

namespace dalec::lsp {
namespace {

using dalec::testing::AnnotatedText;
using ::testing::ElementsAre;

const char* kUri = "file:///spec.yml";

struct Doc {
  explicit Doc(const std::string& annotated, bool withSnippets = false)
      : t(annotated), analysis(analyzeDocument(kUri, "dalec", 1, t.text())), snippets(withSnippets) {}
  FeatureContext context() const { return FeatureContext{kUri, *analysis, ClientSupport{snippets}}; }
  Position pos(const std::string& name) const {
    auto p = analysis->model->document->lines().toUtf16(t.point(name));
    return {p.line, p.character};
  }
  Range range(const std::string& name) const { return context().toRange(t.range(name)); }
  AnnotatedText t;
  std::shared_ptr<const DocumentAnalysis> analysis;
  bool snippets;
};

std::vector<std::string> labels(const std::vector<CompletionItem>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.label);
  return out;
}

std::vector<Range> ranges(const std::vector<Location>& locations) {
  std::vector<Range> out;
  for (const auto& l : locations) out.push_back(l.range);
  return out;
}

const std::string kHeader = dalec::testing::kSpecHeader;

TEST(Completion, KeysOfATestNotAlreadyPresentEvenWhenTheLineDoesNotParse) {
  Doc d(kHeader + "tests:\n  - name: t\n    st$c^\n    files: {}\n");
  auto items = complete(d.context(), d.t.text(), d.pos("c"));
  EXPECT_THAT(labels(items), ElementsAre("steps"));
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].textEdit.newText, "steps:");
  EXPECT_EQ(items[0].detail, "a list of a test step");
  EXPECT_FALSE(items[0].documentation.empty());
  EXPECT_FALSE(items[0].snippet);
}

TEST(Completion, SnippetsOnlyWhenTheClientTakesThem) {
  Doc d(kHeader + "tests:\n  - name: t\n    st$c^\n", /*snippets=*/true);
  auto items = complete(d.context(), d.t.text(), d.pos("c"));
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].textEdit.newText, "steps:\n      - $0");
  EXPECT_TRUE(items[0].snippet);
}

TEST(Completion, RequiredKeysSortFirstInASource) {
  Doc d(kHeader + "sources:\n  src:\n    git:\n      $c^\n");
  auto items = complete(d.context(), d.t.text(), d.pos("c"));
  ASSERT_GE(items.size(), 2u);
  EXPECT_LT(items[0].sortText, items.back().sortText);
  EXPECT_THAT(labels(items), ::testing::IsSupersetOf({"url", "commit", "keepGitDir", "auth", "checksum"}));
}

TEST(Completion, EnumsBooleansAndCheckKinds) {
  Doc mode(kHeader + "build:\n  network_mode: $c^\n");
  EXPECT_THAT(labels(complete(mode.context(), mode.t.text(), mode.pos("c"))), ElementsAre("none", "sandbox"));
  Doc flag(kHeader + "tests:\n  - name: t\n    files:\n      /x:\n        is_dir: t$c^\n");
  EXPECT_THAT(labels(complete(flag.context(), flag.t.text(), flag.pos("c"))), ElementsAre("true"));
  Doc kinds(kHeader + "tests:\n  - name: t\n    files:\n      /x:\n        not_exist: true\n        $c^\n");
  auto checks = labels(complete(kinds.context(), kinds.t.text(), kinds.pos("c")));
  EXPECT_THAT(checks, ::testing::Contains("permissions"));
  EXPECT_THAT(checks, ::testing::Not(::testing::Contains("not_exist")));
}

TEST(Completion, ArgsSourcesAndTargets) {
  Doc args("args:\n  VERSION: 1\n  REVISION:\nversion: ${V$c^\n");
  auto items = complete(args.context(), args.t.text(), args.pos("c"));
  EXPECT_THAT(labels(items), ElementsAre("VERSION"));
  EXPECT_EQ(items[0].textEdit.newText, "VERSION}");
  EXPECT_EQ(items[0].detail, "default: 1");
  Doc builtins("args:\n  VERSION: 1\nversion: ${TARGETA$c^}\n");
  auto builtin = complete(builtins.context(), builtins.t.text(), builtins.pos("c"));
  EXPECT_THAT(labels(builtin), ElementsAre("TARGETARCH"));
  EXPECT_EQ(builtin[0].textEdit.newText, "TARGETARCH");
  Doc patches(kHeader + "sources:\n  src: {git: {url: u, commit: c}}\n  fix: {http: {url: u}}\npatches:\n  src:\n    - source: $c^\n");
  EXPECT_THAT(labels(complete(patches.context(), patches.t.text(), patches.pos("c"))), ElementsAre("src", "fix"));
  Doc targets(kHeader + "targets:\n  jammy: {}\n  no$c^\n");
  EXPECT_THAT(labels(complete(targets.context(), targets.t.text(), targets.pos("c"))), ElementsAre("noble"));
}

TEST(Hover, KeysArgsSourcesAndTargets) {
  Doc d("args:\n  VERSION: 1.2\nversion: $ref[[${VERS$v^ION}]]\nsources:\n  src:\n    git: {url: https://x/r.git, commit: v1}\n"
        "patches:\n  $p[[sr$s^c]]:\n    - source: src\n      path: a.patch\ntests:\n  - name: t\n    $key[[fi$k^les]]: {}\n"
        "targets:\n  $target[[jam$t^my]]: {}\n");
  auto arg = hoverAt(d.context(), d.pos("v"));
  ASSERT_TRUE(arg);
  EXPECT_EQ(arg->markdown, "**arg `VERSION`**\n\ndefault: `1.2`\n\ndeclared on line 2");
  EXPECT_TRUE(arg->range == d.range("ref"));
  auto source = hoverAt(d.context(), d.pos("s"));
  ASSERT_TRUE(source);
  EXPECT_EQ(source->markdown, "**source `src`** (git, a directory)\n\n`https://x/r.git` at `v1`");
  EXPECT_TRUE(source->range == d.range("p"));
  auto key = hoverAt(d.context(), d.pos("k"));
  ASSERT_TRUE(key);
  EXPECT_THAT(key->markdown, ::testing::StartsWith("**`files`**: a mapping of names to a file check\n\nChecks on files"));
  EXPECT_TRUE(key->range == d.range("key"));
  auto target = hoverAt(d.context(), d.pos("t"));
  ASSERT_TRUE(target);
  EXPECT_EQ(target->markdown, "**target `jammy`**: builds deb packages");
}

TEST(Navigation, ArgDefinitionReferencesHighlights) {
  Doc d("args:\n  $decl[[VERSION]]: 1\nversion: ${$r1[[VER$c^SION]]}\nimage:\n  labels:\n    v: \"${$r2[[VERSION]]}\"\n"
        "build:\n  steps:\n    - command: echo ${VERSION}\n");
  EXPECT_THAT(ranges(findDefinition(d.context(), d.pos("c"))), ElementsAre(d.range("decl")));
  EXPECT_THAT(ranges(findReferences(d.context(), d.pos("c"), true)), ElementsAre(d.range("decl"), d.range("r1"), d.range("r2")));
  EXPECT_THAT(ranges(findReferences(d.context(), d.pos("c"), false)), ElementsAre(d.range("r1"), d.range("r2")));
  auto highlights = findHighlights(d.context(), d.pos("c"));
  ASSERT_EQ(highlights.size(), 3u);
  EXPECT_EQ(highlights[0].kind, HighlightKind::Write);
  EXPECT_EQ(highlights[1].kind, HighlightKind::Read);
}

TEST(Navigation, RenameSourceFollowsPatches) {
  Doc d("sources:\n  $decl[[s$c^rc]]:\n    git: {url: u, commit: c}\n  fix:\n    http: {url: u}\n"
        "patches:\n  $key[[src]]:\n    - source: fix\n  fix:\n    - source: \"$val[[src]]\"\n      path: x\n");
  auto prepared = prepareRename(d.context(), d.pos("c"));
  ASSERT_TRUE(prepared);
  EXPECT_EQ(prepared->placeholder, "src");
  auto outcome = rename(d.context(), d.pos("c"), "upstream");
  ASSERT_TRUE(outcome.edit) << outcome.error;
  std::vector<Range> edited;
  for (const auto& e : outcome.edit->changes.at(kUri)) {
    EXPECT_EQ(e.newText, "upstream");
    edited.push_back(e.range);
  }
  EXPECT_THAT(edited, ElementsAre(d.range("decl"), d.range("key"), d.range("val")));
  EXPECT_EQ(rename(d.context(), d.pos("c"), "a/b").error, "source names cannot contain '/'");
  EXPECT_EQ(rename(d.context(), d.pos("c"), "fix").error, "a source named fix already exists");
}

TEST(Navigation, NothingToRenameOnATargetOrPlainText) {
  Doc d("targets:\n  jam$t^my: {}\nname: pl$p^ain\n");
  EXPECT_FALSE(prepareRename(d.context(), d.pos("t")));
  EXPECT_FALSE(prepareRename(d.context(), d.pos("p")));
  EXPECT_FALSE(rename(d.context(), d.pos("p"), "x").edit);
}

TEST(Outline, SectionsSourcesTestsStepsAndChecks) {
  Doc d(kHeader + "sources:\n  src:\n    git: {url: u, commit: c}\nbuild:\n  steps:\n    - command: make all\n"
        "tests:\n  - name: works\n    steps:\n      - command: demo --version\n    files:\n      /usr/bin/demo:\n        permissions: 0o755\n"
        "targets:\n  jammy:\n    tests:\n      - name: deb only\n");
  auto symbols = documentSymbols(d.context());
  std::vector<std::string> top;
  for (const auto& s : symbols) top.push_back(s.name);
  EXPECT_THAT(top, ElementsAre("name", "description", "website", "version", "revision", "license", "packager", "sources", "build",
                               "tests", "targets"));
  const DocumentSymbol& tests = symbols[9];
  ASSERT_EQ(tests.children.size(), 1u);
  EXPECT_EQ(tests.children[0].name, "works");
  ASSERT_EQ(tests.children[0].children.size(), 2u);
  EXPECT_EQ(tests.children[0].children[0].name, "step 1");
  EXPECT_EQ(tests.children[0].children[0].detail, "demo --version");
  EXPECT_EQ(tests.children[0].children[1].name, "/usr/bin/demo");
  EXPECT_EQ(tests.children[0].children[1].detail, "permissions");
  EXPECT_EQ(symbols[8].children[0].detail, "make all");
  EXPECT_EQ(symbols[10].children[0].name, "jammy");
  ASSERT_EQ(symbols[10].children[0].children.size(), 1u);
  EXPECT_EQ(symbols[10].children[0].children[0].name, "deb only");
}

// Found by the lsp_session fuzzer: an arg whose default is an alias that leads nowhere crashed the
// outline, completion and hover (each read the alias's target without asking whether it had one).
TEST(Outline, ArgWhoseDefaultIsAnAliasToNothing) {
  Doc d("args:\n  VERSION: *nowhere\n  REVISION: 2\nversion: ${V$c^\n");
  auto symbols = documentSymbols(d.context());
  ASSERT_FALSE(symbols.empty());
  ASSERT_EQ(symbols[0].children.size(), 2u);
  EXPECT_EQ(symbols[0].children[0].name, "VERSION");
  EXPECT_EQ(symbols[0].children[0].detail, "");
  EXPECT_EQ(symbols[0].children[1].detail, "2");
  auto items = complete(d.context(), d.t.text(), d.pos("c"));
  ASSERT_THAT(labels(items), ElementsAre("VERSION"));
  EXPECT_EQ(items[0].detail, "no default");
}

struct Hint {
  Position at;
  std::string label;
  bool operator==(const Hint& o) const { return at.line == o.at.line && at.character == o.at.character && label == o.label; }
};
std::ostream& operator<<(std::ostream& os, const Hint& h) { return os << h.at.line << ":" << h.at.character << " " << h.label; }

std::vector<Hint> hintsOf(const Doc& d, spec::ArgEnvironment args = {{}, "linux/amd64"}) {
  FeatureContext context = d.context();
  context.args = std::move(args);
  std::vector<Hint> out;
  for (const InlayHint& h : inlayHints(context, Range{{0, 0}, {100000, 0}})) out.push_back({h.position, h.label});
  return out;
}

TEST(InlayHints, ArgValuesWhereDalecExpandsThem) {
  Doc d("args:\n  VERSION: 0.1.0\n  TARGETARCH:\n  COMMIT:\n"
        "version: ${VERSION}$a^\nsources:\n  src:\n    http:\n      url: https://x/${TARGETARCH}$b^/v${COMMIT}$c^.tgz\n"
        "build:\n  steps:\n    - command: echo ${VERSION}\n");
  const spec::ArgEnvironment linuxArm{{}, "linux/arm64"};
  EXPECT_THAT(hintsOf(d, linuxArm), ElementsAre(Hint{d.pos("a"), "= 0.1.0"}, Hint{d.pos("b"), "= arm64"}, Hint{d.pos("c"), "= (empty)"}));
  // A build arg in the settings wins over the default, as --build-arg does.
  const spec::ArgEnvironment passed{{{"VERSION", "2.0.0"}, {"COMMIT", "abc"}}, "linux/amd64"};
  EXPECT_THAT(hintsOf(d, passed), ElementsAre(Hint{d.pos("a"), "= 2.0.0"}, Hint{d.pos("b"), "= amd64"}, Hint{d.pos("c"), "= abc"}));
  // Hover says the same.
  FeatureContext context = d.context();
  context.args = passed;
  auto hover = hoverAt(context, {4, 12});
  ASSERT_TRUE(hover);
  EXPECT_EQ(hover->markdown, "**arg `VERSION`**\n\ndefault: `0.1.0`\n\nvalue: `2.0.0` (a build arg in the settings)\n\ndeclared on line 2");
}

TEST(InlayHints, ModesSpelledOutAndDecimalModesShownInOctal) {
  Doc d(kHeader + "tests:\n  - name: t\n    files:\n      /usr/bin/a:\n        permissions: 0o755$a^\n"
        "      /usr/bin/b:\n        permissions: 755$b^\n      /etc/c:\n        permissions: 04750$c^\n"
        "      /tmp/d:\n        permissions: 0o1777$d^\n      /etc/e:\n        permissions: 0o99999\n");
  EXPECT_THAT(hintsOf(d), ElementsAre(Hint{d.pos("a"), "rwxr-xr-x"}, Hint{d.pos("b"), "= 0o1363 -wxrw--wt"},
                                      Hint{d.pos("c"), "rwsr-x---"}, Hint{d.pos("d"), "rwxrwxrwt"}));
  EXPECT_EQ(symbolicMode(06644), "rwSr-Sr--");
}

TEST(InlayHints, WhatATargetsKeysDoToTheSpecsOwn) {
  Doc d(kHeader + "dependencies:\n  build: [gcc]\n  runtime: [libc]\nimage:\n  entrypoint: /usr/bin/demo\n  env: [A=1]\n"
        "  labels: {a: b}\nprovides: {demo: {}}\ntests:\n  - name: t\n"
        "targets:\n  jammy:\n    dependencies:\n      build: [clang]$build^\n      runtime: []$runtime^\n      test: [bats]\n"
        "    image:\n      entrypoint: /bin/sh$entry^\n      env: [B=2]$env^\n      labels: {c: d}$labels^\n      cmd: x\n"
        "    provides: {}$provides^\n    tests:$tests^\n      - name: u\n");
  EXPECT_THAT(hintsOf(d), ElementsAre(Hint{d.pos("build"), "replaces the spec's dependencies.build"},
                                      Hint{d.pos("runtime"), "empty: the spec's dependencies.runtime still applies"},
                                      Hint{d.pos("entry"), "replaces the spec's image.entrypoint"},
                                      Hint{d.pos("env"), "added after the spec's image.env"},
                                      Hint{d.pos("labels"), "merged with the spec's image.labels (the target's win)"},
                                      Hint{d.pos("provides"), "replaces the spec's provides"}, Hint{d.pos("tests"), "run after the spec's 1 test"}));
}

TEST(ResolvedSpec, ArgsSubstitutedAndTheTargetMergedAsDalecDoes) {
  Doc d("args:\n  VERSION: 0.1.0\n  TARGETARCH:\nname: demo\nversion: ${VERSION}\n"
        "sources:\n  src:\n    http:\n      url: https://x/${TARGETARCH}/demo-${VERSION}.tgz\n"
        "dependencies:\n  build: [gcc]\n  runtime: [libc6]\n"
        "build:\n  steps:\n    - command: |\n        make VERSION=${VERSION}\n        make install\n"
        "image:\n  entrypoint: /usr/bin/demo\n  env: [A=1]\n"
        "tests:\n  - name: runs\n"
        "targets:\n  jammy:\n    dependencies:\n      build: [clang]\n      runtime: []\n"
        "    image:\n      env: [B=2]\n    tests:\n      - name: jammy only\n  noble: {}\n");
  const spec::ResolvedSpec resolved = spec::resolveSpec(*d.analysis->model, "jammy", {{}, "linux/arm64"});
  ASSERT_EQ(resolved.error, "");
  EXPECT_EQ(resolved.text,
            "# the spec as target `jammy` sees it (platform linux/arm64)\n"
            "args:\n  VERSION: 0.1.0\n  TARGETARCH:\nname: demo\nversion: 0.1.0\n"
            "sources:\n  src:\n    http:\n      url: https://x/arm64/demo-0.1.0.tgz\n"
            "dependencies:\n  build:\n    - clang\n  runtime:\n    - libc6\n"
            // Commands are run by a shell at build time: Dalec leaves their $VERSION to the environment.
            "build:\n  steps:\n    - command: |\n        make VERSION=${VERSION}\n        make install\n"
            "image:\n  entrypoint: /usr/bin/demo\n  env:\n    - A=1\n    - B=2\n"
            "tests:\n  - name: runs\n  - name: jammy only\n");
  // Each line points at the spec's line it came from: `version:` is line 4, jammy's clang line 25.
  const std::vector<std::string> lines = [&] {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t end; (end = resolved.text.find('\n', start)) != std::string::npos; start = end + 1)
      out.push_back(resolved.text.substr(start, end - start));
    return out;
  }();
  ASSERT_EQ(lines.size(), resolved.sourceLines.size());
  EXPECT_EQ(resolved.sourceLines[0], -1);
  EXPECT_EQ(lines[5], "version: 0.1.0");
  EXPECT_EQ(resolved.sourceLines[5], 4);
  EXPECT_EQ(lines[12], "    - clang");
  EXPECT_EQ(resolved.sourceLines[12], 25);
  EXPECT_EQ(lines[14], "    - libc6");
  EXPECT_EQ(resolved.sourceLines[14], 11);
  EXPECT_EQ(spec::resolveSpec(*d.analysis->model, "focal", {}).error, "the spec has no target `focal` (it has jammy, noble)");
}

TEST(Structure, FoldingAndSelection) {
  Doc d("tests:\n  - name: t\n    steps:\n      - command: $c^echo\n");
  auto folds = foldingRanges(d.context());
  ASSERT_EQ(folds.size(), 3u);
  EXPECT_EQ(folds[0].startLine, 0);
  EXPECT_EQ(folds[0].endLine, 3);
  auto selections = selectionRanges(d.context(), {d.pos("c")});
  ASSERT_EQ(selections.size(), 1u);
  EXPECT_EQ(selections[0].range.start.character, 17);  // "echo"
  EXPECT_GE(selections[0].parents.size(), 4u);
  EXPECT_EQ(selections[0].parents.back().start.line, 0);
}

TEST(CodeLens, DebugAndRunEachTestBuildEachTarget) {
  Doc d(kHeader + "tests:\n  - name: $t[[works]]\ntargets:\n  $k[[jammy]]:\n    tests:\n      - name: $j[[deb only]]\n");
  auto lenses = codeLenses(d.context());
  ASSERT_EQ(lenses.size(), 6u);
  EXPECT_EQ(lenses[0].command.command, "dalec.debugTest");
  EXPECT_EQ(lenses[0].command.arguments[0], (nlohmann::json{{"uri", kUri}, {"test", "works"}}));
  EXPECT_TRUE(lenses[0].range == d.range("t"));
  EXPECT_EQ(lenses[2].command.arguments[0], (nlohmann::json{{"uri", kUri}, {"test", "deb only"}, {"target", "jammy"}}));
  EXPECT_EQ(lenses[4].command.command, "dalec.buildTarget");
  EXPECT_TRUE(lenses[4].range == d.range("k"));
}

TEST(CodeActions, DidYouMeanDeclareAndRemove) {
  Doc d(kHeader + "args:\n  VERSION: 1\n  $unused[[OLD]]: x\nrevisoin: 2\nimage:\n  labels:\n    a: ${VERSION}\n    b: ${$undef[[NEW]]}\n");
  Range all{{0, 0}, {100, 0}};
  auto actions = codeActions(d.context(), all);
  std::vector<std::string> titles;
  for (const auto& a : actions) titles.push_back(a.title);
  EXPECT_THAT(titles, ElementsAre("Remove unused arg OLD", "Change to \"revision\"", "Declare arg NEW under args"));
  const auto& remove = actions[0].edit.changes.at(kUri)[0];
  EXPECT_EQ(remove.newText, "");
  EXPECT_EQ(remove.range.start.line, 10);
  EXPECT_EQ(remove.range.end.line, 11);
  const auto& declare = actions[2].edit.changes.at(kUri)[0];
  EXPECT_EQ(declare.newText, "\n  NEW:");
  EXPECT_EQ(declare.range.start.line, 10);
}

TEST(SemanticTokens, DeclaredBuiltinAndUnresolved) {
  Doc d("args:\n  V: 1\n  TARGETOS:\nx:\n  y: z\nversion: ${V}-${TARGETOS}-${NOPE}\n");
  // decl V, decl TARGETOS, ${V}, ${TARGETOS}, ${NOPE}
  EXPECT_EQ(semanticTokens(d.context()), (std::vector<int>{1, 2, 1, 0, 1, 1, 2, 8, 1, 3, 3, 9, 4, 0, 0, 0, 5, 11, 1, 2, 0, 12, 7, 0, 4}));
}

TEST(DocumentLinks, UrlsWithoutUnresolvedArgs) {
  Doc d("website: $w[[https://example.com]]\nsources:\n  a: {http: {url: \"$u[[https://e.com/f.patch]]\"}}\n"
        "  b: {http: {url: https://e.com/${V}}}\n");
  auto links = documentLinks(d.context());
  ASSERT_EQ(links.size(), 2u);
  EXPECT_TRUE(links[0].range == d.range("w"));
  EXPECT_EQ(links[1].target, "https://e.com/f.patch");
  EXPECT_TRUE(links[1].range == d.range("u"));
}

TEST(DocumentLinks, LocalPathsThatExistBesideTheSpec) {
  const auto dir = std::filesystem::temp_directory_path() / ("dalec-links-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "docker");
  std::ofstream(dir / "docker" / "Dockerfile") << "FROM scratch\n";
  AnnotatedText t("sources:\n  ctx:\n    context: {}\n    path: $p[[docker]]\n  img:\n    build:\n"
                  "      dockerfile_path: $d[[docker/Dockerfile]]\n      source: {context: {}}\n  gone:\n    context: {}\n    path: missing\n");
  const std::string uri = "file://" + (dir / "spec.yml").string();
  auto analysis = analyzeDocument(uri, "dalec", 1, t.text());
  FeatureContext context{uri, *analysis, {}};
  auto links = documentLinks(context);
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].target, "file://" + (dir / "docker").string());
  EXPECT_TRUE(links[0].range == context.toRange(t.range("p")));
  EXPECT_EQ(links[1].target, "file://" + (dir / "docker" / "Dockerfile").string());
  std::filesystem::remove_all(dir);
}

// Issue 5's acceptance on Dalec's own specs: every ${VAR} resolves to its declaration, and renaming
// any arg or source leaves a spec that still checks clean.
TEST(RealSpecs, EveryArgReferenceResolvesAndEveryRenameStaysClean) {
  for (const auto& path : dalec::testing::realSpecs()) {
    const std::string text = dalec::testing::readFile(path);
    auto analysis = analyzeDocument(kUri, "yaml", 1, text);
    FeatureContext context{kUri, *analysis, {}};
    const auto& lines = analysis->model->document->lines();
    auto at = [&](std::size_t offset) {
      auto p = lines.toUtf16(offset);
      return Position{p.line, p.character};
    };
    for (const auto& ref : analysis->model->argRefs) {
      if (!ref.expandedByDalec) continue;
      auto definition = findDefinition(context, at(ref.nameRange.begin));
      ASSERT_EQ(definition.size(), 1u) << path.filename() << ": ${" << ref.name << "}";
      EXPECT_EQ(definition[0].range.start.line, lines.toUtf16(analysis->model->findArg(ref.name)->key->range.begin).line);
    }
    std::vector<std::pair<std::size_t, std::string>> targets;
    for (const auto& arg : analysis->model->args) targets.push_back({arg.key->range.begin, arg.name});
    for (const auto& source : analysis->model->sources) targets.push_back({source.key->range.begin, source.name});
    for (const auto& [offset, name] : targets) {
      auto outcome = rename(context, at(offset), name + "_renamed");
      ASSERT_TRUE(outcome.edit) << path.filename() << " " << name << ": " << outcome.error;
      std::string renamed = text;
      auto edits = outcome.edit->changes.at(kUri);
      std::sort(edits.begin(), edits.end(), [&](const TextEdit& a, const TextEdit& b) {
        return lines.fromUtf16({a.range.start.line, a.range.start.character}) > lines.fromUtf16({b.range.start.line, b.range.start.character});
      });
      for (const auto& e : edits) {
        auto begin = lines.fromUtf16({e.range.start.line, e.range.start.character});
        auto end = lines.fromUtf16({e.range.end.line, e.range.end.character});
        renamed.replace(begin, end - begin, e.newText);
      }
      auto after = dalec::testing::analyseText(renamed);
      for (const auto& diag : after.diagnostics)
        EXPECT_EQ(diag.severity, analysis::Severity::Hint) << path.filename() << " after renaming " << name << ": " << diag.message;
    }
  }
}

}  // namespace
}  // namespace dalec::lsp
