#pragma once
// `dalec-lsp test FILE --target T [--addr A]`: runs the spec's tests on buildkitd and prints each
// failing check the way `check` prints diagnostics.
#include <iosfwd>
#include <string>
#include <vector>

namespace dalec::lsp {

// Exit status: 0 the tests passed, 1 a check failed, 2 usage error or the run could not be done.
int testMain(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace dalec::lsp
