// Dalec's own valid specs must come out clean: no errors and no warnings.
#include <gtest/gtest.h>

#include "spec_fixtures.h"
#include "text/line_index.h"

namespace dalec {
namespace {

TEST(RealSpecs, DalecsOwnSpecsHaveNoErrorsOrWarnings) {
  const auto specs = testing::realSpecs();
  ASSERT_GE(specs.size(), 7u) << "expected Dalec's specs under " << testing::referenceDir() / "specs";
  for (const auto& path : specs) {
    auto result = testing::analyseText(testing::readFile(path));
    for (const auto& d : result.diagnostics) {
      if (d.severity == analysis::Severity::Hint) continue;
      const auto at = result.model->document->lines().toRune(d.range.begin);
      ADD_FAILURE() << path.filename().string() << ":" << at.line << ":" << at.column << ": " << d.code << ": "
                    << d.message;
    }
  }
}

TEST(RealSpecs, ModelOfMobyRuncFollowsAnchorsAndMerges) {
  auto result = testing::analyseText(testing::readFile(testing::referenceDir() / "specs/fixture-moby-runc.yml"));
  const auto& model = *result.model;
  EXPECT_EQ(model.argNames(), (std::vector<std::string>{"RUNC_COMMIT", "REVISION", "VERSION", "DALEC_TARGET"}));
  ASSERT_EQ(model.sources.size(), 1u);
  EXPECT_EQ(model.sources[0].kind, spec::SourceKind::Git);
  // Two root tests plus the one merged into azlinux3 from the x-azl anchor.
  ASSERT_EQ(model.tests.size(), 3u);
  EXPECT_EQ(model.tests[2].targetKey, "azlinux3");
  EXPECT_EQ(model.tests[2].files.size(), 4u);
  // Every ${...} Dalec expands resolves to a declared arg.
  int expanded = 0;
  for (const auto& ref : model.argRefs) {
    if (!ref.expandedByDalec) continue;
    ++expanded;
    EXPECT_NE(model.findArg(ref.name), nullptr) << ref.name;
  }
  EXPECT_EQ(expanded, 5);  // version, revision, commit, DALEC_TARGET in build.env, starts_with
}

TEST(RealSpecs, SourcemapFixturesParseWithoutErrors) {
  // Dalec's source-map test specs fail at build time, not at load time.
  for (const char* name : {"test-fixtures-sourcemap-test-bad-test.yml", "test-fixtures-sourcemap-test-bad-buildstep.yml",
                           "test-fixtures-sourcemap-test-bad-sources.yml", "test-fixtures-sourcemap-test-bad-builddep.yml"}) {
    auto result = testing::analyseText(testing::readFile(testing::referenceDir() / "specs-history" / name));
    for (const auto& d : result.diagnostics)
      EXPECT_NE(d.severity, analysis::Severity::Error) << name << ": " << d.message;
  }
}

}  // namespace
}  // namespace dalec
