#pragma once
// One pass of libfyaml's event parser that builds Nodes (internal to the yaml folder: parse() and
// the incremental re-parse drive it).
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "yaml/node.h"

// libfyaml's types, declared here so that only the builder includes libfyaml.h.
struct fy_event;
struct fy_token;
struct fy_mark;

namespace dalec::yaml {

// An error as libfyaml reported it.
struct ReportedError {
  int line = 0, column = 0;  // 1-based; column in code points
  std::string message;
};

struct ParseFailure {
  std::size_t offset = 0;  // where libfyaml reported the error
  std::string message;
  std::optional<std::size_t> openFlowStart;  // innermost unclosed '[' or '{', if any
  bool openFlowIsSequence = false;
  // Whether libfyaml said where: otherwise offset is where the last event ended, which a parse
  // that started part way through cannot know.
  bool located = true;
  // Set when placing the error read the text back to the span's start (an anchor name's error is
  // found again by scanning from there): a change anywhere after that can move the error, not only
  // one after the restart point before it, which is all a parse of the rest depends on.
  std::optional<std::size_t> placedFrom = std::nullopt;
};

// Restart points: the top-level keys of a block mapping that starts the document at column 0,
// each a plain key at the start of its line. Before such a key libfyaml is in one state whatever
// came before it (in the root mapping, no flow or block scalar open, expecting a key at column 0),
// so a parse that starts at the key's line reads the rest exactly as the whole parse does.
using RootKeys = std::vector<std::size_t>;

// How far the scalars that start before `before` reach (check() fills `end`): the incremental
// re-parse asks it of an entry read with the line after it, which a scalar can take in.
struct ScalarReach {
  std::size_t before = 0;
  std::size_t end = 0;
};

class TreeBuilder {
 public:
  // Reads working[span) and appends what it builds to doc's nodes, duplicates and unknown aliases.
  // Every offset is of the whole working text, so a span can be one entry of a larger document
  // (the incremental re-parse); doc's line index must be of a text with the same lines.
  TreeBuilder(Document& doc, const std::string& working, ByteRange span);
  TreeBuilder(Document& doc, const std::string& working) : TreeBuilder(doc, working, {0, working.size()}) {}

  // Replaces doc's whole tree with one parse of `working` (doc's text, or a copy with lines blanked),
  // noting its restart points in rootKeys when given.
  static std::optional<ParseFailure> replaceTree(Document& doc, const std::string& working, RootKeys* rootKeys = nullptr);

  // Where a parse of working[span) breaks, as replaceTree would say it, without building a tree
  // (error recovery tries several blankings, from 0 or a restart point to the end, and only the one
  // it keeps needs its tree), noting the restart points it passes in rootKeys when given.
  static std::optional<ParseFailure> check(Document& doc, const std::string& working, ByteRange span,
                                           RootKeys* rootKeys = nullptr, ScalarReach* reach = nullptr);

  // Returns the failure, if the stream broke; what was read before it is kept.
  std::optional<ParseFailure> run();
  // The first top-level node read (null when the span holds no node).
  Node* root() const { return root_; }
  bool sawAnchorOrAlias() const { return sawAnchorOrAlias_; }
  // Whether something read from the span alone could depend on the text around it: a node placed
  // by where the previous event ended, when read in place that event lies outside the span, or a
  // block scalar with no content lines (the line after the span could become its content).
  bool placedFromOutside() const { return placedFromOutside_; }

 private:
  // What a failure names of the collections still open, kept in probes too.
  struct OpenCollection {
    std::size_t begin = 0;
    bool flow = false;
    bool sequence = false;
  };
  // An open collection. Its children are gathered on the builder's scratch lists (from firstPair
  // and firstItem on) and moved into the node when it closes: one allocation of the right size,
  // rather than a list grown one child at a time in every mapping and sequence.
  struct Frame {
    Node* node = nullptr;
    Node* pendingKey = nullptr;
    std::size_t firstPair = 0;
    std::size_t firstItem = 0;
  };

  Node* newNode(NodeKind kind);
  // Where the last event ended: what a node without marks of its own is placed by.
  std::size_t previousEnd();
  std::size_t at(const struct fy_mark* mark) const;
  void onScalar(struct fy_event* event);
  std::string scalarText(struct fy_token* token, std::size_t begin, std::size_t end) const;
  void widenToQuotes(ByteRange& range, char quote) const;
  void coverBlockScalar(ByteRange& range);
  void onAlias(struct fy_event* event);
  void onCollectionStart(struct fy_event* event);
  void onCollectionEnd(struct fy_event* event);
  // Counts the root mapping's children and notes its restart points in rootKeys_.
  void noteRootKey(struct fy_event* event);
  bool startsRestartableRoot(std::size_t begin) const;
  void noteScalarReach(struct fy_event* event);
  void finish();
  void attach(Node* node);
  // Moves the children gathered for the innermost open collection into its node.
  void takeChildren(Frame& frame);
  void closeOpenNodes();
  ParseFailure describeFailure(std::optional<ReportedError> error);

  static constexpr std::size_t kTypicalDepth = 16;

  Document& doc_;
  const std::string& working_;
  ByteRange span_;
  std::vector<Frame> stack_;
  std::vector<Pair> openPairs_;    // children of the open mappings, innermost last
  std::vector<Node*> openItems_;   // children of the open sequences, innermost last
  std::vector<OpenCollection> open_;
  bool probeOnly_ = false;
  RootKeys* rootKeys_ = nullptr;
  ScalarReach* reach_ = nullptr;
  bool rootRestartable_ = false;    // the root is a block mapping whose keys can be restart points
  std::size_t rootChildren_ = 0;    // keys and values of the root mapping read so far
  std::unordered_map<std::string, Node*> anchors_;
  std::size_t lastEnd_ = 0;
  Node* root_ = nullptr;
  bool sawAnchorOrAlias_ = false;
  bool sharedEventSeen_ = false;
  bool placedFromOutside_ = false;
};

// The end of a collection written in block style: the end of its last child.
std::size_t lastChildEnd(const Node& node);
// Adds the mapping's repeated keys (each with the first of its value) to duplicates, and notes
// whether it has merge keys.
void findDuplicateKeys(Node& mapping, std::vector<DuplicateKey>& duplicates);
// Duplicates in document order of the repeated key, however the tree was built.
void sortDuplicates(std::vector<DuplicateKey>& duplicates);

}  // namespace dalec::yaml
