// Re-parsing one entry of a block collection instead of the whole document.
//
// An editor sends a change per keystroke, and on a 5,000-line spec a whole parse was most of the
// time from the keystroke to the diagnostics. YAML's block structure is decided by indentation: when
// a change lies within the lines of one entry of a block collection (a key with its value, or a `-`
// item) and the entry's new lines start at the entry's column and never go left of it, everything
// before the entry parses as before and everything after it too. Then only the entry's lines are
// parsed (libfyaml reads an indented collection as a document's root, with the offsets of the whole
// text) and the rest of the tree is copied, offsets after the change shifted. Each condition is
// checked; whatever cannot be shown to parse the same way is parsed whole. The unit tests and the
// spec_edits fuzzer compare the two trees.
#include <algorithm>
#include <optional>
#include <utility>

#include "text/utf8.h"
#include "yaml/node.h"
#include "yaml/tree_builder.h"

namespace dalec::yaml {

namespace {

// The old text's [begin, oldEnd) became the new text's [begin, newEnd).
struct Change {
  std::size_t begin = 0;
  std::size_t oldEnd = 0;
  std::size_t newEnd = 0;
};

Change changeBetween(std::string_view before, std::string_view after) {
  const std::size_t shorter = std::min(before.size(), after.size());
  const std::size_t prefix = static_cast<std::size_t>(
      std::mismatch(before.begin(), before.begin() + static_cast<std::ptrdiff_t>(shorter), after.begin()).first - before.begin());
  std::size_t suffix = 0;
  while (suffix < shorter - prefix && before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix]) ++suffix;
  return {prefix, before.size() - suffix, after.size() - suffix};
}

// Whether the new text is valid UTF-8, given that the old one is: the changed bytes, widened to
// whole characters on both sides (a change can begin or end inside a character), must be.
bool validUtf8Around(std::string_view before, std::string_view after, const Change& change) {
  auto continuation = [](std::string_view text, std::size_t at) {
    return at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80;
  };
  std::size_t begin = change.begin;
  while (begin > 0 && (continuation(before, begin) || continuation(after, begin))) --begin;
  std::size_t end = change.newEnd;
  while (continuation(after, end)) ++end;
  return utf8::isValid(after.substr(begin, end - begin));
}

// What libfyaml reads of a text's lines that the entry arithmetic here (lines end at '\n', an
// entry starts at its key or `-`) cannot follow: a carriage return not followed by '\n' ends a line
// for libfyaml (YAML 1.2 line breaks), and an explicit key's entry starts at its `?`, which can be
// lines before the key.
bool linesBeyondEntryArithmetic(std::string_view text) {
  for (std::size_t at = text.find('\r'); at != std::string_view::npos; at = text.find('\r', at + 1))
    if (at + 1 == text.size() || text[at + 1] != '\n') return true;
  for (std::size_t at = text.find('?'); at != std::string_view::npos; at = text.find('?', at + 1)) {
    const char after = at + 1 < text.size() ? text[at + 1] : '\n';
    if (after != ' ' && after != '\t' && after != '\r' && after != '\n') continue;
    // The indicator begins a line's content, or follows a `-` that does (`- ? key`).
    std::size_t before = at;
    while (before > 0 && (text[before - 1] == ' ' || text[before - 1] == '\t' || text[before - 1] == '-')) --before;
    if (before == 0 || text[before - 1] == '\n') return true;
  }
  return false;
}

// The first line from `from` with content (not blank, not only a comment): where that content
// starts and where the line ends.
struct ContentLine {
  std::size_t content = 0;
  std::size_t end = 0;
};

std::optional<ContentLine> nextContentLine(std::string_view text, std::size_t from) {
  for (std::size_t line = from; line < text.size();) {
    std::size_t end = text.find('\n', line);
    end = end == std::string_view::npos ? text.size() : end;
    std::size_t indent = line;
    while (indent < end && text[indent] == ' ') ++indent;
    if (indent < end && text[indent] != '\r' && text[indent] != '#') return ContentLine{indent, end};
    line = end + 1;
  }
  return std::nullopt;
}

// The `-` of a sequence item: its node starts after it (or right after it, for an empty item).
std::optional<std::size_t> dashBefore(std::string_view text, const Node& item) {
  std::size_t dash = item.range.begin;
  while (dash > 0 && text[dash - 1] == ' ') --dash;
  if (dash == 0 || text[dash - 1] != '-') return std::nullopt;
  return dash - 1;
}

// Where one entry of a block collection starts: its key, or its `-`, and the line that holds it.
struct EntryStart {
  std::size_t lineBegin = 0;
  std::size_t column = 0;
  bool alone = false;  // nothing but indentation before it on its line
};

std::optional<EntryStart> entryStart(const Document& doc, const Node& collection, std::size_t index) {
  const std::string& text = doc.text();
  std::size_t at = 0;
  if (collection.isMapping()) {
    const Node* key = collection.pairs[index].key;
    if (!key || !key->isScalar() || key->range.empty()) return std::nullopt;
    at = key->range.begin;
  } else {
    // An empty item (`-` and nothing) has no marks of its own: it is placed where the event before
    // it ended, which can be just after another item's `-` (`- -`, a sequence in a sequence).
    const Node* item = collection.items[index];
    if (item->isScalar() && item->isNull && item->range.empty()) return std::nullopt;
    std::optional<std::size_t> dash = dashBefore(text, *item);
    if (!dash) return std::nullopt;
    at = *dash;
  }
  const std::size_t lineBegin = doc.lines().lineStart(doc.lines().lineOf(at));
  EntryStart start{lineBegin, at - lineBegin, true};
  for (std::size_t i = lineBegin; i < at; ++i) start.alone = start.alone && text[i] == ' ';
  return start;
}

std::size_t entryCount(const Node& collection) {
  return collection.isMapping() ? collection.pairs.size() : collection.items.size();
}

bool isBlockCollection(const Node* node) {
  return node && (node->isMapping() || node->isSequence()) && !node->flow && entryCount(*node) > 0;
}

// The entry whose lines hold the change, as deep as the tree allows.
struct Target {
  const Node* collection = nullptr;
  std::size_t index = 0;
  ByteRange lines;  // from the start of the entry's first line to the start of the next entry's
  std::size_t column = 0;
};

std::optional<Target> entryHolding(const Document& doc, const Change& change) {
  const Node* collection = doc.root();
  if (!isBlockCollection(collection)) return std::nullopt;
  auto first = entryStart(doc, *collection, 0);
  if (!first) return std::nullopt;
  ByteRange span{first->lineBegin, doc.text().size()};
  std::optional<Target> found;
  while (true) {
    const std::size_t count = entryCount(*collection);
    std::optional<EntryStart> start = entryStart(doc, *collection, 0);
    std::optional<Target> inner;
    for (std::size_t i = 0; start && i < count; ++i) {
      std::optional<EntryStart> next = i + 1 < count ? entryStart(doc, *collection, i + 1) : std::nullopt;
      if (i + 1 < count && (!next || next->lineBegin <= start->lineBegin)) break;  // not one entry per line
      const ByteRange lines{start->lineBegin, next ? next->lineBegin : span.end};
      if (lines.begin <= change.begin && change.oldEnd <= lines.end) {
        if (start->alone) inner = Target{collection, i, lines, start->column};
        break;
      }
      start = next;
    }
    if (!inner) return found;
    found = inner;
    const Node* value = collection->isMapping() ? collection->pairs[found->index].value : collection->items[found->index];
    if (!isBlockCollection(value)) return found;
    collection = value;
    span = found->lines;
  }
}

// The entry's new lines, read as they would be in place: each line that is not blank or a comment
// starts right of the entry's column, or at it with an entry of its own (`starts`: a key or `-` of
// the new entries, or a `-` of a sequence written at its key's column). Read alone, libfyaml lets a
// line at the column continue what came before it; in place, the line after the entry would then
// make it something else. And no line can end the document.
bool linesStayInside(std::string_view text, ByteRange lines, std::size_t column, const std::vector<std::size_t>& starts) {
  if (lines.end < text.size() && (lines.end == lines.begin || text[lines.end - 1] != '\n')) return false;
  for (std::size_t line = lines.begin; line < lines.end;) {
    std::size_t end = text.find('\n', line);
    end = end == std::string_view::npos || end > lines.end ? lines.end : end;
    std::size_t indent = line;
    while (indent < end && text[indent] == ' ') ++indent;
    const bool blankOrComment = indent == end || text[indent] == '\r' || text[indent] == '#';
    if (!blankOrComment) {
      if (indent - line < column) return false;
      if (indent - line == column && !std::binary_search(starts.begin(), starts.end(), indent)) return false;
      const std::string_view rest = text.substr(indent, end - indent);
      const bool marker = rest.substr(0, 3) == "---" || rest.substr(0, 3) == "...";
      if (indent == line && marker && (rest.size() == 3 || rest[3] == ' ' || rest[3] == '\t' || rest[3] == '\r')) return false;
    }
    line = end + 1;
  }
  // The line after the entry starts what follows it; read in place, a `:` or `?` there can still
  // attach to the end of the entry (libfyaml takes `:key:` after a plain scalar as its value mark).
  const std::optional<ContentLine> next = nextContentLine(text, lines.end);
  return !next || (text[next->content] != ':' && text[next->content] != '?');
}

}  // namespace

