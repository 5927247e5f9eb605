// Fuzzes LLB decoding and op matching: the input is a marshalled Definition (as BuildKit's
// gateway returns it); its exec ops are matched against the ops predicted for a real spec.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string_view>

#include "llb/definition.h"
#include "llb/op_map.h"
#include "spec/spec_model.h"
#include "yaml/node.h"

namespace {
const std::vector<dalec::llb::PredictedOp>& predicted() {
  static const auto model = [] {
    std::ifstream in(DALEC_FUZZ_SPEC);
    std::stringstream text;
    text << in.rdbuf();
    return dalec::spec::buildModel(dalec::yaml::parse(text.str()));
  }();
  static const auto ops = dalec::llb::predictOps(*model, "azlinux3");
  return ops;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto definition = dalec::llb::decodeDefinition(std::string_view(reinterpret_cast<const char*>(data), size));
  if (definition.error) return 0;
  const auto matches = dalec::llb::matchOps(definition, predicted(), "example-hello.inline.yml");
  for (const auto& match : matches)
    if (match.predicted && *match.predicted >= predicted().size()) __builtin_trap();  // an index we never made
  return 0;
}
