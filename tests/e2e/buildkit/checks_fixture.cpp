#include "checks_fixture.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace dalec::testing {

std::string checksSpecPath() { return std::string(DALEC_BUILDKIT_FIXTURES) + "/checks.dalec.yml"; }

std::string checksSpec() {
  std::ifstream in(checksSpecPath(), std::ios::binary);
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

std::vector<nlohmann::json> testFailures(const nlohmann::json& publish) {
  std::vector<nlohmann::json> out;
  for (const nlohmann::json& d : publish["params"]["diagnostics"])
    if (d.value("code", "") == "test-failed") out.push_back(d);
  return out;
}

}  // namespace dalec::testing
