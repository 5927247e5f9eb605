#include <gtest/gtest.h>

#include "spec/spec_detection.h"
#include "server/document_store.h"
#include "yaml/node.h"

namespace dalec::lsp {
namespace {

TextDocumentContentChangeEvent edit(int l1, int c1, int l2, int c2, std::string text) {
  return {Range{{l1, c1}, {l2, c2}}, std::move(text)};
}

TEST(DocumentStore, AppliesIncrementalEditsInUtf16Units) {
  DocumentStore store;
  store.open({"file:///a.yml", "yaml", 1, "name: 😀x\nversion: 1\n"});
  // '😀' is two UTF-16 units: character 8 is right after it.
  ASSERT_TRUE(store.change({"file:///a.yml", 2}, {edit(0, 8, 0, 9, "y"), edit(1, 9, 1, 10, "2")}));
  EXPECT_EQ(store.find("file:///a.yml")->text, "name: 😀y\nversion: 2\n");
  EXPECT_EQ(store.find("file:///a.yml")->version, 2);
}

TEST(DocumentStore, FullReplacementAndClamping) {
  DocumentStore store;
  store.open({"file:///a.yml", "yaml", 1, "abc"});
  ASSERT_TRUE(store.change({"file:///a.yml", 2}, {TextDocumentContentChangeEvent{std::nullopt, "new\ntext"}}));
  ASSERT_TRUE(store.change({"file:///a.yml", 3}, {edit(1, 2, 9, 9, "!")}));
  EXPECT_EQ(store.find("file:///a.yml")->text, "new\nte!");
  EXPECT_FALSE(store.change({"file:///a.yml", 4}, {edit(1, 3, 0, 0, "x")}));  // end before start
  EXPECT_EQ(store.find("file:///a.yml")->text, "new\nte!");
  EXPECT_FALSE(store.change({"file:///missing.yml", 1}, {}));
}

TEST(DocumentStore, AnalysesEachVersionOnce) {
  DocumentStore store;
  store.open({"file:///a.dalec.yml", "yaml", 1, "name: x\n"});
  auto first = store.analysisOf("file:///a.dalec.yml");
  EXPECT_EQ(first, store.analysisOf("file:///a.dalec.yml"));
  ASSERT_TRUE(store.change({"file:///a.dalec.yml", 2}, {edit(0, 6, 0, 7, "y")}));
  auto second = store.analysisOf("file:///a.dalec.yml");
  EXPECT_NE(first, second);
  EXPECT_EQ(second->version, 2);
}

// An edit takes the previous version's tree over when nothing else holds it (no two trees at once),
// and copies it when something does: a test run still placing failures on the old text, here.
TEST(DocumentStore, AnEditTakesTheOldTreeOverUnlessSomethingStillHoldsIt) {
  const std::string uri = "file:///a.dalec.yml";
  DocumentStore store;
  store.open({uri, "yaml", 1, "name: x\nversion: 1\nbuild:\n  steps:\n    - command: make\n"});
  (void)store.analysisOf(uri);
  ASSERT_TRUE(store.change({uri, 2}, {edit(4, 19, 4, 19, " all")}));
  auto second = store.analysisOf(uri);
  ASSERT_TRUE(second->model);
  EXPECT_TRUE(second->model->document->spliced());
  EXPECT_TRUE(second->model->document->updatedInPlace());
  EXPECT_EQ(second->model->document->text(), "name: x\nversion: 1\nbuild:\n  steps:\n    - command: make all\n");

  const std::shared_ptr<const spec::SpecModel> heldByATestRun = second->model;
  second.reset();
  ASSERT_TRUE(store.change({uri, 3}, {edit(4, 23, 4, 23, "!")}));
  auto third = store.analysisOf(uri);
  EXPECT_TRUE(third->model->document->spliced());
  EXPECT_FALSE(third->model->document->updatedInPlace());
  // The held version is intact: its text and its tree still agree.
  EXPECT_EQ(heldByATestRun->document->text(), "name: x\nversion: 1\nbuild:\n  steps:\n    - command: make all\n");
  const yaml::Node* command = heldByATestRun->document->nodeAt(heldByATestRun->document->text().find("make all"));
  ASSERT_NE(command, nullptr);
  EXPECT_EQ(command->value, "make all");
  EXPECT_EQ(heldByATestRun->document->slice(command->range), "make all");
}

TEST(SpecDetection, BySyntaxLineLanguageOrName) {
  using spec::isDalecSpec;
  EXPECT_TRUE(isDalecSpec("file:///x.yml", "yaml", "# syntax=ghcr.io/project-dalec/dalec/frontend:latest\nname: x\n"));
  EXPECT_TRUE(isDalecSpec("file:///x.yml", "yaml", "\n\n#syntax = ghcr.io/azure/dalec/frontend:0.9\n"));
  EXPECT_FALSE(isDalecSpec("file:///x.yml", "yaml", "# syntax=docker/dockerfile:1\n"));
  EXPECT_FALSE(isDalecSpec("file:///compose.yml", "yaml", "services: {}\n"));
  EXPECT_TRUE(isDalecSpec("file:///x.yml", "dalec", ""));
  EXPECT_TRUE(isDalecSpec("file:///pkg.dalec.yaml", "yaml", ""));
}

}  // namespace
}  // namespace dalec::lsp