class TreeSplicer {
 public:
  static std::shared_ptr<const Document> reparse(std::string text, std::shared_ptr<const Document> previous) {
    if (!previous || !previous->duplicates_.empty() || previous->usesAnchors_ ||
        linesBeyondEntryArithmetic(previous->text()) || linesBeyondEntryArithmetic(text))
      return parseWhole(std::move(text), std::move(previous));
    const Change change = changeBetween(previous->text(), text);
    if (change.begin == text.size() && text.size() == previous->text().size()) return previous;
    // parse() replaces invalid UTF-8 first; the previous text is valid, so only the change can be not.
    if (!validUtf8Around(previous->text(), text, change)) return parseWhole(std::move(text), std::move(previous));
    const std::optional<Target> target = entryHolding(*previous, change);
    if (!target || !beforeRecovery(*previous, text, *target, change)) return parseWhole(std::move(text), std::move(previous));

    auto doc = std::make_shared<Document>(std::move(text));
    // No one else holds the previous version: its nodes become the new tree's (every Document is
    // made non-const, so the cast is sound). Unless the entries earlier edits replaced, still in its
    // store, are as many as the nodes its tree reaches: then a copy leaves them behind.
    const bool takeOver = previous.use_count() == 1 && previous->unreachedNodes_ * 2 <= previous->nodes_.size();
    if (takeOver) {
      doc->nodes_ = std::move(const_cast<Document&>(*previous).nodes_);
      doc->unreachedNodes_ = previous->unreachedNodes_;
    }
    TreeSplicer splicer(*previous, *doc, change, *target, takeOver);
    if (!splicer.splice()) {
      std::string whole = doc->text();
      doc.reset();  // with the nodes it took over
      return parseWhole(std::move(whole), std::move(previous));
    }
    splicer.keepErrors();
    doc->spliced_ = true;
    doc->updatedInPlace_ = takeOver;
    return doc;
  }

