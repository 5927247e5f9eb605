// Fuzzes YAML error recovery's shortcut against its reference: parse() probes each blanking it
// tries from the last top-level key before it (a restart point), the whole-text mode from the top.
// Both must settle on the same blankings, so give the same tree, errors and duplicates: any
// difference aborts. The unit tests hold the two to the same on about 1,600 broken variants of the
// real specs; this explores beyond them, and the incremental re-parse of a version with errors
// (spec_edit_chains) rests on where the restart-point probes begin to read.
#include "spec_fuzz_session.h"
#include "yaml/error_recovery.h"
#include "yaml_tree_dump.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dalec;
  std::string text = fuzz::documentText(data, size);
  const auto restarting = yaml::parseWith(text, yaml::ProbeMode::FromRestartPoints);
  if (restarting->errors().empty()) return 0;  // no recovery: one parse either way
  if (!testing::sameYamlTree(*restarting, *yaml::parseWith(std::move(text), yaml::ProbeMode::WholeText))) __builtin_trap();
  return 0;
}
