// Fuzzes what a daemon sends back for a failed solve: the input is a serialized google.rpc.Status
// (the grpc-status-details-bin trailer) whose typed details are decoded and then placed on a real
// spec. The seeds hold BuildKit-shaped statuses; libFuzzer mutates them from there.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string_view>

#include "buildkit/solve_failure.h"
#include "testrun/failure_mapping.h"
#include "yaml/node.h"

namespace {
const dalec::spec::SpecModel& model() {
  static const auto spec = [] {
    std::ifstream in(DALEC_FUZZ_SPEC);
    std::stringstream text;
    text << in.rdbuf();
    return dalec::spec::buildModel(dalec::yaml::parse(text.str()));
  }();
  return *spec;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view details(reinterpret_cast<const char*>(data), size);
  const auto failure = dalec::buildkit::decodeSolveFailure(2, "", details);
  dalec::testrun::VertexRecord vertex;
  vertex.stderrText = std::string(details.substr(0, 256));
  const auto report = dalec::testrun::reportFailure(failure, vertex, model(), "azlinux3", "example-hello.inline.yml");
  for (const auto& f : report.failures)
    if (f.range.begin > f.range.end || f.range.end > model().document->text().size()) __builtin_trap();
  return 0;
}
