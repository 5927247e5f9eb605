// The parsed document's own lookups (the tree is built by tree_builder from libfyaml's events;
// parse() and its error recovery are in error_recovery.cpp).
#include <algorithm>

#include "yaml/node.h"

namespace dalec::yaml {

const Node* Node::resolved() const {
  const Node* node = this;
  // Aliases can only point backwards, but guard against any chain anyway.
  for (int hops = 0; node && node->isAlias() && hops < 64; ++hops) node = node->target;
  return node && node->isAlias() ? nullptr : node;
}

namespace {
const std::string kNoLabel;
}  // namespace

const std::string& Node::anchor() const { return labels ? labels->anchor : kNoLabel; }
const std::string& Node::tag() const { return labels ? labels->tag : kNoLabel; }

void Node::setLabels(std::string anchor, std::string tag) {
  if (anchor.empty() && tag.empty()) {
    labels.reset();
    return;
  }
  labels = std::make_unique<NodeLabels>(NodeLabels{std::move(anchor), std::move(tag)});
}

namespace {
// 32, 64, ... nodes per chunk up to 1,024: a small spec takes one small chunk, and a large one
// leaves at most one chunk's nodes unused (every node of a chunk is constructed, so resident).
std::size_t chunkSize(std::size_t chunk) { return std::size_t{32} << std::min<std::size_t>(chunk, 5); }
}  // namespace

Node& NodeStore::add() {
  if (chunk_ < chunks_.size() && inChunk_ == chunkSize(chunk_)) {
    ++chunk_;
    inChunk_ = 0;
  }
  if (chunk_ == chunks_.size()) chunks_.push_back(std::make_unique<Node[]>(chunkSize(chunk_)));
  Node& node = chunks_[chunk_][inChunk_++];
  if (handedOut_++ < used_) node = Node{};  // a node of an earlier tree
  return node;
}

Document::Document(std::string text) : text_(std::move(text)), lines_(text_) {}

std::string_view Document::slice(ByteRange range) const {
  if (range.begin > text_.size()) return {};
  return std::string_view(text_).substr(range.begin, std::min(range.end, text_.size()) - range.begin);
}

namespace {
const Node* innermost(const Node* node, std::size_t offset) {
  if (!node) return nullptr;
  auto inside = [&](const Node* n) { return n && n->range.begin <= offset && offset <= n->range.end; };
  if (!inside(node)) return nullptr;
  for (const Pair& pair : node->pairs) {
    if (inside(pair.key) && pair.key->kind != NodeKind::Alias) return innermost(pair.key, offset);
    if (pair.value && !pair.value->range.empty() && inside(pair.value)) {
      if (const Node* found = innermost(pair.value, offset)) return found;
    }
  }
  for (const Node* item : node->items)
    if (const Node* found = innermost(item, offset)) return found;
  return node;
}
}  // namespace

const Node* Document::nodeAt(std::size_t offset) const { return innermost(root_, offset); }

}  // namespace dalec::yaml
