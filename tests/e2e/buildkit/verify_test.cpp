// `dalec-lsp verify` against Dalec's real frontend on the suite's buildkitd: the frontend's own
// verdict on a spec (its resolve subrequest), printed like the checker prints problems.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "child_process.h"
#include "checks_fixture.h"
#include "spec_fixtures.h"

namespace dalec::testing {
namespace {

class VerifyOnRealDalec : public ::testing::Test {
 protected:
  void SetUp() override { std::filesystem::create_directories(dir); }
  void TearDown() override { std::filesystem::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) {
    const std::string path = dir + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  RunResult verify(std::vector<std::string> args) {
    args.insert(args.begin(), {lspBinary(), "verify", "--addr", daemonAddress().address});
    return runToCompletion(args, std::chrono::seconds(60));
  }
  const std::string dir = ::testing::TempDir() + "dalec-verify-" + std::to_string(::getpid());
};

TEST_F(VerifyOnRealDalec, AcceptsAValidSpecAndPlacesWhatItRejects) {
  std::string misspelled = checksSpec();
  misspelled.replace(misspelled.find("        contents: greeting=hi"), 29, "        content: greeting=hi");
  const std::string good = write("good.dalec.yml", checksSpec()), bad = write("bad.dalec.yml", misspelled);
  auto result = verify({good, bad});
  EXPECT_EQ(result.exitCode, 1) << result.err;
  EXPECT_EQ(result.out, good + ": accepted by ghcr.io/project-dalec/dalec/frontend:latest\n" + bad +
                            ":14:9: error: error loading spec: error unmarshalling spec: error unmarshalling to spec: failed "
                            "to decode source: failed to decode inline file: [14:9] unknown field \"content\" [frontend]\n");

  auto json = verify({"--format", "json", bad});
  EXPECT_EQ(json.exitCode, 1);
  const auto report = nlohmann::json::parse(json.out);
  ASSERT_EQ(report.size(), 1u);
  EXPECT_EQ(report[0]["verdict"], "rejected");
  EXPECT_EQ(report[0]["line"], 14);
  EXPECT_EQ(report[0]["column"], 9);
}

TEST_F(VerifyOnRealDalec, DalecsLineNumbersAreMappedBackPastLeadingBlankLines) {
  // Dalec trims the spec before parsing, so its line 1 is the file's first non-blank line.
  std::string text = checksSpec();
  text.replace(text.find("  hello:\n"), 9, "  hello:\n    bogus: 1\n");
  const std::string path = write("leading.dalec.yml", "\n\n" + text);
  auto result = verify({"--format", "json", path});
  const auto report = nlohmann::json::parse(result.out);
  ASSERT_EQ(report.size(), 1u) << result.out << result.err;
  EXPECT_EQ(report[0]["verdict"], "rejected");
  EXPECT_EQ(report[0]["line"], 18);  // `    bogus: 1` is the file's line 18, Dalec's line 16
  EXPECT_EQ(report[0]["column"], 5);
}

TEST_F(VerifyOnRealDalec, NoVerdictWhenTheFrontendCannotBePulled) {
  const std::string good = write("good.dalec.yml", checksSpec());
  auto result = verify({"--frontend", "ghcr.io/project-dalec/dalec/frontend:no-such-tag", good});
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find(good + ": error: no verdict from the frontend: failed to resolve source metadata for "
                                   "ghcr.io/project-dalec/dalec/frontend:no-such-tag"),
            std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace dalec::testing
