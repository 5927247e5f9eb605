// YAML text -> Node tree, on libfyaml's event API.
//
// Why events and not libfyaml's document API: in 0.7.12 the document API exposes no start/end
// marks for collections and returns nothing at all on the first error, while every event carries
// exact marks and the events before an error are still delivered. Duplicate keys are not flagged in
// the event stream, so the tree builder detects them itself (Dalec treats them as errors).
//
// Recovery: libfyaml stops at the first error. We keep the error, blank the line that caused it
// (spaces, so every byte offset stays the same) and parse again, a bounded number of times. What
// remains readable keeps its tree, and so its diagnostics, completion and outline.
#include <libfyaml.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <unordered_map>

#include "text/utf8.h"
#include "yaml/node.h"
#include "yaml/scalar_dialect.h"

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

// libfyaml 0.7.12 never frees the errors it collects (fy_diag_set_collect_errors), so we take
// its formatted report through the output callback instead and read "<input>:L:C: error: msg".
void captureDiagnostics(struct fy_diag*, void* user, const char* text, size_t length) {
  auto* report = static_cast<std::string*>(user);
  if (report->size() < 4096) report->append(text, length);
}

struct ReportedError {
  int line = 0, column = 0;  // 1-based; column in code points
  std::string message;
};

std::optional<ReportedError> firstReportedError(const std::string& report) {
  const std::size_t marker = report.find(": error: ");
  if (marker == std::string::npos) return std::nullopt;
  ReportedError error;
  const std::size_t end = report.find('\n', marker);
  error.message = report.substr(marker + 9, end == std::string::npos ? std::string::npos : end - marker - 9);
  // Walk back over ":<column>" and ":<line>".
  std::size_t columnStart = report.rfind(':', marker - 1);
  std::size_t lineStart = columnStart == std::string::npos || columnStart == 0 ? std::string::npos : report.rfind(':', columnStart - 1);
  if (lineStart == std::string::npos) return error;
  try {
    error.line = std::stoi(report.substr(lineStart + 1, columnStart - lineStart - 1));
    error.column = std::stoi(report.substr(columnStart + 1, marker - columnStart - 1));
  } catch (const std::exception&) {
    error.line = error.column = 0;
  }
  return error;
}

// A token's text, read chunk by chunk. Not fy_token_get_text: in libfyaml 0.7.12 it formats into
// a buffer sized by the scanner's length estimate, and when a scalar comes out longer than that
// estimate it returns NULL without freeing its chunk iterator (the leak CI's fuzzing found). The
// token iterator has no size limit and always frees what it allocated. Tags have no atom to
// iterate (the iterator asserts on them); their text is built by a separate, leak-free path.
std::string tokenText(struct fy_token* token) {
  if (!token) return {};
  if (fy_token_get_type(token) == FYTT_TAG) {
    std::size_t length = 0;
    const char* text = fy_token_get_text(token, &length);
    return text ? std::string(text, length) : std::string();
  }
  std::string text;
  struct fy_token_iter* iter = fy_token_iter_create(token);
  if (!iter) return text;
  int error = 0;
  for (const fy_iter_chunk* chunk = nullptr; (chunk = fy_token_iter_chunk_next(iter, chunk, &error)) != nullptr;)
    text.append(chunk->str, chunk->len);
  fy_token_iter_destroy(iter);
  return text;
}

struct ParseFailure {
  std::size_t offset = 0;  // where libfyaml reported the error
  std::string message;
  std::optional<std::size_t> openFlowStart;  // innermost unclosed '[' or '{', if any
  bool openFlowIsSequence = false;
};

}  // namespace

class TreeBuilder {
 public:
  TreeBuilder(Document& doc, const std::string& working) : doc_(doc), working_(working) {}

