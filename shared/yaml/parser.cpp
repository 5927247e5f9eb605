// YAML text -> Node tree (the tree itself is built by tree_builder, from libfyaml's events).
//
// Recovery: libfyaml stops at the first error. We keep the error, blank the line that caused it
// (spaces, so every byte offset stays the same) and parse again, a bounded number of times. What
// remains readable keeps its tree, and so its diagnostics, completion and outline.
#include <algorithm>
#include <optional>

#include "text/utf8.h"
#include "yaml/node.h"
#include "yaml/tree_builder.h"

namespace dalec::yaml {

const Node* Node::resolved() const {
  const Node* node = this;
  // Aliases can only point backwards, but guard against any chain anyway.
  for (int hops = 0; node && node->isAlias() && hops < 64; ++hops) node = node->target;
  return node && node->isAlias() ? nullptr : node;
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

namespace {

constexpr int kMaxRecoveries = 24;

// One parse of `working` (the text with the lines blanked so far), replacing doc's tree.
std::optional<ParseFailure> rebuild(Document& doc, const std::string& working) {
  return TreeBuilder::replaceTree(doc, working);
}

// Where a parse of `working` would break, without building its tree.
std::optional<ParseFailure> probe(Document& doc, const std::string& working) { return TreeBuilder::probe(doc, working); }

void blank(std::string& text, ByteRange range) {
  for (std::size_t i = range.begin; i < range.end && i < text.size(); ++i) text[i] = ' ';
}

ByteRange wholeLine(const LineIndex& lines, std::size_t line) { return {lines.lineStart(line), lines.lineEnd(line)}; }

SyntaxError toSyntaxError(const ParseFailure& failure, const Document& doc) {
  const LineIndex& lines = doc.lines();
  const std::size_t errorLine = lines.lineOf(failure.offset);
  if (failure.openFlowStart && lines.lineOf(*failure.openFlowStart) < errorLine) {
    // The break shows up lines later, but the cause is the bracket that never closed.
    const std::size_t at = *failure.openFlowStart;
    return {{at, at + 1},
            std::string(failure.openFlowIsSequence ? "flow sequence '[' is never closed"
                                                   : "flow mapping '{' is never closed") +
                " (the parser stopped at line " + std::to_string(errorLine + 1) + ": " + failure.message + ")"};
  }
  ByteRange range{failure.offset, failure.offset};
  if (failure.offset < lines.lineEnd(errorLine)) {
    range.end = failure.offset + utf8::sequenceLength(static_cast<unsigned char>(doc.text()[failure.offset]));
  }
  return {range, failure.message};
}

// Spans whose blanking may let the parse continue, most likely cause first.
std::vector<ByteRange> recoveryCandidates(const ParseFailure& failure, const LineIndex& lines) {
  std::vector<ByteRange> candidates;
  auto addRange = [&](ByteRange range) {
    if (std::find(candidates.begin(), candidates.end(), range) == candidates.end()) candidates.push_back(range);
  };
  auto add = [&](std::size_t line) { addRange(wholeLine(lines, line)); };
  if (failure.openFlowStart) {
    // An unclosed bracket: drop it and the rest of its line, so the key before it survives.
    const std::size_t line = lines.lineOf(*failure.openFlowStart);
    addRange({*failure.openFlowStart, lines.lineEnd(line)});
    add(line);
  }
  add(lines.lineOf(failure.offset));
  if (lines.lineOf(failure.offset) > 0) add(lines.lineOf(failure.offset) - 1);
  if (lines.lineOf(failure.offset) + 1 < lines.lineCount()) add(lines.lineOf(failure.offset) + 1);
  return candidates;
}

}  // namespace

std::shared_ptr<const Document> parse(std::string text) {
  if (!utf8::isValid(text)) text = utf8::sanitize(text);
  auto doc = std::make_shared<Document>(std::move(text));
  std::string working = doc->text();

  std::optional<ParseFailure> failure = rebuild(*doc, working);
  if (!failure) return doc;
  // Recovery tries blankings by probing (how far libfyaml gets) and builds the tree once, of the
  // text it settles on: a document with many errors costs one probe per candidate, not a tree.
  for (int attempt = 0; failure; ++attempt) {
    doc->errors_.push_back(toSyntaxError(*failure, *doc));
    if (attempt == kMaxRecoveries) break;

    const LineIndex& lines = doc->lines();
    std::optional<ByteRange> chosen;
    std::optional<ParseFailure> chosenOutcome;
    bool outcomeKnown = false;  // whether chosenOutcome is the probe of the chosen blanking
    if (failure->openFlowStart && lines.lineOf(*failure->openFlowStart) < lines.lineOf(failure->offset)) {
      // A bracket still open lines later is the cause: drop it and the rest of its line.
      chosen = ByteRange{*failure->openFlowStart, lines.lineEnd(lines.lineOf(*failure->openFlowStart))};
    } else {
      // Try each candidate and keep the one that lets the parse get furthest.
      std::size_t furthest = failure->offset;
      for (ByteRange span : recoveryCandidates(*failure, lines)) {
        std::string trial = working;
        blank(trial, span);
        if (trial == working) continue;
        std::optional<ParseFailure> next = probe(*doc, trial);
        const std::size_t reached = next ? next->offset : doc->text().size() + 1;
        if (reached > furthest) {
          furthest = reached;
          chosen = span;
          chosenOutcome = next;
          outcomeKnown = true;
          if (!next) break;  // the rest parses: no candidate can do better
        }
      }
    }
    if (!chosen) break;  // nothing helped: the rest of the document stays unread
    blank(working, *chosen);
    failure = outcomeKnown ? chosenOutcome : probe(*doc, working);
  }
  rebuild(*doc, working);
  return doc;
}

}  // namespace dalec::yaml
