// Fuzzes LLB decoding and what the debug engine makes of it: the input is a marshalled Definition
// (as BuildKit's gateway returns it); its exec ops are matched against the ops predicted for a real
// spec, it becomes a graph and a debug program, and a Definition "up to" each op of the program.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string_view>

#include "llb/debug_program.h"
#include "llb/definition.h"
#include "llb/definition_graph.h"
#include "llb/llb.pb.h"
#include "llb/op_map.h"
#include "spec/spec_model.h"
#include "yaml/node.h"

namespace {
const dalec::spec::SpecModel& model() {
  static const auto loaded = [] {
    std::ifstream in(DALEC_FUZZ_SPEC);
    std::stringstream text;
    text << in.rdbuf();
    return dalec::spec::buildModel(dalec::yaml::parse(text.str()));
  }();
  return *loaded;
}
const std::vector<dalec::llb::PredictedOp>& predicted() {
  static const auto ops = dalec::llb::predictOps(model(), "azlinux3");
  return ops;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto definition = dalec::llb::decodeDefinition(std::string_view(reinterpret_cast<const char*>(data), size));
  if (definition.error) return 0;
  const auto matches = dalec::llb::matchOps(definition, predicted(), "example-hello.inline.yml");
  for (const auto& match : matches)
    if (match.predicted && *match.predicted >= predicted().size()) __builtin_trap();  // an index we never made

  const auto program = dalec::llb::buildProgram(definition, model(), "azlinux3", "example-hello.inline.yml");
  for (const auto& step : program.steps)
    if (step.predicted >= program.predicted.size()) __builtin_trap();
  dalec::llb::Definition parsed;
  if (!parsed.ParseFromArray(data, static_cast<int>(size))) return 0;
  std::string error;
  const auto graph = dalec::llb::DefinitionGraph::from(parsed, error);
  if (!graph) return 0;
  for (const auto& step : program.steps) {
    const auto upTo = graph->upTo({step.exec.digest, 0});
    // Only the terminal changes: every op keeps its bytes, so every digest stays the frontend's.
    if (upTo.def_size() != parsed.def_size()) __builtin_trap();
    for (int i = 0; i + 1 < parsed.def_size(); ++i)
      if (upTo.def(i) != parsed.def(i)) __builtin_trap();
    (void)graph->closureOf(step.exec.digest);
  }
  return 0;
}
