#pragma once
// A Definition as a graph of ops, each kept as the frontend marshalled it. The frontend's bytes are
// never re-serialized: an op's digest is the sha256 of its bytes and its consumers refer to it by
// that digest, so re-encoding (C++ and Go order fields differently) would break the graph. Only
// the terminal op is ours: a Definition "up to" op X is the same list with the last entry replaced
// by a terminal that selects X's output.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "llb/llb.pb.h"

namespace dalec::llb {

struct OpInput {
  std::string digest;
  std::int64_t index = 0;
};

class DefinitionGraph {
 public:
  // Fails (with `error`) when an entry does not decode or the last is not a terminal.
  static std::optional<DefinitionGraph> from(Definition definition, std::string& error);

  // The op whose output the whole Definition stands for (the terminal's input).
  const OpInput& head() const { return head_; }
  const Op* op(const std::string& digest) const;
  std::vector<OpInput> inputsOf(const std::string& digest) const;
  // The ops `digest` depends on, itself included, each once.
  std::vector<std::string> closureOf(const std::string& digest) const;
  // A Definition whose result is output `index` of op `digest`, everything else byte for byte.
  Definition upTo(const OpInput& output) const;
  const Definition& definition() const { return definition_; }
  std::size_t size() const { return ops_.size(); }

 private:
  Definition definition_;
  std::map<std::string, Op> ops_;  // by digest, terminal excluded
  OpInput head_;
};

}  // namespace dalec::llb