  // Runs one parse of `working_`, building into doc_. Returns the failure, if the stream broke.
  std::optional<ParseFailure> run() {
    doc_.nodes_.clear();
    doc_.root_ = nullptr;
    doc_.duplicates_.clear();
    doc_.unknownAliases_.clear();
    anchors_.clear();
    stack_.clear();

    std::string report;
    fy_diag_cfg diagConfig;
    fy_diag_cfg_default(&diagConfig);
    diagConfig.fp = nullptr;
    diagConfig.output_fn = captureDiagnostics;
    diagConfig.user = &report;
    diagConfig.colorize = false;
    diagConfig.show_source = false;
    diagConfig.show_position = true;
    diagConfig.show_type = true;
    diagConfig.show_module = false;
    struct fy_diag* diag = fy_diag_create(&diagConfig);

    fy_parse_cfg config{};
    // YAML 1.2 core rules; Dalec's own scalar dialect is applied by scalar_dialect on top.
    config.flags = static_cast<fy_parse_cfg_flags>(FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2 | FYPCF_DISABLE_DEPTH_LIMIT);
    config.diag = diag;
    struct fy_parser* parser = fy_parser_create(&config);
    std::optional<ParseFailure> failure;
    if (!parser) {
      fy_diag_unref(diag);
      return ParseFailure{0, "the YAML parser could not be created", std::nullopt, false};
    }
    fy_parser_set_string(parser, working_.data(), working_.size());

    int documents = 0;
    bool done = false;
    while (!done) {
      struct fy_event* event = fy_parser_parse(parser);
      if (!event) break;
      switch (event->type) {
        case FYET_DOCUMENT_START:
          // Dalec reads one document; later ones are not part of the spec.
          if (++documents > 1) done = true;
          break;
        case FYET_SCALAR: onScalar(event); break;
        case FYET_ALIAS: onAlias(event); break;
        case FYET_MAPPING_START:
        case FYET_SEQUENCE_START: onCollectionStart(event); break;
        case FYET_MAPPING_END:
        case FYET_SEQUENCE_END: onCollectionEnd(event); break;
        default: break;
      }
      if (const fy_mark* end = fy_event_end_mark(event)) lastEnd_ = std::max(lastEnd_, end->input_pos);
      fy_parser_event_free(parser, event);
    }

    if (!done && fy_parser_get_stream_error(parser)) {
      failure = describeFailure(report);
      closeOpenNodes();
    }
    fy_parser_destroy(parser);
    fy_diag_unref(diag);
    return failure;
  }

 private:
  struct Frame {
    Node* node = nullptr;
    Node* pendingKey = nullptr;
    std::unordered_map<std::string, Node*> keys;
  };

  Node* newNode(NodeKind kind) {
    Node& node = doc_.nodes_.emplace_back();
    node.kind = kind;
    return &node;
  }

  static std::size_t startOf(struct fy_event* event, std::size_t fallback) {
    const fy_mark* mark = fy_event_start_mark(event);
    return mark ? mark->input_pos : fallback;
  }

  void onScalar(struct fy_event* event) {
    Node* node = newNode(NodeKind::Scalar);
    struct fy_token* token = event->scalar.value;
    node->anchor = tokenText(event->scalar.anchor);
    node->tag = tokenText(event->scalar.tag);
    const fy_mark* start = token ? fy_token_start_mark(token) : nullptr;
    const fy_mark* end = token ? fy_token_end_mark(token) : nullptr;
    if (!start || !end) {
      // A value written as nothing ("key:"): an empty node where the value would be, after the ':'.
      node->isNull = true;
      std::size_t at = lastEnd_;
      while (at < working_.size() && (working_[at] == ' ' || working_[at] == '\t')) ++at;
      at = (at < working_.size() && working_[at] == ':') ? at + 1 : lastEnd_;
      node->range = {at, at};
    } else {
      node->value = scalarText(token, start->input_pos, end->input_pos);
      node->range = {start->input_pos, end->input_pos};
      switch (fy_token_scalar_style(token)) {
        case FYSS_SINGLE_QUOTED: node->style = ScalarStyle::SingleQuoted; widenToQuotes(node->range, '\''); break;
        case FYSS_DOUBLE_QUOTED: node->style = ScalarStyle::DoubleQuoted; widenToQuotes(node->range, '"'); break;
        case FYSS_LITERAL: node->style = ScalarStyle::Literal; coverBlockScalar(node->range); break;
        case FYSS_FOLDED: node->style = ScalarStyle::Folded; coverBlockScalar(node->range); break;
        default: node->style = ScalarStyle::Plain; break;
      }
      node->isNull = node->style == ScalarStyle::Plain && node->tag.empty() && isNullLiteral(node->value);
    }
    if (!node->anchor.empty()) anchors_[node->anchor] = node;
    attach(node);
  }

