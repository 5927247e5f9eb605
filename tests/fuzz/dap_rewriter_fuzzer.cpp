// Fuzzes the DAP rewriting in both directions for a real spec: the input is a JSON value used as
// a buildx message body (stack frames, a breakpoint event) and as an editor's breakpoint request,
// plus the test runner's failure line; the rewriter translates each between buildx's and the
// editor's terms.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "bridge/spec_rewriter.h"
#include "yaml/node.h"

namespace {
const dalec::dap::SpecRewriter& rewriter() {
  static const dalec::dap::SpecRewriter instance = [] {
    std::ifstream in(DALEC_FUZZ_SPEC);
    std::stringstream text;
    text << in.rdbuf();
    return dalec::dap::SpecRewriter(dalec::spec::buildModel(dalec::yaml::parse(text.str())), "azlinux3", "/w/spec.yml", "/w/spec.yml");
  }();
  return instance;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto& spec = rewriter();
  spec.failureText(input);
  nlohmann::json value = nlohmann::json::parse(input, nullptr, false);
  if (value.is_discarded()) return 0;
  nlohmann::json frames = value.is_object() && value.contains("stackFrames") ? value["stackFrames"] : value;
  spec.rewriteStackFrames(frames);
  nlohmann::json breakpoint = value.is_object() && value.contains("breakpoint") ? value["breakpoint"] : value;
  spec.rewriteBreakpoint(breakpoint);
  if (value.is_object() && value.contains("breakpoints") && value["breakpoints"].is_array()) {
    for (const auto& bp : value["breakpoints"]) {
      if (!bp.is_object() || !bp.contains("line") || !bp["line"].is_number_integer()) continue;
      std::optional<int> column;
      if (bp.contains("column") && bp["column"].is_number_integer()) column = bp["column"].get<int>();
      const auto binding = spec.bind(bp["line"].get<int>(), column);
      if (binding.verified) spec.editorColumn(binding.target);
    }
  }
  return 0;
}
