#pragma once
// What BuildKit says about a failed solve: the gRPC status message and the typed details it
// attaches (google.rpc.Status in the grpc-status-details-bin trailer). BuildKit encodes each detail
// as JSON of its Go struct under a type URL such as "github.com/moby/buildkit/errdefs.Source+json".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "llb/definition.h"

namespace dalec::buildkit {

struct ErrorSource {
  std::string filename;  // the SourceInfo's filename (Dalec: the base name of the spec)
  std::string language;
  std::string data;      // the source text the ranges refer to (Dalec: the spec after TrimSpace)
  std::vector<llb::LlbRange> ranges;
};

struct SolveFailure {
  int grpcCode = 2;  // grpc::StatusCode; 2 is UNKNOWN, what a failed op comes back as
  std::string message;
  std::vector<ErrorSource> sources;   // every errdefs.Source, outermost first
  std::optional<std::string> vertex;  // errdefs.Vertex: the digest of the op that failed
  std::optional<int> exitCode;        // from gatewayapi.ExitMessage, or "exit code: N" in the message
  std::vector<std::string> undecoded;  // type URLs of details we could not read (kept for the log)
};

// `details` is the serialized google.rpc.Status (grpc::Status::error_details()); it may be empty.
SolveFailure decodeSolveFailure(int grpcCode, std::string message, std::string_view details);

}  // namespace dalec::buildkit
