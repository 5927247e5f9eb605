// Error recovery's probes: the fast ones, which read from the top-level key before the change to
// the one after it, must give exactly the trees and errors of probes that read the whole text.
#include <gtest/gtest.h>

#include "spec_fixtures.h"
#include "yaml/error_recovery.h"
#include "yaml_tree_dump.h"

namespace dalec::yaml {
namespace {

using testing::dumpYamlTree;

// The mistakes that break YAML, made on one line: each gives recovery a different cause to find.
const std::vector<std::pair<const char*, std::string (*)(const std::string&)>> kLineMistakes = {
    {"tab indent", [](const std::string& line) { return "\t" + line; }},
    {"one space more", [](const std::string& line) { return " " + line; }},
    {"unclosed bracket", [](const std::string& line) { return line + " [a"; }},
    {"unclosed quote", [](const std::string& line) {
       const auto colon = line.find(": ");
       return colon == std::string::npos ? line + " \"" : line.substr(0, colon + 2) + "\"" + line.substr(colon + 2);
     }},
    {"second value", [](const std::string& line) { return line + ": x: y"; }},
};

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) lines.push_back(text.substr(start, end - start));
  lines.push_back(text.substr(start));
  return lines;
}

std::string joinLines(const std::vector<std::string>& lines) {
  std::string text;
  for (std::size_t i = 0; i < lines.size(); ++i) text += (i ? "\n" : "") + lines[i];
  return text;
}

TEST(YamlRecovery, ProbesFromRestartPointsMatchProbesOfTheWholeText) {
  std::vector<std::filesystem::path> specs = testing::realSpecs();
  specs.push_back(testing::examplesDir() / "mistakes" / "common-mistakes.yml");
  std::size_t broken = 0, severalErrors = 0, bytesWhole = 0, bytesRestarting = 0;
  for (const auto& path : specs) {
    const std::vector<std::string> lines = splitLines(testing::readFile(path));
    for (std::size_t line = 0; line < lines.size(); line += 2) {  // every other line keeps the ASan run short
      for (std::size_t kind = 0; kind < kLineMistakes.size(); ++kind) {
        // One mistake here, and for every third line a second one further down (errors in two entries).
        std::vector<std::string> mutated = lines;
        mutated[line] = kLineMistakes[kind].second(mutated[line]);
        const std::size_t second = (line * 7 + kind * 5) % lines.size();
        if (line % 3 == 0 && second != line) mutated[second] = kLineMistakes[(kind + 2) % kLineMistakes.size()].second(mutated[second]);
        const std::string text = joinLines(mutated);
        const auto whole = parseWith(text, ProbeMode::WholeText);
        const auto restarting = parseWith(text, ProbeMode::FromRestartPoints);
        ASSERT_EQ(dumpYamlTree(*restarting), dumpYamlTree(*whole))
            << path.filename() << " line " << line + 1 << " " << kLineMistakes[kind].first << ":\n" << text;
        if (!whole->errors().empty()) ++broken;
        if (whole->errors().size() > 1) ++severalErrors;
        bytesWhole += whole->parsedBytes();
        bytesRestarting += restarting->parsedBytes();
      }
    }
  }
  // The comparison is of broken documents, many with several errors, and the probes did read less.
  EXPECT_GT(broken, 1000u);
  EXPECT_GT(severalErrors, 250u);
  EXPECT_LT(bytesRestarting * 10, bytesWhole * 8) << bytesRestarting << " bytes read against " << bytesWhole;
}

TEST(YamlRecovery, AKeyWhoseValueNeverCameEndsItsMapping) {
  // Recovery finds no line whose blanking lets the parse past the tab (one error, `x` never read):
  // the parse stops after `revision`, whose value is the empty one the stream never gave.
  const std::string text = "a: 1\nrevision: 1\n\n\ttargets:\n  x: 1\n";
  const auto doc = parse(text);
  ASSERT_EQ(doc->errors().size(), 1u);
  const Node* root = doc->root();
  ASSERT_TRUE(root && root->isMapping());
  ASSERT_EQ(root->pairs.size(), 2u);
  EXPECT_EQ(root->pairs[1].key->value, "revision");
  EXPECT_TRUE(root->pairs[1].value->isNull);
  EXPECT_EQ(root->pairs[1].value->parent, root);
  EXPECT_EQ(root->range.end, text.find("revision") + 8);
  // So the lookups from the root that go by ranges find the key (selection ranges, nodeAt).
  EXPECT_EQ(doc->nodeAt(text.find("revision") + 2), root->pairs[1].key);
}

TEST(YamlRecovery, ALoneCarriageReturnMovesNoError) {
  // libfyaml ends a line at a carriage return alone (a YAML line break); the editor does not.
  // Errors after one are where they are in the same text with a line feed instead.
  const std::string withLineFeed = "name: x\nversion: [1\nrevision: 2\nlicense: \"MIT\n";
  std::string withCarriageReturn = withLineFeed;
  withCarriageReturn[withLineFeed.find('\n')] = '\r';
  const auto expected = parse(withLineFeed);
  const auto actual = parse(withCarriageReturn);
  ASSERT_EQ(expected->errors().size(), 2u);
  ASSERT_EQ(actual->errors().size(), 2u);
  EXPECT_EQ(actual->errors()[1].range, expected->errors()[1].range);
  EXPECT_EQ(actual->errors()[1].message, "double-quoted scalar without closing quote");
  EXPECT_EQ(actual->errors()[1].range.begin, withLineFeed.find("MIT"));
  EXPECT_EQ(actual->errors()[0].range, expected->errors()[0].range);  // the bracket
}

TEST(YamlRecovery, AKeyLineThatStartsWithAByteOrderMarkIsNoRestartPoint) {
  // Within the text libfyaml reads the mark as part of the key (`\ufeff    b`, at column 0); a
  // probe starting at that line would drop it and read `b` indented. Found by spec_recovery.
  for (const std::string text : {"a: 1\n\xef\xbb\xbf    b: 2\nc: [3\nd: 4\n", "a: 1\n\xef\xbb\xbf  b:\n  - 2\nc: 3\n d: 4\n"}) {
    const auto whole = parseWith(text, ProbeMode::WholeText);
    ASSERT_FALSE(whole->errors().empty()) << text;
    EXPECT_EQ(dumpYamlTree(*parseWith(text, ProbeMode::FromRestartPoints)), dumpYamlTree(*whole)) << text;
  }
}

}  // namespace
}  // namespace dalec::yaml
