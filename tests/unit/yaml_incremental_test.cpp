// The incremental re-parse (yaml::parse with the previous version's tree) must build exactly the
// tree a whole parse builds, and must read only the changed entry for the edits authors make most.
#include <gtest/gtest.h>

#include <random>

#include "annotated_text.h"
#include "spec_fixtures.h"
#include "yaml_tree_dump.h"
#include "yaml/mapping_view.h"
#include "yaml/node.h"

namespace dalec::yaml {
namespace {

using testing::AnnotatedText;

std::string dump(const Document& doc) { return testing::dumpYamlTree(doc); }

// Replaces text[at, at + length) with `with`, parses the result both ways and compares them.
struct Edited {
  std::shared_ptr<const Document> incremental;
  std::string whole;
};

Edited edit(const std::shared_ptr<const Document>& before, std::size_t at, std::size_t length, const std::string& with) {
  std::string text = before->text();
  text.replace(at, length, with);
  auto incremental = parse(text, before);
  return {incremental, dump(*parse(text))};
}

TEST(YamlIncremental, TypingIntoACheckReadsOnlyThatTestsEntryAndBuildsTheSameTree) {
  AnnotatedText t(
      "name: hello\n"
      "sources:\n"
      "  src:\n"
      "    context: {}\n"
      "tests:\n"
      "  - name: first\n"
      "    files:\n"
      "      /etc/a:\n"
      "        contains:\n"
      "          - al$at^pha\n"
      "  - name: second\n"
      "    steps:\n"
      "      - command: true\n"
      "build:\n"
      "  steps:\n"
      "    - command: make\n");
  auto before = parse(t.text());
  ASSERT_EQ(before->parsedBytes(), t.text().size());
  const std::size_t at = t.point("at");
  std::shared_ptr<const Document> doc = before;
  for (const char* typed : {"x", "y", "z"}) {
    Edited result = edit(doc, at, 0, typed);
    EXPECT_EQ(dump(*result.incremental), result.whole);
    // `- alphaxyz` is one item of `contains`: its own line is all that is read again, alone and
    // then once more with the line after it (what follows an entry can make it an error).
    const std::size_t item = std::string("          - al").size() + std::string("pha\n").size() + std::string("xyz").find(typed) + 1;
    EXPECT_TRUE(result.incremental->spliced());
    EXPECT_EQ(result.incremental->parsedBytes(), item + item + std::string("  - name: second").size());
    doc = result.incremental;
  }
}

TEST(YamlIncremental, TagsOutsideTheChangedEntryAreCopied) {
  AnnotatedText t("version: !!str 1.0\nbuild:\n  env: !custom {A: b}\n  steps:\n    - command: ma$at^ke\n");
  auto before = parse(t.text());
  Edited result = edit(before, t.point("at"), 0, "x");
  ASSERT_TRUE(result.incremental->spliced());
  EXPECT_EQ(dump(*result.incremental), result.whole);
  EXPECT_FALSE(lookup(result.incremental->root(), "version")->tag().empty());
}

TEST(YamlIncremental, NewEntriesJoinTheirCollectionAndRepeatedKeysAreFound) {
  AnnotatedText t(
      "name: hello\n"
      "args:\n"
      "  $first[[VERSION]]: 1.0\n"
      "  REVISION: 1\n$at^"
      "tests:\n"
      "- name: a\n");
  auto before = parse(t.text());
  // A new key typed at the end of `args` (the blank line is part of its last entry).
  Edited added = edit(before, t.point("at"), 0, "  VERSION: 2.0\n  OTHER: x\n");
  EXPECT_EQ(dump(*added.incremental), added.whole);
  // Read: `REVISION` (the entry the change is in) with the new entries, twice, and `tests:`.
  const std::size_t entries = std::string("  REVISION: 1\n  VERSION: 2.0\n  OTHER: x\n").size();
  EXPECT_TRUE(added.incremental->spliced());
  EXPECT_EQ(added.incremental->parsedBytes(), entries + entries + std::string("tests:").size());
  ASSERT_EQ(added.incremental->duplicates().size(), 1u);
  EXPECT_EQ(added.incremental->duplicates()[0].first->range, t.range("first"));
  // The repeat is an error Dalec reports: from there on, the document is parsed whole until fixed.
  std::string text = added.incremental->text();
  text.replace(text.find("  VERSION: 2.0\n"), 15, "");
  auto fixed = parse(text, added.incremental);
  EXPECT_EQ(dump(*fixed), dump(*parse(text)));
  EXPECT_FALSE(fixed->spliced());
  EXPECT_EQ(fixed->parsedBytes(), text.size());
  EXPECT_TRUE(fixed->duplicates().empty());
}

TEST(YamlIncremental, ChangesThatReachOutsideTheirEntryAreParsedWhole) {
  const std::string text =
      "description: |+\n"
      "  kept\n"
      "license: MIT\n"
      "vendor: caf\xc3\xa9 ltd\n"
      "tests:\n"
      "- name: a\n"
      "  steps: []\n"
      "build: {}\n";
  auto before = parse(text);
  struct Case {
    const char* what;
    std::string needle;  // where the change goes
    std::size_t remove;
    std::string insert;
  } cases[] = {
      // A blank line at the start of `license` would belong to the `|+` scalar before it. (A blank
      // line inserted alone there is read as the end of `description`'s lines, which is right.)
      {"a blank line after a kept block scalar", "license", 7, "\nlicence"},
      {"a document end at the left margin", "build", 0, "---\n"},
      {"a line left of its entry's column", "  steps", 0, "x\n"},
      {"two lines joined", "\nbuild", 1, ""},
      {"an entry's key moved right", "license", 0, " "},
      {"an anchor", "MIT", 0, "&a "},
      // Whole parses replace invalid UTF-8 before anything else.
      {"a byte that is not UTF-8", "caf", 0, "\xff"},
      {"half of a character replaced", "\xa9", 1, "x"},
      {"a character's first byte alone", " ltd", 0, "\xc3"},
  };
  for (const Case& c : cases) {
    const std::size_t at = text.find(c.needle);
    ASSERT_NE(at, std::string::npos) << c.what;
    Edited result = edit(before, at, c.remove, c.insert);
    EXPECT_EQ(dump(*result.incremental), result.whole) << c.what;
    // A whole parse reads the text once, or more than once to recover from an error.
    EXPECT_FALSE(result.incremental->spliced()) << c.what;
    EXPECT_GE(result.incremental->parsedBytes(), result.incremental->text().size()) << c.what;
  }
}

// Found by the spec_edits fuzzer: texts libfyaml reads differently from the line and entry
// arithmetic of the re-parse, or an entry it reads differently alone than in place.
TEST(YamlIncremental, EntriesLibfyamlReadsDifferentlyInPlaceAreParsedWhole) {
  struct Case {
    const char* what;
    std::string before;
    std::string needle;  // where the change goes
    std::size_t remove;
    std::string insert;
  } cases[] = {
      // A lone carriage return ends a line for libfyaml: `c` is a key of the root, and the lines
      // from `echo b` on are not part of the step's entry.
      {"a carriage return without a line feed", "tests:\n- name: a\n  steps:\n  - command: |\n      echo a\n      echo b\rc: 1\n",
       "echo a", 0, "x"},
      // The `?` starts the entry; its key is on the next line.
      {"an explicit key", "?\nk\n", "k", 1, "name: x\n"},
      // `cd src` on the column of `command` cannot continue its value: libfyaml says so once a
      // token follows, but not when the entry, read alone, ends the stream.
      {"a plain scalar where a key is due", "build:\n  steps:\n    - command: |\n        cd src\n        go build\n\nartifacts: {}\n",
       " |\n  ", 5, "\n"},
  };
  for (const Case& c : cases) {
    auto before = parse(c.before);
    ASSERT_TRUE(before->errors().empty()) << c.what;
    const std::size_t at = c.before.find(c.needle);
    ASSERT_NE(at, std::string::npos) << c.what;
    Edited result = edit(before, at, c.remove, c.insert);
    EXPECT_EQ(dump(*result.incremental), result.whole) << c.what;
    EXPECT_FALSE(result.incremental->spliced()) << c.what;
  }
}

// Random edits of every real spec, each applied to the tree the previous one produced: the trees
// are the same as whole parses, and most edits are incremental (or this test could not fail).
TEST(YamlIncremental, RandomEditsOfRealSpecsBuildTheSameTreesAsWholeParses) {
  std::vector<std::filesystem::path> specs = testing::realSpecs();
  for (const auto& entry : std::filesystem::recursive_directory_iterator(testing::examplesDir()))
    if (entry.path().extension() == ".yml") specs.push_back(entry.path());
  ASSERT_GE(specs.size(), 9u);
  const std::string insertions[] = {"x", " ", "\n", "  ", "- a\n", "k: v\n", "    k: v\n", "#", ":", "'", "[", "\t"};
  std::mt19937 random(20261204);
  std::size_t edits = 0, incremental = 0;
  for (const auto& path : specs) {
    const std::shared_ptr<const Document> original = parse(testing::readFile(path));
    std::shared_ptr<const Document> doc = original;
    for (int i = 0; i < 120; ++i) {
      const std::size_t size = doc->text().size();
      const std::size_t at = random() % (size + 1);
      const std::size_t remove = random() % 3 == 0 ? std::min<std::size_t>(size - at, random() % 4) : 0;
      const std::string& insert = remove && random() % 2 ? std::string() : insertions[random() % std::size(insertions)];
      Edited result = edit(doc, at, remove, insert);
      ASSERT_EQ(dump(*result.incremental), result.whole)
          << path.filename().string() << ": edit " << i << " at " << at << " removing " << remove << " inserting '"
          << insert << "' in\n"
          << doc->text().substr(at > 400 ? at - 400 : 0, 800);
      ++edits;
      if (result.incremental->spliced()) ++incremental;
      // Edits accumulate while the spec stays valid YAML (a broken one is parsed whole until it is
      // fixed, which random edits seldom do).
      doc = result.incremental->errors().empty() && result.incremental->duplicates().empty() ? result.incremental : original;
    }
  }
  EXPECT_GT(incremental, edits / 3) << incremental << " of " << edits << " edits were incremental";
}

// The same edits with the old tree handed over (its only reference moved into parse), as the
// document store does: its nodes are shifted where they are, which must build the same trees.
TEST(YamlIncremental, RandomEditsThatTakeTheOldTreeOverBuildTheSameTreesAsWholeParses) {
  const std::string insertions[] = {"x", " ", "\n", "  ", "- a\n", "k: v\n", "    k: v\n", "#", ":", "'", "[", "\t"};
  std::mt19937 random(20261206);
  std::size_t edits = 0, inPlace = 0;
  for (const auto& path : testing::realSpecs()) {
    const std::string original = testing::readFile(path);
    std::shared_ptr<const Document> doc = parse(original);
    for (int i = 0; i < 120; ++i) {
      std::string text = doc->text();
      const std::size_t at = random() % (text.size() + 1);
      const std::size_t remove = random() % 3 == 0 ? std::min<std::size_t>(text.size() - at, random() % 4) : 0;
      text.replace(at, remove, remove && random() % 2 ? std::string() : insertions[random() % std::size(insertions)]);
      const std::string context = doc->text().substr(at > 400 ? at - 400 : 0, 800);
      const std::string whole = dump(*parse(text));
      std::shared_ptr<const Document> next = parse(text, std::move(doc));
      ASSERT_EQ(dump(*next), whole) << path.filename().string() << ": edit " << i << " at " << at << " in\n" << context;
      ++edits;
      if (next->updatedInPlace()) ++inPlace;
      doc = next->errors().empty() && next->duplicates().empty() ? std::move(next) : parse(original);
    }
  }
  EXPECT_GT(inPlace, edits / 3) << inPlace << " of " << edits << " edits took the old tree over";
}

// Typed right before a collection's first key: the collection still starts there, though the text
// from there on moved. Both ways of reusing the old tree.
TEST(YamlIncremental, TypingBeforeTheFirstKeyOfACollectionKeepsWhereTheCollectionStarts) {
  AnnotatedText t("name: x\nbuild:\n  $at^steps:\n    - command: make\n  env: {}\n");
  std::string text = t.text();
  text.insert(t.point("at"), "x");
  const std::string whole = dump(*parse(text));
  const auto before = parse(t.text());
  const auto copied = parse(text, before);
  EXPECT_TRUE(copied->spliced());
  EXPECT_EQ(dump(*copied), whole);
  const auto takenOver = parse(text, parse(t.text()));
  EXPECT_TRUE(takenOver->updatedInPlace());
  EXPECT_EQ(dump(*takenOver), whole);
}

// A spec with a syntax error further down: typing above it reads only the typed entry again, and
// the error (and what recovery skipped) stays as a whole parse has it, shifted. Typing at or below
// the error, where recovery read, parses the whole text again.
TEST(YamlIncremental, TypingAboveASyntaxErrorReadsOnlyThatEntry) {
  AnnotatedText t(
      "name: hello\n"
      "description: A $above^greeting\n"
      "build:\n"
      "  steps:\n"
      "    - command: make\n"
      "tests:\n"
      "  - name: first\n"
      "    files:\n"
      "      /etc/a:\n"
      "        contains: al$below^pha\n"
      "       - omega\n"
      "  - name: second\n"
      "artifacts: {}\n");
  auto before = parse(t.text());
  ASSERT_EQ(before->errors().size(), 1u) << dump(*before);
  std::shared_ptr<const Document> doc = before;
  std::size_t above = t.point("above");
  for (const char* typed : {"x", "y", "z"}) {
    Edited result = edit(doc, above, 0, typed);
    EXPECT_EQ(dump(*result.incremental), result.whole);
    EXPECT_TRUE(result.incremental->spliced());
    const std::size_t line = std::string("description: A xyzgreeting\n").size() - std::string("xyz").size() + std::string("xyz").find(typed) + 1;
    EXPECT_EQ(result.incremental->parsedBytes(), line + line + std::string("build:").size());
    doc = result.incremental;
  }
  const std::size_t below = t.point("below") + 3;
  Edited result = edit(doc, below, 0, "x");
  EXPECT_EQ(dump(*result.incremental), result.whole);
  EXPECT_FALSE(result.incremental->spliced());
}

// libfyaml takes a block scalar's lines at its key's own column when an indented blank line comes
// first; then the key after the entry, at that column, is more of the scalar. Read alone, the
// entry ended before that key. Found by a mutation run of spec_edit_chains: a line break typed
// into the script's indentation.
TEST(YamlIncremental, ABlockScalarThatTakesInTheNextKeyIsParsedWhole) {
  AnnotatedText t(
      "sources:\n"
      "  foo:\n"
      "    inline:\n"
      "      file:\n"
      "        contents: |\n"
      " $at^         #!/usr/bin/env bash\n"
      "          echo hello\n"
      "        permissions: 0755\n");
  auto before = parse(t.text());
  ASSERT_TRUE(before->errors().empty()) << dump(*before);
  Edited result = edit(before, t.point("at"), 1, "\n");
  EXPECT_EQ(dump(*result.incremental), result.whole);
  EXPECT_FALSE(result.incremental->spliced());
  // What the whole parse makes of it: `permissions: 0755` is a line of the script.
  EXPECT_NE(result.whole.find("permissions: 0755\n'"), std::string::npos) << result.whole;
}

// An anchor name's error is placed by reading the text from the start again (libfyaml reports it
// characters later; yaml/anchor_name_error.cpp): what is typed above it can move it, so such a
// version is parsed whole. Found by spec_edit_chains: `*-` and a control character typed into a
// plain scalar took the error of an alias three lines below, with the old placement.
TEST(YamlIncremental, ChangesAboveAnAnchorNameErrorAreParsedWhole) {
  AnnotatedText t(
      "name: hello\n"
      "description: A $above^greeting\n"
      "license: MIT\n"
      "website: https://example.com\n"
      "packager: Dalec\n"
      "build: *$bad[[\xc2\xa0]]\n");
  auto before = parse(t.text());
  ASSERT_EQ(before->errors().size(), 1u) << dump(*before);
  EXPECT_EQ(before->errors().front().range, t.range("bad"));
  for (const char* typed : {"x", "*-\xc2\x85"}) {
    Edited result = edit(before, t.point("above"), 0, typed);
    EXPECT_EQ(dump(*result.incremental), result.whole);
    EXPECT_FALSE(result.incremental->spliced());
  }
}

// The unclosed bracket's message names the line the parser stopped at: a change above it that
// adds a line changes the message, so it is parsed whole; one within a line is not.
TEST(YamlIncremental, ChangesAboveAnErrorThatNamesALineKeepItRight) {
  AnnotatedText t(
      "name: hello\n"
      "description: A $above^greeting\n"
      "license: MIT\n"
      "packager: [a\n"
      "\n"
      "website: https://example.com\n");
  auto before = parse(t.text());
  ASSERT_EQ(before->errors().size(), 1u) << dump(*before);
  ASSERT_NE(before->errors().front().message.find("line 7"), std::string::npos) << before->errors().front().message;
  Edited typed = edit(before, t.point("above"), 0, "x");
  EXPECT_EQ(dump(*typed.incremental), typed.whole);
  EXPECT_TRUE(typed.incremental->spliced());
  Edited broken = edit(before, t.point("above"), 0, "x\n  more");
  EXPECT_EQ(dump(*broken.incremental), broken.whole);
  EXPECT_FALSE(broken.incremental->spliced());
  EXPECT_NE(broken.incremental->errors().front().message.find("line 8"), std::string::npos);
}

// Random edits of every real spec, each applied to the tree the previous one produced, broken or
// not: the trees are the same as whole parses, and edits above a syntax error are incremental
// (those in the top-level entry that holds the error, or the one before it, are not: recovery
// starts reading at the top-level key before the lines it tries to skip).
TEST(YamlIncremental, RandomEditsOfBrokenSpecsBuildTheSameTreesAsWholeParses) {
  const std::string insertions[] = {"x", " ", "\n", "  ", "- a\n", "k: v\n", "    k: v\n", "#", ":", "'", "[", "\t", "\"", "{"};
  std::mt19937 random(20261207);
  std::size_t aboveAnError = 0, splicedAboveAnError = 0;
  for (const auto& path : testing::realSpecs()) {
    std::shared_ptr<const Document> doc = parse(testing::readFile(path));
    for (int i = 0; i < 200; ++i) {
      std::string text = doc->text();
      const std::size_t at = random() % (text.size() + 1);
      const std::size_t remove = random() % 3 == 0 ? std::min<std::size_t>(text.size() - at, random() % 4) : 0;
      text.replace(at, remove, remove && random() % 2 ? std::string() : insertions[random() % std::size(insertions)]);
      const std::string context = doc->text().substr(at > 400 ? at - 400 : 0, 800);
      const bool above = !doc->errors().empty() && at + remove < doc->errors().front().range.begin;
      const std::string whole = dump(*parse(text));
      std::shared_ptr<const Document> next = parse(text, i % 2 ? std::move(doc) : doc);
      ASSERT_EQ(dump(*next), whole) << path.filename().string() << ": edit " << i << " at " << at << " in\n" << context;
      aboveAnError += above;
      splicedAboveAnError += above && next->spliced();
      doc = std::move(next);
    }
  }
  EXPECT_GT(splicedAboveAnError, 0u) << splicedAboveAnError << " of " << aboveAnError << " edits above an error were incremental";
}

// Each edit taken over leaves the replaced entry's nodes in the store. Once they are as many as the
// nodes the tree reaches, the next edit copies the tree instead (leaving them behind), and the one
// after takes the compact copy over again.
TEST(YamlIncremental, ReplacedEntriesLeftInTheStoreAreDroppedByACopy) {
  std::string text = "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\ni: 9\nj: 10\n";
  std::shared_ptr<const Document> doc = parse(text);
  std::vector<bool> inPlace;
  for (int i = 0; i < 20; ++i) {
    text.insert(3, "1");
    const std::string whole = dump(*parse(text));
    doc = parse(text, std::move(doc));
    ASSERT_TRUE(doc->spliced());
    ASSERT_EQ(dump(*doc), whole);
    inPlace.push_back(doc->updatedInPlace());
  }
  EXPECT_TRUE(inPlace.front());
  const auto copy = std::find(inPlace.begin(), inPlace.end(), false);
  ASSERT_NE(copy, inPlace.end()) << "no edit copied the tree: replaced entries pile up";
  ASSERT_NE(copy + 1, inPlace.end());
  EXPECT_TRUE(*(copy + 1));
}

// Versions that were once spliced into trees unlike their whole parses (found by random edits of
// generated documents, below): each must now parse the same either way.
TEST(YamlIncremental, EditsOnceSplicedWrongBuildTheSameTreesAsWholeParses) {
  const struct {
    const char* why;
    const char* before;
    const char* after;
  } cases[] = {
      // The error at the end of the text is the last entry's own (its `-` never got content).
      {"an error at the end of the last entry", "k:\n-\n       \n", "k:\n    -\n       \n"},
      // A block mapping whose key is a flow sequence was taken for a flow mapping, and its end
      // read from libfyaml's end mark, which lies on the next line in place.
      {"a flow sequence as a block mapping's key", "  k0: !tag x\n  k1: \n    [a, b]\n  k2: 0o755\n",
       "  k0: !tag x\n  k1: \n    [a, b]: \n  k2: 0o755\n"},
      // The empty item of `- -` sits where the outer `-` ended, so the outer dash was taken for
      // its own, and the entry was re-read one sequence too deep.
      {"an empty item of a sequence in a sequence", " \n- -   \n- k2: v\n", " \n- -   k: v\n \n- k2: v\n"},
  };
  for (const auto& c : cases) {
    auto before = parse(c.before);
    EXPECT_EQ(dump(*parse(c.after, before)), dump(*parse(c.after))) << c.why;
  }
}

// Documents made of the lines specs are made of and the ones that break them (block scalars,
// flow collections, explicit keys, tags, tabs, unclosed quotes and brackets, document markers),
// indented as a walk, each edited three times in a row by what authors type, every version
// compared with a whole parse. The real specs' edits above keep to the shapes specs have; these
// reach the corners between them.
TEST(YamlIncremental, RandomEditsOfGeneratedDocumentsBuildTheSameTreesAsWholeParses) {
  const std::string lineKinds[] = {"k: v", "k: v", "k: v", "k:", "k:", "- x", "- k: v", "k: v", "k:", "k:", "- x",
                                   "- k: v", "k: |", "k: >-", "k: |+", "  text", "k: [a, b]", "k: {a: 1}", "k: \"q\"",
                                   "k: 'q'", "# c", "", " ", "k: plain", "  more", "? k", ": v", "- - x", "k: !tag x",
                                   "k: \"open", "k: [open", "\tk: v", "k: v # c", "k: 0o755", "k: ${X}", "---", "...",
                                   "k: >", "k: |2", "-", "k: - x"};
  const std::string typed[] = {"x", " ", "\n", "  ", "- ", ": ", "#", "'", "\"", "[", "]", "{", "}", "|", ">",
                               "\t", "\n  ", "\n    ", "k: v\n", "  k: v\n", "-", "?", ",", "\xc2\xa0", "\r\n"};
  std::mt19937 random(20261207);
  std::size_t spliced = 0, splicedWithErrors = 0;
  for (int document = 0; document < 5000; ++document) {
    std::string text;
    std::size_t indent = 0;
    for (int line = 0, lines = 3 + static_cast<int>(random() % 12); line < lines; ++line) {
      const auto step = random() % 6;
      indent = step == 0 ? 0 : step == 1 ? indent + 2 : step == 2 && indent >= 2 ? indent - 2 : indent;
      std::string kind = lineKinds[random() % std::size(lineKinds)];
      // Keys of their own (a duplicate key keeps a tree from being spliced at all).
      for (std::size_t k = kind.find('k'); k != std::string::npos; k = kind.find('k', k + 2)) kind.insert(k + 1, std::to_string(line));
      text += std::string(indent, ' ') + kind + "\n";
    }
    std::shared_ptr<const Document> doc = parse(text);
    for (int edit = 0; edit < 3; ++edit) {
      std::string next = doc->text();
      const std::size_t at = random() % (next.size() + 1);
      const std::size_t removed = random() % 3 == 0 ? std::min<std::size_t>(next.size() - at, random() % 4) : 0;
      next.replace(at, removed, typed[random() % std::size(typed)]);
      const bool hadErrors = !doc->errors().empty();
      const std::string before = doc->text();
      std::shared_ptr<const Document> edited = parse(next, random() % 2 ? std::move(doc) : doc);
      ASSERT_EQ(dump(*edited), dump(*parse(next))) << "from\n" << before << "\nto\n" << next;
      spliced += edited->spliced();
      splicedWithErrors += edited->spliced() && hadErrors;
      doc = std::move(edited);
    }
  }
  // Enough of them took the incremental path, broken versions too, for the comparison to say something.
  EXPECT_GT(spliced, 300u);
  EXPECT_GT(splicedWithErrors, 60u);
}

}  // namespace
}  // namespace dalec::yaml
