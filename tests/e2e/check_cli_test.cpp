// `dalec-lsp check` as a terminal or CI runs it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "child_process.h"
#include "spec_fixtures.h"

namespace dalec::testing {
namespace {

std::filesystem::path writeTemp(const std::string& name, const std::string& text) {
  auto dir = std::filesystem::temp_directory_path() / ("dalec-check-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(CheckCli, CleanSpecsExitZeroAndPrintNothing) {
  std::vector<std::string> argv = {lspBinary(), "check"};
  for (const auto& path : realSpecs()) argv.push_back(path.string());
  auto result = runToCompletion(argv);
  EXPECT_EQ(result.exitCode, 0) << result.out << result.err;
  EXPECT_EQ(result.out, "");
}

TEST(CheckCli, ErrorsPrintLikeACompilerAndExitOne) {
  auto path = writeTemp("typo.yml", std::string(kSpecHeader) + "tests:\n  - name: t\n    fiels: {}\n");
  auto result = runToCompletion({lspBinary(), "check", path.string()});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.out, path.string() + ":11:5: error: unknown key \"fiels\" in a test; did you mean \"files\"? [unknown-key]\n");
}

TEST(CheckCli, JsonFormat) {
  auto path = writeTemp("typo2.yml", std::string(kSpecHeader) + "tests:\n  - name: t\n    fiels: {}\n");
  auto result = runToCompletion({lspBinary(), "check", "--format=json", path.string()});
  EXPECT_EQ(result.exitCode, 1);
  auto report = nlohmann::json::parse(result.out);
  ASSERT_EQ(report.size(), 1u);
  EXPECT_EQ(report[0]["file"], path.string());
  const auto& d = report[0]["diagnostics"][0];
  EXPECT_EQ(d["line"], 11);
  EXPECT_EQ(d["column"], 5);
  EXPECT_EQ(d["endLine"], 11);
  EXPECT_EQ(d["endColumn"], 10);
  EXPECT_EQ(d["code"], "unknown-key");
  EXPECT_EQ(d["severity"], "error");
}

TEST(CheckCli, WarningsAloneExitZero) {
  auto path = writeTemp("warn.yml", std::string(kSpecHeader) + "targets:\n  bookwrom: {}\n");
  auto result = runToCompletion({lspBinary(), "check", path.string()});
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_NE(result.out.find(":10:3: warning: \"bookwrom\" is not a Dalec target"), std::string::npos) << result.out;
}

TEST(CheckCli, UsageAndIoErrorsExitTwo) {
  auto missing = runToCompletion({lspBinary(), "check", "/nonexistent/spec.yml"});
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_EQ(missing.err, "/nonexistent/spec.yml: error: cannot open file\n");
  auto directory = runToCompletion({lspBinary(), "check", "/"});
  EXPECT_EQ(directory.exitCode, 2);
  EXPECT_EQ(runToCompletion({lspBinary(), "check"}).exitCode, 2);
  EXPECT_EQ(runToCompletion({lspBinary(), "check", "--format", "xml", "x.yml"}).exitCode, 2);
  EXPECT_EQ(runToCompletion({lspBinary(), "check", "--bogus"}).exitCode, 2);
  EXPECT_EQ(runToCompletion({lspBinary(), "bogus"}).exitCode, 2);
}

TEST(CheckCli, BinaryGarbageDoesNotCrash) {
  const char raw[] = "%\x8a\n\x00\xff\xfe: [{\n";
  std::string garbage(raw, sizeof raw - 1);
  garbage += std::string(1000, '[');
  auto path = writeTemp("garbage.yml", garbage);
  auto result = runToCompletion({lspBinary(), "check", path.string()});
  EXPECT_EQ(result.exitCode, 1) << result.err;
}

TEST(CheckCli, ATabAfterAColonInAComplexKeyIsAnErrorNotACrash) {
  // libfyaml 0.7.12 crashed freeing its parser after this text (yaml/simple_key_recycle.cpp).
  auto path = writeTemp("complex-key-tab.yml", std::string(kSpecHeader) + "? s:\t- x\n");
  auto result = runToCompletion({lspBinary(), "check", path.string()});
  EXPECT_EQ(result.exitCode, 1) << result.err;
  EXPECT_EQ(result.out, path.string() + ":9:5: error: cannot use tab for indentation of block entry [yaml-syntax]\n");
}

TEST(CheckCli, ANoBreakSpacePastedAfterAnAliasIsReportedOnIt) {
  // libfyaml 0.7.12 put this error as many characters later as the alias is long: on the next line.
  auto path = writeTemp("alias-nbsp.yml", std::string(kSpecHeader) +
                                              "x-steps: &steps\n  - command: make\nbuild:\n  steps: *steps\xc2\xa0\n");
  auto result = runToCompletion({lspBinary(), "check", path.string()});
  EXPECT_EQ(result.exitCode, 1) << result.err;
  EXPECT_EQ(result.out, path.string() + ":12:16: error: illegal unicode space character in alias [yaml-syntax]\n");
}

TEST(CheckCli, BundledExamplesAreClean) {
  std::vector<std::string> argv = {lspBinary(), "check"};
  for (const auto& entry : std::filesystem::directory_iterator(examplesDir()))
    if (entry.path().extension() == ".yml") argv.push_back(entry.path().string());
  ASSERT_GT(argv.size(), 2u);
  auto result = runToCompletion(argv);
  EXPECT_EQ(result.exitCode, 0) << result.out;
  EXPECT_EQ(result.out, "");
}

}  // namespace
}  // namespace dalec::testing
