// Fuzzes YAML error recovery's shortcuts against its reference: parse() probes each blanking it
// tries from the last top-level key before it (a restart point) and, once settled, reads the tree
// again only from the first place it probed, keeping the first parse's entries before it; the
// whole-text mode probes from the top and reads the whole settled text again. Both must give the
// same tree, errors and duplicates: any difference aborts. (The unit tests hold the two to the same
// on about a thousand broken real specs; this explores beyond them.)
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
