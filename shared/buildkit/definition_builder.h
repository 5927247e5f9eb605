#pragma once
// Building LLB Definitions in the client: the frontend inputs of a test run (the spec file and a
// small build context, as scratch directories with the files written inline), and, in tests, graphs
// shaped like the ones Dalec emits. Op digests are sha256 of the marshalled bytes, as BuildKit's.
#include <cstdint>
#include <string>
#include <vector>

#include "llb/definition.h"
#include "llb/llb.pb.h"

namespace dalec::buildkit {

struct OpOutput {
  std::string digest;  // "sha256:…" of the op
  std::int64_t index = 0;
};

class DefinitionBuilder {
 public:
  // Adds an op (its inputs already set) and returns its output 0.
  OpOutput add(const llb::Op& op);
  // Adds an exec op over `inputs`; mount 0 of `mounts` is usually the root filesystem.
  OpOutput addExec(const llb::ExecOp& exec, const std::vector<OpOutput>& inputs);
  void describe(const OpOutput& op, const std::string& key, const std::string& value);
  void group(const OpOutput& op, const std::string& id, const std::string& name);
  int addSourceInfo(const std::string& filename, const std::string& data, const std::string& language);
  void locate(const OpOutput& op, int sourceIndex, const std::vector<llb::LlbRange>& ranges);
  // The finished Definition whose result is `head` (BuildKit's terminal op is appended).
  llb::Definition finish(const OpOutput& head);

 private:
  llb::Definition definition_;
};

struct InlineFile {
  std::string path;  // absolute, inside the resulting directory
  std::string data;
  int mode = 0644;
};

// A directory holding exactly these files (parents created as needed), from scratch.
OpOutput addFileTree(DefinitionBuilder& builder, const std::vector<InlineFile>& files);
llb::Definition fileTreeDefinition(const std::vector<InlineFile>& files);

}  // namespace dalec::buildkit
