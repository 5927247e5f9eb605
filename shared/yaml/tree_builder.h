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

struct ParseFailure {
  std::size_t offset = 0;  // where libfyaml reported the error
  std::string message;
  std::optional<std::size_t> openFlowStart;  // innermost unclosed '[' or '{', if any
  bool openFlowIsSequence = false;
};

class TreeBuilder {
 public:
  // Reads working[span) and appends what it builds to doc's nodes, duplicates and unknown aliases.
  // Every offset is of the whole working text, so a span can be one entry of a larger document
  // (the incremental re-parse); doc's line index must be of a text with the same lines.
  TreeBuilder(Document& doc, const std::string& working, ByteRange span);
  TreeBuilder(Document& doc, const std::string& working) : TreeBuilder(doc, working, {0, working.size()}) {}

  // Replaces doc's whole tree with one parse of `working` (doc's text, or a copy with lines blanked).
  static std::optional<ParseFailure> replaceTree(Document& doc, const std::string& working);

  // Where one parse of `working` breaks, as replaceTree would say it, without building a tree
  // (error recovery tries several blankings; only the one it keeps needs its tree).
  static std::optional<ParseFailure> probe(Document& doc, const std::string& working);

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
  struct Frame {
    Node* node = nullptr;
    Node* pendingKey = nullptr;
    std::unordered_map<std::string, Node*> keys;
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
  void finish();
  void attach(Node* node);
  void addPair(Frame& frame, Node* key, Node* value);
  void closeOpenNodes();
  ParseFailure describeFailure(const std::string& report);

  Document& doc_;
  const std::string& working_;
  ByteRange span_;
  std::vector<Frame> stack_;
  std::vector<OpenCollection> open_;
  bool probeOnly_ = false;
  std::unordered_map<std::string, Node*> anchors_;
  std::size_t lastEnd_ = 0;
  Node* root_ = nullptr;
  bool sawAnchorOrAlias_ = false;
  bool sharedEventSeen_ = false;
  bool placedFromOutside_ = false;
};

// The end of a collection written in block style: the end of its last child.
std::size_t lastChildEnd(const Node& node);
// Duplicates in document order of the repeated key, however the tree was built.
void sortDuplicates(std::vector<DuplicateKey>& duplicates);

}  // namespace dalec::yaml
