#pragma once
// Decoding a marshalled LLB Definition into the exec ops it contains, with their source
// locations, in BuildKit's own terms (1-based lines; characters as the frontend wrote them).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dalec::llb {

struct LlbPosition {
  int line = 0;
  int character = 0;
  friend bool operator==(const LlbPosition&, const LlbPosition&) = default;
};

struct LlbRange {
  LlbPosition start;
  LlbPosition end;
  friend bool operator==(const LlbRange&, const LlbRange&) = default;
};

struct LlbLocation {
  std::string filename;  // the SourceInfo's filename (the base name of -f for Dalec)
  std::string language;
  std::vector<LlbRange> ranges;
};

struct MountInfo {
  std::int64_t input = -1;  // index into the op's inputs; -1 for none
  std::int64_t output = -1;
  std::string dest, selector;
  bool readonly = false;
  int type = 0;             // BuildKit's MountType: 0 bind, 1 secret, 2 ssh, 3 cache, 4 tmpfs
  std::string cacheId;
  int cacheSharing = 0;
};

struct InputInfo {
  std::string digest;
  std::int64_t index = 0;
};

struct ExecOpInfo {
  std::string digest;  // "sha256:<hex>" of the marshalled op
  std::vector<std::string> args;
  std::vector<std::string> env;
  std::string cwd;
  std::string user;
  int network = 0;     // NetMode: 0 sandbox, 1 host, 2 none
  std::vector<InputInfo> inputs;
  std::vector<MountInfo> mounts;
  std::string customName;     // OpMetadata description "llb.customname"
  std::string progressGroup;  // its name, e.g. "Test: azlinux3/works"
  std::vector<LlbLocation> locations;
};

struct DecodedDefinition {
  std::vector<ExecOpInfo> execOps;  // in the order of Definition.def
  std::size_t totalOps = 0;
  std::string headDigest;           // the last op, BuildKit's terminal
  std::optional<std::string> error;  // set when the bytes are not a Definition
};

DecodedDefinition decodeDefinition(std::string_view bytes);
std::string sha256Digest(std::string_view bytes);

}  // namespace dalec::llb
