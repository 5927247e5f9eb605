// Text on which libfyaml 0.7.12 (Debian 12's) recycles a simple key twice: a ':' inside a pending
// complex key, then blanks with a tab, then a block indicator. Without the guard in
// simple_key_recycle.cpp each of these crashed the process when its parser was destroyed (fuzzing
// found `? s:<tab>-`); with it, each is a syntax error at the tab, and under ASan nothing is freed
// twice or leaked.
#include <gtest/gtest.h>
#include <libfyaml.h>

#include <string>

#include "yaml/error_recovery.h"
#include "yaml/simple_key_recycle.h"

namespace dalec::yaml {
namespace {

TEST(YamlSimpleKeyRecycle, ATabAfterAColonInAComplexKeyIsAnErrorAtTheTabNotACrash) {
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

// The guard acts only where the defect is, and libfyaml really calls it: if a libfyaml build
// stopped calling through its PLT, the crash would be back, and this says why.
TEST(YamlSimpleKeyRecycle, TheGuardCatchesOnlyTheSecondRecycleOfTheDefectiveLibrary) {
  const std::string version = fy_library_version();
  ASSERT_EQ(libraryRecyclesSimpleKeysTwice(), version.rfind("0.7.", 0) == 0) << "libfyaml " << version;
  const std::size_t before = secondRecyclesCaught();
  (void)parse("name: x\nversion: [1\n");  // another error
  (void)parse("- a\n-\t- b\n");             // the same message after a '-': that path recycles once
  (void)parse("? a\n: b\nc: d\n");          // complex keys without the mistake
  EXPECT_EQ(secondRecyclesCaught(), before);
  (void)parse("? s:\t-\n");
  EXPECT_EQ(secondRecyclesCaught(), before + (libraryRecyclesSimpleKeysTwice() ? 1u : 0u)) << "libfyaml " << version;
}

}  // namespace
}  // namespace dalec::yaml
