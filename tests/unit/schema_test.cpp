// Our schema against Dalec's published one: same types, same keys. This fails when Dalec adds a
// field to its schema that we do not know yet (refresh ../shared/reference/spec.schema.json).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "schema/schema.h"
#include "schema/spelling.h"
#include "spec_fixtures.h"

namespace dalec::schema {
namespace {

TEST(Schema, KnowsEveryKeyOfDalecsPublishedSchema) {
  const auto path = testing::referenceDir() / "spec.schema.json";
  ASSERT_TRUE(std::filesystem::exists(path)) << "reference schema missing at " << path;
  const auto published = nlohmann::json::parse(testing::readFile(path));
  int checked = 0;
  for (const auto& [name, def] : published["$defs"].items()) {
    if (!def.contains("properties")) continue;
    const TypeDef* ours = typeById(name);
    ASSERT_NE(ours, nullptr) << "no type for " << name;
    for (const auto& [key, property] : def["properties"].items()) {
      EXPECT_NE(ours->field(key), nullptr) << name << "." << key << " is in Dalec's schema but not in ours";
      ++checked;
    }
    for (const FieldDef& field : ours->fields)
      EXPECT_TRUE(def["properties"].contains(field.name)) << name << "." << field.name << " is not in Dalec's schema";
  }
  EXPECT_GT(checked, 200);
}

TEST(Schema, EnumsMatchDalecs) {
  EXPECT_EQ(specType().field("build")->type->field("network_mode")->type->enumValues,
            (std::vector<std::string>{"none", "sandbox"}));
  EXPECT_EQ(typeById("CacheDir")->field("sharing")->type->enumValues,
            (std::vector<std::string>{"shared", "locked", "private"}));
}

TEST(Spelling, SuggestsCloseNamesOnly) {
  EXPECT_EQ(closestMatch("nmae", {"name", "steps"}), "name");
  EXPECT_EQ(closestMatch("VERSON", {"VERSION", "REVISION"}), "VERSION");
  EXPECT_FALSE(closestMatch("zzz", {"name", "steps"}));
  EXPECT_FALSE(closestMatch("a", {"b"}));
  // Length alone rules a candidate out; a long key is never compared letter by letter with it.
  EXPECT_FALSE(closestMatch(std::string(5000, 'n'), {"name"}));
  EXPECT_EQ(closestMatch("dependencies", {"depends", "dependecies"}), "dependecies");
}

TEST(Spelling, EditDistanceCountsATranspositionAsOneEdit) {
  EXPECT_EQ(editDistance("", ""), 0u);
  EXPECT_EQ(editDistance("", "abc"), 3u);
  EXPECT_EQ(editDistance("abc", ""), 3u);
  EXPECT_EQ(editDistance("name", "nmae"), 1u);
  EXPECT_EQ(editDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(editDistance("ca", "abc"), 3u);  // optimal string alignment, not full Damerau
  EXPECT_EQ(editDistance("build", "biuld"), 1u);
}

// The limited distance stops early; it must agree with the full one wherever it is within the
// limit and exceed the limit wherever the full one does: every pair of words of up to four
// letters from {a, b, c} (repeats, transpositions, insertions of every kind), every limit to 5.
TEST(Spelling, EditDistanceWithALimitAgreesWithTheFullDistance) {
  std::vector<std::string> words{""};
  for (std::size_t from = 0; from < words.size(); ++from)
    if (words[from].size() < 4)
      for (char c : {'a', 'b', 'c'}) words.push_back(words[from] + c);
  ASSERT_EQ(words.size(), 121u);
  for (const std::string& a : words)
    for (const std::string& b : words) {
      const std::size_t full = editDistance(a, b);
      for (std::size_t limit = 0; limit <= 5; ++limit) {
        const std::size_t limited = editDistance(a, b, limit);
        if (full <= limit) ASSERT_EQ(limited, full) << a << " / " << b << " limit " << limit;
        else ASSERT_GT(limited, limit) << a << " / " << b << " limit " << limit;
      }
    }
}

}  // namespace
}  // namespace dalec::schema