 private:
  // The previous version is let go of first: when nothing else holds it (the document store hands
  // it over), the whole parse reuses its memory rather than adding to it, and a 20k-line spec's
  // tree is several megabytes.
  static std::shared_ptr<const Document> parseWhole(std::string text, std::shared_ptr<const Document> previous) {
    previous.reset();
    return parse(std::move(text));
  }

  // Whether a previous version with syntax errors can be spliced: the entry's lines end before
  // error recovery began to read, so the first parse reads the new entry into the same state as
  // the old one, fails where it did (shifted), and every probe reads the same text as before. Not
  // when a message names a line number and the change moves lines.
  static bool beforeRecovery(const Document& previous, std::string_view text, const Target& target, const Change& change) {
    if (previous.errors_.empty()) return true;
    // An entry that runs to the end of the text has no next entry whose reading stays the same: an
    // error at the end (`k:`, `-`, then blank lines) is the entry's own, and can go with the edit.
    if (target.lines.end > previous.recoveryReadFrom_ || target.lines.end >= previous.text().size()) return false;
    auto breaks = [](std::string_view in, std::size_t begin, std::size_t end) {
      return std::count(in.begin() + static_cast<std::ptrdiff_t>(begin), in.begin() + static_cast<std::ptrdiff_t>(end), '\n');
    };
    return !previous.errorsNameLines_ ||
           breaks(previous.text(), change.begin, change.oldEnd) == breaks(text, change.begin, change.newEnd);
  }

