#pragma once
// fixtures/hello-config.dalec.yml and the graph Dalec emits for its one test, for the tests that
// solve it on the real buildkitd.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "buildkit/address.h"
#include "dalec_shaped_graph.h"

namespace dalec::testing {

std::string helloConfigPath();
std::string helloConfigSpec();
// BUILDKIT_HOST, as with-buildkitd.sh sets it; throws when the test runs outside it.
buildkit::DaemonAddress daemonAddress();
// The test's checks with the contents check expecting `expectedContent`; the container holds
// /etc/hello.conf = "greeting=hi", mode 0644.
FixtureTest helloConfigTest(const std::string& specText, const std::string& expectedContent);

// The test-run diagnostics (code test-failed) of a publishDiagnostics notification.
std::vector<nlohmann::json> testFailures(const nlohmann::json& publish);
// The didChange params of the author's fix: `greeting=hello` on line 27 becomes `greeting=hi`.
nlohmann::json fixTheCheckEdit(const std::string& uri, int version);

}  // namespace dalec::testing
