#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "annotated_text.h"
#include "spec/cursor_context.h"

namespace dalec::spec {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;
using dalec::testing::AnnotatedText;

CursorContext at(const std::string& annotated, AnnotatedText* out = nullptr) {
  AnnotatedText t(annotated);
  if (out) *out = t;
  return cursorContext(t.text(), t.point("c"));
}

TEST(CursorContext, HalfTypedKeyInsideATestListItem) {
  AnnotatedText t("");
  auto c = at("name: x\ntests:\n  - name: t\n    fi$c^\n    steps: []\n", &t);
  EXPECT_EQ(c.kind, CursorContext::Kind::Key);
  EXPECT_THAT(c.path, ElementsAre("tests", "-"));
  ASSERT_NE(c.type, nullptr);
  EXPECT_EQ(c.type->id, "TestSpec");
  EXPECT_EQ(c.prefix, "fi");
  EXPECT_THAT(c.siblingKeys, UnorderedElementsAre("name", "steps"));
}

TEST(CursorContext, SequenceAtTheParentsColumn) {
  auto c = at("build:\n  steps:\n  - command: make\n    $c^\n");
  EXPECT_THAT(c.path, ElementsAre("build", "steps", "-"));
  EXPECT_EQ(c.type->id, "BuildStep");
  EXPECT_THAT(c.siblingKeys, ElementsAre("command"));
}

TEST(CursorContext, NewListItem) {
  auto c = at("tests:\n  - name: a\n  - $c^\n");
  EXPECT_EQ(c.kind, CursorContext::Kind::Key);
  EXPECT_THAT(c.path, ElementsAre("tests", "-"));
  EXPECT_EQ(c.type->id, "TestSpec");
  EXPECT_TRUE(c.siblingKeys.empty());
}

TEST(CursorContext, MapKeysLeadToTheElementType) {
  auto c = at("sources:\n  src:\n    git:\n      url: u\n      co$c^\n");
  EXPECT_THAT(c.path, ElementsAre("sources", "src", "git"));
  EXPECT_EQ(c.type->id, "SourceGit");
  EXPECT_THAT(c.siblingKeys, ElementsAre("url"));
  auto targets = at("targets:\n  $c^\n");
  EXPECT_EQ(targets.type->id, "map:Target");
}

TEST(CursorContext, TopLevel) {
  auto c = at("name: x\nver$c^\n");
  EXPECT_TRUE(c.path.empty());
  EXPECT_EQ(c.type->id, "Spec");
  EXPECT_EQ(c.prefix, "ver");
  EXPECT_THAT(c.siblingKeys, ElementsAre("name"));
}

TEST(CursorContext, ValueOfAField) {
  AnnotatedText t("");
  auto c = at("build:\n  network_mode: sa$c^\n", &t);
  EXPECT_EQ(c.kind, CursorContext::Kind::Value);
  ASSERT_NE(c.field, nullptr);
  EXPECT_EQ(c.field->name, "network_mode");
  EXPECT_EQ(c.prefix, "sa");
  auto patch = at("patches:\n  src:\n    - source: $c^\n");
  EXPECT_EQ(patch.field->name, "source");
  EXPECT_THAT(patch.path, ElementsAre("patches", "src", "-", "source"));
}

TEST(CursorContext, ArgReference) {
  AnnotatedText t("");
  auto c = at("version: ${VER$c^SION}\n", &t);
  EXPECT_EQ(c.kind, CursorContext::Kind::ArgReference);
  EXPECT_EQ(c.prefix, "VER");
  EXPECT_EQ(t.text().substr(c.replace.begin, c.replace.end - c.replace.begin), "VERSION");
}

}  // namespace
}  // namespace dalec::spec