  TreeSplicer(const Document& before, Document& after, const Change& change, const Target& target, bool takeOver)
      : before_(before), after_(after), change_(change), target_(target), takeOver_(takeOver) {}

  bool splice() {
    const ByteRange lines{target_.lines.begin, shifted(target_.lines.end)};
    TreeBuilder builder(after_, after_.text_, lines);
    if (builder.run() || builder.sawAnchorOrAlias() || builder.placedFromOutside()) return false;
    replacement_ = builder.root();
    if (!replacement_ || replacement_->kind != target_.collection->kind || replacement_->flow ||
        replacement_->range.begin != lines.begin + target_.column)
      return false;
    if (!linesStayInside(after_.text(), lines, target_.column, entryStarts(*replacement_))) return false;
    // Read alone, the entry ends the stream, and there libfyaml forgives what it does not once a
    // token follows: a plain scalar on a line of its own where a key was due ("could not find
    // expected ':'" in place). So the entry is read again up to the end of the line after it; an
    // error within the entry's lines is then one the whole parse has as well. (Errors at that line
    // are expected: read alone, a line left of the entry's column ends the document.) And the line
    // must still be read as what follows the entry: libfyaml takes a block scalar's lines at its
    // key's own column when an indented blank line comes first (`k: |`, ` `, then lines at k's
    // column), and then the next key at that column is more of the scalar. A scalar's end runs to
    // the next line's content (its indentation read), never further, unless it took the line in.
    if (const std::optional<ContentLine> next = nextContentLine(after_.text(), lines.end)) {
      ScalarReach reach{lines.end};
      const std::optional<ParseFailure> failure = TreeBuilder::check(after_, after_.text_, {lines.begin, next->end}, nullptr, &reach);
      if (failure && (!failure->located || failure->offset < lines.end)) return false;
      if (reach.end > next->content) return false;
    }
    // The entry's own duplicates at its top level are found again below, among all its siblings.
    std::erase_if(after_.duplicates_, [&](const DuplicateKey& dup) { return dup.key->parent == replacement_; });

    for (const Node* node = target_.collection; node; node = node->parent) around_.push_back(node);
    // The parsed entry's own collection is not part of the tree: its entries move into it.
    ++after_.unreachedNodes_;
    after_.root_ = takeOver_ ? shiftInPlace(const_cast<Node*>(before_.root())) : copy(before_.root());
    for (Node* node = spliced_; node; node = node->parent)
      node->range.end = std::max(node->range.begin, lastChildEnd(*node));
    if (spliced_->isMapping()) findDuplicateKeys(*spliced_, after_.duplicates_);
    sortDuplicates(after_.duplicates_);
    return true;
  }

