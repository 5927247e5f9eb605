// The tree builder: libfyaml's events -> Nodes with exact byte ranges.
//
// Why events and not libfyaml's document API: in 0.7.12 the document API exposes no start/end
// marks for collections and returns nothing at all on the first error, while every event carries
// exact marks and the events before an error are still delivered. Duplicate keys are not flagged in
// the event stream, so the builder detects them itself (Dalec treats them as errors).
#include "yaml/tree_builder.h"

#include <libfyaml.h>

#include <algorithm>
#include <cstring>

#include "text/utf8.h"
#include "yaml/anchor_name_error.h"
#include "yaml/scalar_dialect.h"

namespace dalec::yaml {

namespace {

// The first error libfyaml reported. It collects them (fy_diag_set_collect_errors) rather than
// formatting each into a report with the source line underlined, which was a tenth of error
// recovery's time: recovery's probes all end in an error. fy_diag_destroy frees what it collected.
std::optional<ReportedError> firstCollectedError(struct fy_diag* diag) {
  void* iterator = nullptr;
  for (const fy_diag_error* error; (error = fy_diag_errors_iterate(diag, &iterator)) != nullptr;) {
    if (error->type != FYET_ERROR) continue;
    std::string_view message = error->msg ? error->msg : "";
    message = message.substr(0, message.find('\n'));
    return ReportedError{error->line, error->column, std::string(message)};
  }
  return std::nullopt;
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


// The offset of libfyaml's line and column (1-based, code points), counted from where its input
// began. Its lines end at a line feed, a carriage return and line feed, or a carriage return alone
// (YAML's line breaks): not the editor's lines when a lone carriage return is in the text.
std::size_t offsetOfReported(std::string_view text, std::size_t from, int line, int column) {
  std::size_t at = from;
  for (int breaks = 1; breaks < line && at < text.size(); ++at) {
    if (text[at] == '\n' || (text[at] == '\r' && (at + 1 == text.size() || text[at + 1] != '\n'))) ++breaks;
  }
  for (int counted = 1; counted < column && at < text.size() && text[at] != '\n' && text[at] != '\r'; ++counted)
    at += utf8::sequenceLength(static_cast<unsigned char>(text[at]));
  return std::min(at, text.size());
}

}  // namespace

TreeBuilder::TreeBuilder(Document& doc, const std::string& working, ByteRange span)
    : doc_(doc), working_(working), span_(span), lastEnd_(span.begin) {}

std::size_t TreeBuilder::at(const fy_mark* mark) const { return span_.begin + mark->input_pos; }

std::optional<ParseFailure> TreeBuilder::replaceTree(Document& doc, const std::string& working, RootKeys* rootKeys) {
  doc.nodes_.clear();
  doc.duplicates_.clear();
  doc.unknownAliases_.clear();
  TreeBuilder builder(doc, working);
  builder.rootKeys_ = rootKeys;
  std::optional<ParseFailure> failure = builder.run();
  doc.root_ = builder.root();
  doc.usesAnchors_ = builder.sawAnchorOrAlias();
  sortDuplicates(doc.duplicates_);
  return failure;
}

std::optional<ParseFailure> TreeBuilder::check(Document& doc, const std::string& working, ByteRange span, RootKeys* rootKeys,
                                               ScalarReach* reach) {
  TreeBuilder builder(doc, working, span);
  builder.probeOnly_ = true;
  builder.rootKeys_ = rootKeys;
  builder.reach_ = reach;
  return builder.run();
}

std::optional<ParseFailure> TreeBuilder::run() {
  // A parser per run: libfyaml 0.7.12 cannot be given a second input (fy_parser_reset frees the
  // first one twice, and fy_parser_set_string refuses after an error).
  fy_diag_cfg diagConfig;
  fy_diag_cfg_default(&diagConfig);
  diagConfig.fp = nullptr;  // nothing printed: errors are collected, other messages dropped
  diagConfig.output_fn = nullptr;
  diagConfig.colorize = false;
  struct fy_diag* diag = fy_diag_create(&diagConfig);
  if (!diag) return ParseFailure{span_.begin, "the YAML parser could not be created", std::nullopt, false};
  fy_diag_set_collect_errors(diag, true);

  fy_parse_cfg config{};
  // YAML 1.2 core rules; Dalec's own scalar dialect is applied by scalar_dialect on top.
  config.flags = static_cast<fy_parse_cfg_flags>(FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2 | FYPCF_DISABLE_DEPTH_LIMIT);
  config.diag = diag;
  struct fy_parser* parser = fy_parser_create(&config);
  if (!parser) {
    fy_diag_destroy(diag);
    return ParseFailure{span_.begin, "the YAML parser could not be created", std::nullopt, false};
  }
  fy_parser_set_string(parser, working_.data() + span_.begin, span_.end - span_.begin);
  // Deep enough for a spec's nesting in one allocation each, rather than growing a level at a time
  // on every run (recovery runs the builder about ten times per broken text).
  open_.reserve(kTypicalDepth);
  if (!probeOnly_) {
    stack_.reserve(kTypicalDepth);
    openPairs_.reserve(4 * kTypicalDepth);
    openItems_.reserve(kTypicalDepth);
  }

  std::optional<ParseFailure> failure;
  int documents = 0;
  bool done = false;
  while (!done) {
    struct fy_event* event = fy_parser_parse(parser);
    if (!event) break;
    noteRootKey(event);
    switch (event->type) {
      case FYET_DOCUMENT_START:
        // Dalec reads one document; later ones are not part of the spec.
        if (++documents > 1) done = true;
        break;
      case FYET_SCALAR:
        if (!probeOnly_) onScalar(event);
        if (reach_) noteScalarReach(event);
        break;
      case FYET_ALIAS:
        if (!probeOnly_) onAlias(event);
        break;
      case FYET_MAPPING_START:
      case FYET_SEQUENCE_START: onCollectionStart(event); break;
      case FYET_MAPPING_END:
      case FYET_SEQUENCE_END: onCollectionEnd(event); break;
      default: break;
    }
    if (const fy_mark* end = fy_event_end_mark(event)) lastEnd_ = std::max(lastEnd_, at(end));
    // The stream and document starts and the root's start exist only because the span was read
    // alone; every later event is one the whole text has too.
    const bool rootStart = (event->type == FYET_MAPPING_START || event->type == FYET_SEQUENCE_START) && stack_.size() == 1 && !root_;
    if (event->type != FYET_STREAM_START && event->type != FYET_DOCUMENT_START && !rootStart) sharedEventSeen_ = true;
    fy_parser_event_free(parser, event);
  }

  doc_.parsedBytes_ += span_.end - span_.begin;
  if (!done && fy_parser_get_stream_error(parser)) {
    failure = describeFailure(firstCollectedError(diag));
    if (!probeOnly_) closeOpenNodes();
  }
  fy_parser_destroy(parser);
  fy_diag_destroy(diag);
  return failure;
}

void TreeBuilder::noteRootKey(struct fy_event* event) {
  if (open_.size() != 1 || (event->type != FYET_SCALAR && event->type != FYET_ALIAS)) return;
  const bool key = rootChildren_++ % 2 == 0;
  if (!key || !rootRestartable_ || event->type != FYET_SCALAR || !event->scalar.value) return;
  if (fy_token_scalar_style(event->scalar.value) != FYSS_PLAIN) return;
  const fy_mark* start = fy_token_start_mark(event->scalar.value);
  if (!start) return;
  const std::size_t begin = at(start);
  if (begin != 0 && working_[begin - 1] != '\n') return;
  // Within the text libfyaml reads a byte order mark as a character of the key; at the start of a
  // probe's input it drops it, and the line's indentation then decides what the key is.
  if (std::string_view(working_).substr(begin, 3) == "\xef\xbb\xbf") return;
  if (rootKeys_) rootKeys_->push_back(begin);
}

void TreeBuilder::noteScalarReach(struct fy_event* event) {
  const fy_mark* start = fy_event_start_mark(event);
  const fy_mark* end = fy_event_end_mark(event);
  if (start && end && at(start) < reach_->before) reach_->end = std::max(reach_->end, at(end));
}

// A root mapping at column 0 with nothing before it in the span but blank lines and comments: a
// directive, a `---` or a byte order mark would be state a parse from a later key does not have.
bool TreeBuilder::startsRestartableRoot(std::size_t begin) const {
  if (begin < span_.begin || begin > working_.size() || (begin != 0 && working_[begin - 1] != '\n')) return false;
  for (std::size_t line = span_.begin; line < begin;) {
    std::size_t end = working_.find('\n', line);
    if (end == std::string::npos || end >= begin) end = begin;
    const std::size_t content = working_.find_first_not_of(" \t\r", line);
    if (content < end && working_[content] != '#') return false;
    line = end + 1;
  }
  return true;
}

Node* TreeBuilder::newNode(NodeKind kind) {
  Node& node = doc_.nodes_.add();
  node.kind = kind;
  return &node;
}

std::size_t TreeBuilder::previousEnd() {
  // Read in place, the first events of the span's own content come after events before the span,
  // and the end of the span's last block collection is marked at the next token after the span.
  if (!sharedEventSeen_ || (lastEnd_ >= span_.end && span_.end < working_.size())) placedFromOutside_ = true;
  return lastEnd_;
}

void TreeBuilder::onScalar(struct fy_event* event) {
  Node* node = newNode(NodeKind::Scalar);
  struct fy_token* token = event->scalar.value;
  node->setLabels(tokenText(event->scalar.anchor), tokenText(event->scalar.tag));
  const fy_mark* start = token ? fy_token_start_mark(token) : nullptr;
  const fy_mark* end = token ? fy_token_end_mark(token) : nullptr;
  if (!start || !end) {
    // A value written as nothing ("key:"): an empty node where the value would be, after the ':'.
    node->isNull = true;
    std::size_t where = previousEnd();
    while (where < working_.size() && (working_[where] == ' ' || working_[where] == '\t')) ++where;
    where = (where < working_.size() && working_[where] == ':') ? where + 1 : lastEnd_;
    node->range = {where, where};
  } else {
    node->value = scalarText(token, at(start), at(end));
    node->range = {at(start), at(end)};
    switch (fy_token_scalar_style(token)) {
      case FYSS_SINGLE_QUOTED: node->style = ScalarStyle::SingleQuoted; widenToQuotes(node->range, '\''); break;
      case FYSS_DOUBLE_QUOTED: node->style = ScalarStyle::DoubleQuoted; widenToQuotes(node->range, '"'); break;
      case FYSS_LITERAL: node->style = ScalarStyle::Literal; coverBlockScalar(node->range); break;
      case FYSS_FOLDED: node->style = ScalarStyle::Folded; coverBlockScalar(node->range); break;
      default: node->style = ScalarStyle::Plain; break;
    }
    node->isNull = node->style == ScalarStyle::Plain && node->tag().empty() && isNullLiteral(node->value);
    // libfyaml gives a block scalar with no content lines the next line at its key's column.
    const bool blockScalar = node->style == ScalarStyle::Literal || node->style == ScalarStyle::Folded;
    if (blockScalar && node->value.find_first_not_of('\n') == std::string::npos) placedFromOutside_ = true;
  }
  if (!node->anchor().empty()) {
    anchors_[node->anchor()] = node;
    sawAnchorOrAlias_ = true;
  }
  attach(node);
}

// A scalar's value. Most scalars of a spec are one line with nothing to unescape or fold; their
// value is their text as written, read straight from the source. Only the rest go through
// libfyaml's formatting (tokenText), which allocates per token.
std::string TreeBuilder::scalarText(struct fy_token* token, std::size_t begin, std::size_t end) const {
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
void TreeBuilder::widenToQuotes(ByteRange& range, char quote) const {
  if (range.begin > span_.begin && working_[range.begin - 1] == quote) --range.begin;
  if (range.end < span_.end && working_[range.end] == quote) ++range.end;
}

// A block scalar's token starts at its first content line; the node starts at the '|' or '>'
// after the key, and ends at its last non-blank character.
void TreeBuilder::coverBlockScalar(ByteRange& range) {
  for (std::size_t i = previousEnd(); i < range.begin && i < working_.size(); ++i) {
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

void TreeBuilder::onAlias(struct fy_event* event) {
  Node* node = newNode(NodeKind::Alias);
  sawAnchorOrAlias_ = true;
  node->setLabels(tokenText(event->alias.anchor), {});
  const fy_mark* start = fy_event_start_mark(event);
  const fy_mark* end = fy_event_end_mark(event);
  node->range = {start ? at(start) : previousEnd(), end ? at(end) : previousEnd()};
  auto it = anchors_.find(node->aliasName());
  if (it != anchors_.end()) {
    node->target = it->second;
  } else {
    doc_.unknownAliases_.push_back({node});
  }
  attach(node);
}

void TreeBuilder::onCollectionStart(struct fy_event* event) {
  const bool mapping = event->type == FYET_MAPPING_START;
  struct fy_token* startToken = mapping ? event->mapping_start.mapping_start : event->sequence_start.sequence_start;
  const fy_mark* mark = fy_event_start_mark(event);
  const std::size_t begin = mark ? at(mark) : previousEnd();
  // Flow collections start with their bracket; block ones with their first key or '-', which can
  // be a bracket too (`[a, b]: c`, a block mapping whose key is a flow sequence): the token says.
  const fy_token_type startType = startToken ? fy_token_get_type(startToken) : FYTT_NONE;
  const bool flow = (startType == FYTT_FLOW_MAPPING_START || startType == FYTT_FLOW_SEQUENCE_START) &&
                    begin < working_.size() && (working_[begin] == '{' || working_[begin] == '[');
  if (open_.empty()) rootRestartable_ = mapping && !flow && startsRestartableRoot(begin);
  open_.push_back(OpenCollection{begin, flow, !mapping});
  if (probeOnly_) return;
  Node* node = newNode(mapping ? NodeKind::Mapping : NodeKind::Sequence);
  node->setLabels(tokenText(mapping ? event->mapping_start.anchor : event->sequence_start.anchor),
                  tokenText(mapping ? event->mapping_start.tag : event->sequence_start.tag));
  node->range = {begin, begin};
  node->flow = flow;
  stack_.push_back(Frame{node, nullptr, openPairs_.size(), openItems_.size()});
}

void TreeBuilder::onCollectionEnd(struct fy_event* event) {
  if (open_.empty()) return;
  open_.pop_back();
  if (open_.size() == 1) ++rootChildren_;
  if (probeOnly_) return;
  Node* node = stack_.back().node;
  takeChildren(stack_.back());
  if (node->flow) {
    const fy_mark* end = fy_event_end_mark(event);
    node->range.end = end ? at(end) : previousEnd();
  } else {
    node->range.end = std::max(node->range.begin, lastChildEnd(*node));
  }
  finish();
}

// Pops the innermost collection and hangs it under its parent.
void TreeBuilder::finish() {
  Frame frame = std::move(stack_.back());
  stack_.pop_back();
  if (frame.pendingKey) {
    // A key whose value never came (the stream broke): give it an empty value.
    Node* value = newNode(NodeKind::Scalar);
    value->isNull = true;
    value->range = {frame.pendingKey->range.end, frame.pendingKey->range.end};
    value->parent = frame.node;
    frame.node->pairs.push_back({frame.pendingKey, value});
    // The collection's end was taken from its pairs, which the key was not yet one of.
    frame.node->range.end = std::max(frame.node->range.end, lastChildEnd(*frame.node));
  }
  if (frame.node->isMapping()) findDuplicateKeys(*frame.node, doc_.duplicates_);
  if (!frame.node->anchor().empty()) {
    anchors_[frame.node->anchor()] = frame.node;
    sawAnchorOrAlias_ = true;
  }
  attach(frame.node);
}

void TreeBuilder::attach(Node* node) {
  if (stack_.empty()) {
    if (!root_) root_ = node;
    return;
  }
  Frame& frame = stack_.back();
  node->parent = frame.node;
  if (frame.node->isSequence()) {
    openItems_.push_back(node);
  } else if (!frame.pendingKey) {
    frame.pendingKey = node;
  } else {
    Node* key = frame.pendingKey;
    frame.pendingKey = nullptr;
    openPairs_.push_back({key, node});
  }
}

void TreeBuilder::takeChildren(Frame& frame) {
  if (openPairs_.size() > frame.firstPair) {
    frame.node->pairs.assign(openPairs_.begin() + static_cast<std::ptrdiff_t>(frame.firstPair), openPairs_.end());
    openPairs_.resize(frame.firstPair);
  }
  if (openItems_.size() > frame.firstItem) {
    frame.node->items.assign(openItems_.begin() + static_cast<std::ptrdiff_t>(frame.firstItem), openItems_.end());
    openItems_.resize(frame.firstItem);
  }
}

void TreeBuilder::closeOpenNodes() {
  while (!stack_.empty()) {
    Node* node = stack_.back().node;
    takeChildren(stack_.back());
    node->range.end = std::max({node->range.begin, lastChildEnd(*node)});
    finish();
  }
}

ParseFailure TreeBuilder::describeFailure(std::optional<ReportedError> error) {
  ParseFailure failure;
  failure.offset = lastEnd_;
  failure.message = "invalid YAML";
  failure.located = false;
  if (error) {
    failure.message = std::move(error->message);
    failure.located = error->line > 0;
    if (error->line > 0) {
      // The line index has the editor's lines, which are libfyaml's unless a lone '\r' is in the text.
      const int spanLine = static_cast<int>(doc_.lines_.lineOf(span_.begin));
      failure.offset = working_.find('\r', span_.begin) == std::string::npos
                           ? doc_.lines_.fromRune({error->line + spanLine, std::max(1, error->column)})
                           : offsetOfReported(working_, span_.begin, error->line, error->column);
      const std::string_view read = std::string_view(working_).substr(0, span_.end);
      if (isAnchorNameError(failure.message)) failure.placedFrom = span_.begin;
      if (auto placed = placeAnchorNameError(read, span_.begin, failure.offset, failure.message)) {
        failure.offset = placed->offset;
        failure.message = std::move(placed->message);
      }
    }
  }
  for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
    if (it->flow) {
      failure.openFlowStart = it->begin;
      failure.openFlowIsSequence = it->sequence;
      break;
    }
  }
  return failure;
}

std::size_t lastChildEnd(const Node& node) {
  std::size_t end = node.range.begin;
  for (const Pair& pair : node.pairs) {
    if (pair.key) end = std::max(end, pair.key->range.end);
    if (pair.value) end = std::max(end, pair.value->range.end);
  }
  for (const Node* item : node.items) end = std::max(end, item->range.end);
  return end;
}

void findDuplicateKeys(Node& mapping, std::vector<DuplicateKey>& duplicates) {
  mapping.mergeKeys = false;
  auto counts = [&](const Node* key) {
    if (!key || !key->isScalar()) return false;
    if (key->value != "<<") return true;
    mapping.mergeKeys = mapping.mergeKeys || key->style == ScalarStyle::Plain;
    return false;
  };
  const std::vector<Pair>& pairs = mapping.pairs;
  if (pairs.size() <= 16) {
    // Most mappings of a spec are this small: compare each key with the ones before it.
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      if (!counts(pairs[i].key)) continue;
      for (std::size_t j = 0; j < i; ++j) {
        const Node* earlier = pairs[j].key;
        if (earlier && earlier->isScalar() && earlier->value == pairs[i].key->value) {
          duplicates.push_back({pairs[i].key, earlier});
          break;
        }
      }
    }
    return;
  }
  std::vector<std::pair<std::string_view, std::size_t>> keys;  // a key's value and its pair's index
  keys.reserve(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i)
    if (counts(pairs[i].key)) keys.emplace_back(pairs[i].key->value, i);
  std::sort(keys.begin(), keys.end());
  for (std::size_t first = 0, i = 1; i < keys.size(); ++i) {
    if (keys[i].first != keys[first].first) {
      first = i;
      continue;
    }
    duplicates.push_back({pairs[keys[i].second].key, pairs[keys[first].second].key});
  }
}

void sortDuplicates(std::vector<DuplicateKey>& duplicates) {
  std::stable_sort(duplicates.begin(), duplicates.end(), [](const DuplicateKey& a, const DuplicateKey& b) {
    return a.key->range.begin < b.key->range.begin;
  });
}

}  // namespace dalec::yaml
