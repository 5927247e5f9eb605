#pragma once
// The command-line options every command that reaches Dalec's frontend on BuildKit takes:
// --addr, --builder, --tlscacert, --tlscert, --tlskey, --tlsservername (buildctl's names),
// --frontend, --build-arg, --build-context, --context.
#include <string>
#include <vector>

#include "buildkit/routes/daemon_routes.h"
#include "frontend/frontend_request.h"

namespace dalec::lsp {

struct FrontendArgs {
  buildkit::ConnectionSettings buildkit;
  frontend::FrontendOptions options;
};

enum class ArgParse { NotMine, Taken, Bad };

// Reads args[i] (and its value, advancing i) when it is one of the options above; on Bad, `error`
// says what is wrong with it.
ArgParse parseFrontendArg(const std::vector<std::string>& args, std::size_t& i, FrontendArgs& into, std::string& error);

// The usage lines for those options.
extern const char* const kFrontendArgsUsage;

}  // namespace dalec::lsp