  // The previous version's syntax errors, all after the change (beforeRecovery), shifted.
  void keepErrors() {
    after_.errors_ = before_.errors_;
    for (SyntaxError& error : after_.errors_) error.range = {shifted(error.range.begin), shifted(error.range.end)};
    after_.recoveryReadFrom_ = shifted(before_.recoveryReadFrom_);
    after_.errorsNameLines_ = before_.errorsNameLines_;
  }

  // Where the new entries start (their keys or `-`), and the `-` of sequences written at their
  // key's column, in order.
  std::vector<std::size_t> entryStarts(const Node& collection) const {
    std::vector<std::size_t> starts;
    auto dashOf = [&](const Node* item) { return dashBefore(after_.text(), *item); };
    for (const Pair& pair : collection.pairs) {
      if (pair.key && !pair.key->range.empty()) starts.push_back(pair.key->range.begin);
      if (pair.value && pair.value->isSequence() && !pair.value->flow)
        for (const Node* item : pair.value->items)
          if (auto dash = dashOf(item)) starts.push_back(*dash);
    }
    for (const Node* item : collection.items)
      if (auto dash = dashOf(item)) starts.push_back(*dash);
    std::sort(starts.begin(), starts.end());
    return starts;
  }

  std::size_t shifted(std::size_t offset) const {
    return offset >= change_.oldEnd ? offset - change_.oldEnd + change_.newEnd : offset;
  }

  // Copies the old tree (iteratively: a tree can be deeper than the stack), with the new entries
  // in place of the changed one.
  Node* copy(const Node* root) {
    struct Pending {
      const Node* from;
      Node** slot;
      Node* parent;
    };
    Node* copiedRoot = nullptr;
    std::vector<Pending> pending{{root, &copiedRoot, nullptr}};
    while (!pending.empty()) {
      const Pending next = pending.back();
      pending.pop_back();
      if (!next.from) continue;
      Node* node = &after_.nodes_.add();
      *next.slot = node;
      node->kind = next.from->kind;
      // Only the collections around the entry straddle the change: they start where they did (the
      // entry's first line is in place) and their ends are recomputed once the entries are in.
      const bool around = std::find(around_.begin(), around_.end(), next.from) != around_.end();
      node->range = {around ? next.from->range.begin : shifted(next.from->range.begin), shifted(next.from->range.end)};
      node->parent = next.parent;
      node->style = next.from->style;
      node->value = next.from->value;
      node->isNull = next.from->isNull;
      node->flow = next.from->flow;
      node->mergeKeys = next.from->mergeKeys;
      // A tree with anchors or aliases is never spliced: a tag is the only label to copy.
      if (next.from->labels) node->setLabels({}, next.from->tag());
      const bool changed = next.from == target_.collection;
      if (changed) spliced_ = node;
      if (next.from->isMapping()) {
        const auto sources = spliceEntries(next.from->pairs, changed, replacement_->pairs, node->pairs);
        for (std::size_t i = 0; i < sources.size(); ++i) {
          if (!sources[i]) {
            adopt(node->pairs[i], node);
            continue;
          }
          pending.push_back({sources[i]->key, &node->pairs[i].key, node});
          pending.push_back({sources[i]->value, &node->pairs[i].value, node});
        }
      } else if (next.from->isSequence()) {
        const auto sources = spliceEntries(next.from->items, changed, replacement_->items, node->items);
        for (std::size_t i = 0; i < sources.size(); ++i) {
          if (!sources[i]) node->items[i]->parent = node;
          else pending.push_back({*sources[i], &node->items[i], node});
        }
      }
    }
    return copiedRoot;
  }

