#pragma once
// fixtures/hello-config.dalec.yml and the graph Dalec emits for its one test, for the tests that
// solve it on the real buildkitd.
#include <string>

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

}  // namespace dalec::testing