  // A scalar's value. Most scalars of a spec are one line with nothing to unescape or fold; their
  // value is their text as written, read straight from the source. Only the rest go through
  // libfyaml's formatting (tokenText), which allocates per token.
  std::string scalarText(struct fy_token* token, std::size_t begin, std::size_t end) const {
    if (begin <= end && end <= working_.size()) {
      const std::string_view written = std::string_view(working_).substr(begin, end - begin);
      const bool oneLine = written.find_first_of("\r\n") == std::string_view::npos;
      bool verbatim = false;
      switch (fy_token_scalar_style(token)) {
        case FYSS_PLAIN: verbatim = oneLine; break;
        case FYSS_SINGLE_QUOTED: verbatim = oneLine && written.find('\'') == std::string_view::npos; break;
        case FYSS_DOUBLE_QUOTED: verbatim = oneLine && written.find('\\') == std::string_view::npos; break;
        default: break;
      }
      if (verbatim) return std::string(written);
    }
    return tokenText(token);
  }

  // libfyaml's quoted-scalar token covers the content only; Dalec and editors count the quotes.
  void widenToQuotes(ByteRange& range, char quote) const {
    if (range.begin > 0 && working_[range.begin - 1] == quote) --range.begin;
    if (range.end < working_.size() && working_[range.end] == quote) ++range.end;
  }

  // A block scalar's token starts at its first content line; the node starts at the '|' or '>'
  // after the key, and ends at its last non-blank character.
  void coverBlockScalar(ByteRange& range) const {
    for (std::size_t i = lastEnd_; i < range.begin && i < working_.size(); ++i) {
      if (working_[i] == '#') {
        while (i < range.begin && working_[i] != '\n') ++i;
        continue;
      }
      if (working_[i] == '|' || working_[i] == '>') {
        range.begin = i;
        break;
      }
    }
    while (range.end > range.begin && (working_[range.end - 1] == '\n' || working_[range.end - 1] == ' ' ||
                                       working_[range.end - 1] == '\r' || working_[range.end - 1] == '\t'))
      --range.end;
  }

  void onAlias(struct fy_event* event) {
    Node* node = newNode(NodeKind::Alias);
    struct fy_token* token = event->alias.anchor;
    node->aliasName = tokenText(token);
    const fy_mark* start = fy_event_start_mark(event);
    const fy_mark* end = fy_event_end_mark(event);
    node->range = {start ? start->input_pos : lastEnd_, end ? end->input_pos : lastEnd_};
    auto it = anchors_.find(node->aliasName);
    if (it != anchors_.end()) {
      node->target = it->second;
    } else {
      doc_.unknownAliases_.push_back({node});
    }
    attach(node);
  }

  void onCollectionStart(struct fy_event* event) {
    const bool mapping = event->type == FYET_MAPPING_START;
    Node* node = newNode(mapping ? NodeKind::Mapping : NodeKind::Sequence);
    struct fy_token* startToken = mapping ? event->mapping_start.mapping_start : event->sequence_start.sequence_start;
    node->anchor = tokenText(mapping ? event->mapping_start.anchor : event->sequence_start.anchor);
    node->tag = tokenText(mapping ? event->mapping_start.tag : event->sequence_start.tag);
    const std::size_t begin = startOf(event, lastEnd_);
    node->range = {begin, begin};
    // Flow collections start with their bracket; block ones with their first key or '-'.
    node->flow = startToken && begin < working_.size() && (working_[begin] == '{' || working_[begin] == '[');
    stack_.push_back(Frame{node, nullptr, {}});
  }

  void onCollectionEnd(struct fy_event* event) {
    if (stack_.empty()) return;
    Node* node = stack_.back().node;
    if (node->flow) {
      const fy_mark* end = fy_event_end_mark(event);
      node->range.end = end ? end->input_pos : lastEnd_;
    } else {
      node->range.end = std::max(node->range.begin, lastChildEnd(*node));
    }
    finish();
  }

