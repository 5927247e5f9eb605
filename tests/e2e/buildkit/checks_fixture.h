#pragma once
// fixtures/checks.dalec.yml, the spec the real-Dalec tests build and test, and what those tests
// share: the daemon's address and reading test-run diagnostics.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "buildkit/routes/address.h"

namespace dalec::testing {

// A package whose five tests each use one kind of check, all passing.
std::string checksSpecPath();
std::string checksSpec();
// BUILDKIT_HOST, as with-buildkitd.sh sets it; throws when the test runs outside it.
buildkit::DaemonAddress daemonAddress();
// The test-run diagnostics (code test-failed) of a publishDiagnostics notification.
std::vector<nlohmann::json> testFailures(const nlohmann::json& publish);

}  // namespace dalec::testing
