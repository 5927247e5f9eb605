#pragma once
// The YAML tree the whole core reads: every node knows its exact byte range in the text.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "text/line_index.h"
#include "text/position.h"

namespace dalec::yaml {

enum class NodeKind : std::uint8_t { Scalar, Mapping, Sequence, Alias };
enum class ScalarStyle : std::uint8_t { Plain, SingleQuoted, DoubleQuoted, Literal, Folded };

struct Node;

struct Pair {
  Node* key = nullptr;
  Node* value = nullptr;
};

// An anchor or a tag, which few nodes have: kept out of Node, so that every other node is smaller.
struct NodeLabels {
  std::string anchor;  // the anchor the node defines (&name); for an alias, the one it names (*name)
  std::string tag;
};

// Every node of a tree is one of these (a 20k-line spec has about 45k), and an edit that cannot take
// the old tree over keeps two trees alive while it copies: their size is most of the server's
// memory on a large spec, so the fields are ordered to pack and the rare ones are behind `labels`.
struct Node {
  NodeKind kind = NodeKind::Scalar;
  ScalarStyle style = ScalarStyle::Plain;
  bool isNull = false;     // a plain scalar that YAML reads as null: empty, ~, null, Null, NULL
  bool flow = false;       // collections written in flow style ({...} or [...])
  bool mergeKeys = false;  // mappings: some key is a plain `<<` (most have none; lookups skip merging)
  // Scalars: from the first character (the quote for quoted scalars, the '|'/'>' indicator for
  // block scalars) to the last. Collections: from the first key or '-' (or the '{'/'[') to the end
  // of the last child (or past the closing bracket). A null value written as nothing is empty.
  ByteRange range;
  Node* parent = nullptr;

  std::string value;  // scalar text after YAML unescaping/folding

  std::vector<Pair> pairs;   // mappings, in document order (merge keys "<<" included)
  std::vector<Node*> items;  // sequences

  Node* target = nullptr;  // aliases: the anchored node they name (null for an unknown anchor)
  std::unique_ptr<NodeLabels> labels;  // null when the node has neither anchor nor tag

  bool isScalar() const { return kind == NodeKind::Scalar; }
  bool isMapping() const { return kind == NodeKind::Mapping; }
  bool isSequence() const { return kind == NodeKind::Sequence; }
  bool isAlias() const { return kind == NodeKind::Alias; }
  // Follows aliases to the anchored node; null for an alias to an unknown anchor.
  const Node* resolved() const;
  // Empty when the node has none. An alias has no anchor of its own: aliasName() is the one it names.
  const std::string& anchor() const;
  const std::string& aliasName() const { return anchor(); }
  const std::string& tag() const;
  // Allocates the labels only when there is one to keep.
  void setLabels(std::string anchor, std::string tag);
};
static_assert(sizeof(Node) <= 128, "Node is most of a large spec's memory: keep rare fields behind labels");

// Where a document's nodes live: in chunks, so that a node's address never changes and a tree of
// thousands of nodes costs a few allocations, not one per node.
class NodeStore {
 public:
  Node& add();
  // Nodes handed out since the last clear(): a tree's, and any it no longer reaches.
  std::size_t size() const { return handedOut_; }
  // Forgets every node; the chunks are kept for the next tree.
  void clear() {
    used_ = std::max(used_, handedOut_);
    handedOut_ = 0;
    chunk_ = 0;
    inChunk_ = 0;
  }

 private:
  std::vector<std::unique_ptr<Node[]>> chunks_;  // growing to 1,024 nodes each (parser.cpp)
  std::size_t chunk_ = 0;  // where the next node goes
  std::size_t inChunk_ = 0;
  std::size_t handedOut_ = 0;  // nodes given since the last clear()
  std::size_t used_ = 0;       // nodes an earlier tree was given: to be emptied before reuse
};

struct SyntaxError {
  ByteRange range;
  std::string message;
};

struct DuplicateKey {
  const Node* key = nullptr;    // the repeated key
  const Node* first = nullptr;  // where it was first defined
};

struct UnknownAlias {
  const Node* alias = nullptr;
};

enum class ProbeMode;  // error_recovery.h

// One parsed document. Not copyable or movable: nodes point into each other and ranges into text.
class Document {
 public:
  explicit Document(std::string text);
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const std::string& text() const { return text_; }
  const LineIndex& lines() const { return lines_; }
  const Node* root() const { return root_; }
  const std::vector<SyntaxError>& errors() const { return errors_; }
  // In document order of the repeated keys.
  const std::vector<DuplicateKey>& duplicates() const { return duplicates_; }
  const std::vector<UnknownAlias>& unknownAliases() const { return unknownAliases_; }
  std::string_view slice(ByteRange range) const;
  // How many bytes the YAML parser read to build this tree: the whole text (more when it recovered
  // from errors), or one entry's lines (read twice, the second time with the line after them) when
  // an earlier version's tree was reused.
  std::size_t parsedBytes() const { return parsedBytes_; }
  // Whether the tree is an earlier version's with one entry read again (the incremental re-parse),
  // rather than a parse of the whole text.
  bool spliced() const { return spliced_; }
  // Whether that earlier version was taken over, its nodes updated where they were rather than copied.
  bool updatedInPlace() const { return updatedInPlace_; }
  // The innermost node whose range contains the offset (keys and values alike).
  const Node* nodeAt(std::size_t offset) const;

 private:
  friend class TreeBuilder;
  friend class TreeSplicer;
  friend std::shared_ptr<const Document> parseWith(std::string text, ProbeMode mode);
  std::string text_;
  LineIndex lines_;
  NodeStore nodes_;
  Node* root_ = nullptr;
  std::vector<SyntaxError> errors_;
  std::vector<DuplicateKey> duplicates_;
  std::vector<UnknownAlias> unknownAliases_;
  bool usesAnchors_ = false;  // any anchor or alias: the incremental re-parse leaves such trees alone
  std::size_t parsedBytes_ = 0;
  // With syntax errors: where error recovery began to read (every probe it made read from here
  // on), and whether a message names a line number. Before that point the text was read once, by
  // the first parse, so an edit there that re-parses alone leaves recovery's work as it was.
  std::size_t recoveryReadFrom_ = 0;
  bool errorsNameLines_ = false;
  bool spliced_ = false;
  bool updatedInPlace_ = false;
  // Nodes in nodes_ the tree no longer reaches: the entries trees taken over replaced.
  std::size_t unreachedNodes_ = 0;
};

// Parses the first YAML document of the text. Never fails: syntax errors are collected and as much
// of the document as can be read is kept (lines that break the parse are skipped one at a time).
std::shared_ptr<const Document> parse(std::string text);

// The same tree as parse(text), reusing `previous` (an earlier version of the same document): when
// the change lies within one entry of a block collection, only that entry is parsed again and the
// rest of the tree is copied, shifted. Anything it cannot prove equivalent is parsed whole.
// A caller that hands over its only reference to `previous` (std::move) lets it be taken over: its
// nodes are then shifted where they are instead of copied, so an edit allocates only the entry's
// nodes and never holds two trees. The previous Document is not to be read after that.
std::shared_ptr<const Document> parse(std::string text, std::shared_ptr<const Document> previous);

}  // namespace dalec::yaml
