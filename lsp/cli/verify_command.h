#pragma once
// dalec-lsp verify: asks the spec's own frontend, on a BuildKit daemon, whether it accepts each
// spec (Dalec's resolve subrequest: the spec is loaded and validated as a build would, nothing is
// built), and prints its verdict in the checker's format.
#include <ostream>
#include <string>
#include <vector>

namespace dalec::lsp {

int verifyMain(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace dalec::lsp
