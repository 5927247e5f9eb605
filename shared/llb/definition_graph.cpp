#include "llb/definition_graph.h"

#include <set>

#include "llb/definition.h"

namespace dalec::llb {

std::optional<DefinitionGraph> DefinitionGraph::from(Definition definition, std::string& error) {
  DefinitionGraph graph;
  if (definition.def().empty()) {
    error = "the Definition has no ops";
    return std::nullopt;
  }
  for (int i = 0; i < definition.def_size(); ++i) {
    const std::string& bytes = definition.def(i);
    Op op;
    if (!op.ParseFromString(bytes)) {
      error = "op " + std::to_string(i) + " of the Definition does not decode";
      return std::nullopt;
    }
    if (i + 1 == definition.def_size()) {
      // BuildKit's terminal: no operation, one input, the result.
      if (op.op_case() != Op::OP_NOT_SET || op.inputs_size() != 1) {
        error = "the Definition's last op is not a terminal";
        return std::nullopt;
      }
      graph.head_ = {op.inputs(0).digest(), op.inputs(0).index()};
    } else {
      graph.ops_.emplace(sha256Digest(bytes), std::move(op));
    }
  }
  if (!graph.ops_.count(graph.head_.digest)) {
    error = "the Definition's terminal names an op it does not hold";
    return std::nullopt;
  }
  graph.definition_ = std::move(definition);
  return graph;
}

const Op* DefinitionGraph::op(const std::string& digest) const {
  auto it = ops_.find(digest);
  return it == ops_.end() ? nullptr : &it->second;
}

std::vector<OpInput> DefinitionGraph::inputsOf(const std::string& digest) const {
  std::vector<OpInput> out;
  if (const Op* found = op(digest))
    for (const Input& input : found->inputs()) out.push_back({input.digest(), input.index()});
  return out;
}

std::vector<std::string> DefinitionGraph::closureOf(const std::string& digest) const {
  std::vector<std::string> out, pending{digest};
  std::set<std::string> seen;
  while (!pending.empty()) {
    std::string next = std::move(pending.back());
    pending.pop_back();
    if (!seen.insert(next).second || !op(next)) continue;
    out.push_back(next);
    for (const OpInput& input : inputsOf(next)) pending.push_back(input.digest);
  }
  return out;
}

Definition DefinitionGraph::upTo(const OpInput& output) const {
  Definition copy = definition_;
  Op terminal;
  Input* input = terminal.add_inputs();
  input->set_digest(output.digest);
  input->set_index(output.index);
  std::string bytes;
  terminal.SerializeToString(&bytes);
  *copy.mutable_def(copy.def_size() - 1) = bytes;
  (*copy.mutable_metadata())[sha256Digest(bytes)];
  return copy;
}

}  // namespace dalec::llb