  // The old tree, taken over: its nodes shifted where they are, with the new entries in place of
  // the changed one (whose nodes stay in the store, unreached).
  Node* shiftInPlace(Node* root) {
    std::vector<Node*> pending{root};
    while (!pending.empty()) {
      Node* node = pending.back();
      pending.pop_back();
      if (!node) continue;
      const bool around = std::find(around_.begin(), around_.end(), node) != around_.end();
      node->range = {around ? node->range.begin : shifted(node->range.begin), shifted(node->range.end)};
      const bool changed = node == target_.collection;
      if (changed) spliced_ = node;
      if (node->isMapping()) {
        const std::size_t fresh = changed ? replaceEntry(node->pairs, replacement_->pairs) : 0;
        for (std::size_t i = 0; i < node->pairs.size(); ++i) {
          if (changed && i >= target_.index && i < target_.index + fresh) {
            adopt(node->pairs[i], node);
            continue;
          }
          pending.push_back(node->pairs[i].key);
          pending.push_back(node->pairs[i].value);
        }
      } else if (node->isSequence()) {
        const std::size_t fresh = changed ? replaceEntry(node->items, replacement_->items) : 0;
        for (std::size_t i = 0; i < node->items.size(); ++i) {
          if (changed && i >= target_.index && i < target_.index + fresh) node->items[i]->parent = node;
          else pending.push_back(node->items[i]);
        }
      }
    }
    return root;
  }

  // Puts the new entries where the changed one was; returns how many. The changed entry's nodes
  // are counted as unreached.
  template <typename Entry>
  std::size_t replaceEntry(std::vector<Entry>& entries, std::vector<Entry>& fresh) {
    after_.unreachedNodes_ += nodesOf(entries[target_.index]);
    const auto at = entries.erase(entries.begin() + static_cast<std::ptrdiff_t>(target_.index));
    entries.insert(at, fresh.begin(), fresh.end());
    return fresh.size();
  }

  static std::size_t nodesOf(const Pair& pair) { return nodesOf(pair.key) + nodesOf(pair.value); }
  static std::size_t nodesOf(const Node* root) {
    std::size_t count = 0;
    std::vector<const Node*> pending{root};
    while (!pending.empty()) {
      const Node* node = pending.back();
      pending.pop_back();
      if (!node) continue;
      ++count;
      for (const Pair& pair : node->pairs) pending.insert(pending.end(), {pair.key, pair.value});
      pending.insert(pending.end(), node->items.begin(), node->items.end());
    }
    return count;
  }

  // A collection's entries for its copy, in `out`: empty slots for the old entries, which the
  // copy fills (each slot's source is returned), and the new entries, already built (source null),
  // in place of the changed one.
  template <typename Entry>
  std::vector<const Entry*> spliceEntries(const std::vector<Entry>& old, bool changed, const std::vector<Entry>& fresh,
                                          std::vector<Entry>& out) const {
    std::vector<const Entry*> sources;
    for (std::size_t i = 0; i < old.size(); ++i) {
      if (changed && i == target_.index) {
        out.insert(out.end(), fresh.begin(), fresh.end());
        sources.insert(sources.end(), fresh.size(), nullptr);
      } else {
        out.push_back({});
        sources.push_back(&old[i]);
      }
    }
    return sources;
  }

  static void adopt(Pair& pair, Node* parent) {
    if (pair.key) pair.key->parent = parent;
    if (pair.value) pair.value->parent = parent;
  }

  const Document& before_;
  Document& after_;
  Change change_;
  Target target_;
  bool takeOver_;  // the old tree's nodes are the new tree's (shiftInPlace), not copied
  std::vector<const Node*> around_;  // the collection that holds the entry, and its ancestors
  Node* replacement_ = nullptr;  // the parsed entry's collection: its entries move into the copy
  Node* spliced_ = nullptr;      // the copy of the collection that holds them
};

std::shared_ptr<const Document> parse(std::string text, std::shared_ptr<const Document> previous) {
  return TreeSplicer::reparse(std::move(text), std::move(previous));
}

}  // namespace dalec::yaml