  static std::size_t lastChildEnd(const Node& node) {
    std::size_t end = node.range.begin;
    for (const Pair& pair : node.pairs) {
      if (pair.key) end = std::max(end, pair.key->range.end);
      if (pair.value) end = std::max(end, pair.value->range.end);
    }
    for (const Node* item : node.items) end = std::max(end, item->range.end);
    return end;
  }

  // Pops the innermost collection and hangs it under its parent.
  void finish() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    if (frame.pendingKey) {
      // A key whose value never came (the stream broke): give it an empty value.
      Node* value = newNode(NodeKind::Scalar);
      value->isNull = true;
      value->range = {frame.pendingKey->range.end, frame.pendingKey->range.end};
      addPair(frame, frame.pendingKey, value);
    }
    if (!frame.node->anchor.empty()) anchors_[frame.node->anchor] = frame.node;
    attach(frame.node);
  }

  void attach(Node* node) {
    if (stack_.empty()) {
      if (!doc_.root_) doc_.root_ = node;
      return;
    }
    Frame& frame = stack_.back();
    node->parent = frame.node;
    if (frame.node->isSequence()) {
      frame.node->items.push_back(node);
    } else if (!frame.pendingKey) {
      frame.pendingKey = node;
    } else {
      Node* key = frame.pendingKey;
      frame.pendingKey = nullptr;
      addPair(frame, key, node);
    }
  }

  void addPair(Frame& frame, Node* key, Node* value) {
    frame.node->pairs.push_back({key, value});
    if (!key->isScalar() || key->value == "<<") return;
    auto [it, inserted] = frame.keys.emplace(key->value, key);
    if (!inserted) doc_.duplicates_.push_back({key, it->second});
  }

  void closeOpenNodes() {
    while (!stack_.empty()) {
      Node* node = stack_.back().node;
      node->range.end = std::max({node->range.begin, lastChildEnd(*node)});
      finish();
    }
  }

  ParseFailure describeFailure(const std::string& report) {
    ParseFailure failure;
    failure.offset = lastEnd_;
    failure.message = "invalid YAML";
    if (auto error = firstReportedError(report)) {
      failure.message = error->message;
      if (error->line > 0) failure.offset = doc_.lines_.fromRune({error->line, std::max(1, error->column)});
    }
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (it->node->flow) {
        failure.openFlowStart = it->node->range.begin;
        failure.openFlowIsSequence = it->node->isSequence();
        break;
      }
    }
    return failure;
  }

  Document& doc_;
  const std::string& working_;
  std::vector<Frame> stack_;
  std::unordered_map<std::string, Node*> anchors_;
  std::size_t lastEnd_ = 0;
};

namespace {

constexpr int kMaxRecoveries = 24;

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

  std::optional<ParseFailure> failure = TreeBuilder(*doc, working).run();
  for (int attempt = 0; failure; ++attempt) {
    doc->errors_.push_back(toSyntaxError(*failure, *doc));
    if (attempt == kMaxRecoveries) break;

    const LineIndex& lines = doc->lines();
    std::optional<ByteRange> chosen;
    std::optional<ParseFailure> chosenOutcome;
    bool treeIsChosen = false;  // whether doc currently holds the tree of the chosen blanking
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
        std::optional<ParseFailure> next = TreeBuilder(*doc, trial).run();
        const std::size_t reached = next ? next->offset : doc->text().size() + 1;
        treeIsChosen = false;
        if (reached > furthest) {
          furthest = reached;
          chosen = span;
          chosenOutcome = next;
          treeIsChosen = true;
          if (!next) break;  // the rest parses: no candidate can do better
        }
      }
    }
    if (!chosen) {
      // Nothing helped: the rest of the document stays unread. Rebuild the partial tree.
      TreeBuilder(*doc, working).run();
      break;
    }
    blank(working, *chosen);
    failure = treeIsChosen ? chosenOutcome : TreeBuilder(*doc, working).run();
  }
  return doc;
}

}  // namespace dalec::yaml
