// Text that libfyaml 0.7.12 (Debian 12's) parses correctly but cannot then free: a ':' inside a
// pending complex key, then blanks with a tab, then a block indicator. Before parser_release.cpp
// each of these crashed the process when the parser was destroyed (fuzzing found `? s:<tab>-`);
// now each is a syntax error at the tab.
#include <gtest/gtest.h>
#include <libfyaml.h>

#include <string>

#include "yaml/error_recovery.h"
#include "yaml/parser_release.h"

namespace dalec::yaml {
namespace {

TEST(YamlParserRelease, ATabAfterAColonInAComplexKeyIsAnErrorAtTheTabNotACrash) {
  std::size_t cases = 0;
  for (const std::string key : {"s", "?", ":", "-", "s "}) {
    for (const std::string blanks : {"\t", " \t", "\t "}) {
      for (const std::string indicator : {"-", "?", ":", "|", ">", "- x"}) {
        for (const std::string before : {"", "name: x\n", "tests:\n  "}) {
          const std::string text = before + "? " + key + ":" + blanks + indicator + "\n";
          const auto doc = parse(text);
          ASSERT_FALSE(doc->errors().empty()) << text;
          const SyntaxError& error = doc->errors().front();
          const std::size_t tab = text.find('\t');
          EXPECT_EQ(error.message, "cannot use tab for indentation of block entry") << text;
          EXPECT_EQ(error.range, (ByteRange{tab, tab + 1})) << text;
          ++cases;
        }
      }
    }
  }
  EXPECT_EQ(cases, 270u);
}

TEST(YamlParserRelease, OnlyTheDefectiveLibraryKeepsParsersAndOnlyForThatError) {
  const std::string version = fy_library_version();
  const std::size_t before = keptParsers();
  (void)parse("name: x\nversion: [1\n");  // another error: destroyed as usual
  (void)parse("- a\n-\t- b\n");             // the same message after a '-': that path recycles once
  EXPECT_EQ(keptParsers(), before);
  (void)parse("? s:\t-\n");
  EXPECT_EQ(keptParsers(), before + (version.rfind("0.7.", 0) == 0 ? 1u : 0u)) << "libfyaml " << version;
}

}  // namespace
}  // namespace dalec::yaml
