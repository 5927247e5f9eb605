// Fuzzes the build's status stream as test runs and the debug engine read it: the input is a run
// of StatusResponse messages, each prefixed by its length (2 bytes, little-endian), recorded into a
// VertexLogBook in order; then every vertex's failure text is read back, as the engine does for the
// op that failed. The seeds hold the shapes buildkitd sends (a vertex started, its logs, its error).
#include <cstddef>
#include <cstdint>

#include "buildkit/control.pb.h"
#include "testrun/failure_mapping.h"
#include "testrun/vertex_log_book.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  dalec::testrun::VertexLogBook book;
  std::size_t at = 0;
  while (at + 2 <= size) {
    const std::size_t length = data[at] | (std::size_t{data[at + 1]} << 8);
    at += 2;
    if (length > size - at) break;
    moby::buildkit::v1::StatusResponse status;
    if (status.ParseFromArray(data + at, static_cast<int>(length))) book.record(status);
    at += length;
  }
  for (const auto& [digest, record] : book.snapshot()) {
    const auto found = book.find(digest);
    if (found.name != record.name) __builtin_trap();
    (void)dalec::testrun::failureText(found);
  }
  return 0;
}
