#include "hello_config_fixture.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace dalec::testing {

std::string helloConfigPath() { return std::string(DALEC_BUILDKIT_FIXTURES) + "/hello-config.dalec.yml"; }

std::string helloConfigSpec() {
  std::ifstream in(helloConfigPath(), std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

buildkit::DaemonAddress daemonAddress() {
  const char* host = std::getenv("BUILDKIT_HOST");
  if (!host) throw std::runtime_error("BUILDKIT_HOST is not set: run this under tests/e2e/buildkit/with-buildkitd.sh");
  auto address = buildkit::parseDaemonAddress(host);
  if (!address.value) throw std::runtime_error(address.error);
  return *address.value;
}

// The checks of the fixture's one test, where Dalec puts them (1-based line, rune column):
//   line 25 `        permissions: 0644`    -> the value at column 22
//   line 27 `          - greeting=hello`   -> the list element at column 13
FixtureTest helloConfigTest(const std::string& specText, const std::string& expectedContent) {
  FixtureTest test;
  test.specFilename = "hello-config.dalec.yml";
  test.specText = specText;
  test.targetKey = "azlinux3";
  test.testName = "config is installed";
  test.containerFiles = {{"/etc/hello.conf", "greeting=hi", 0644}};
  test.checks = {
      {"check-file-perms", {"--no-follow-symlinks=false", "/etc/hello.conf", "644"}, {25, 22}},
      {"check-file-contains", {"/etc/hello.conf", expectedContent}, {27, 13}},
  };
  return test;
}

std::vector<nlohmann::json> testFailures(const nlohmann::json& publish) {
  std::vector<nlohmann::json> out;
  for (const nlohmann::json& d : publish["params"]["diagnostics"])
    if (d.value("code", "") == "test-failed") out.push_back(d);
  return out;
}

nlohmann::json fixTheCheckEdit(const std::string& uri, int version) {
  using nlohmann::json;
  const json range = {{"start", {{"line", 26}, {"character", 21}}}, {"end", {{"line", 26}, {"character", 26}}}};
  return {{"textDocument", {{"uri", uri}, {"version", version}}},
          {"contentChanges", json::array({{{"range", range}, {"text", "hi"}}})}};
}
}  // namespace dalec::testing
