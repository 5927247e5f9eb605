// Error recovery: libfyaml stops at the first error. We keep the error, blank the line that caused
// it (spaces, so every byte offset stays the same) and read on, a bounded number of times. What
// remains readable keeps its tree, and so its diagnostics, completion and outline.
//
// Which line to blank is decided by trying a few, most likely cause first. Each try is a probe
// (libfyaml's events, no tree), and the tree is built once, of the text recovery settles on. A
// probe need not read from the top: before a top-level key at column 0 the parser is in the same
// state whatever came before (see RootKeys), so a probe starts at the last such key before the
// tried lines. The first try that brings the parse back to such a key after the tried lines is
// taken at once: from there on every try would read the same text from the same state, so none
// can get further. Otherwise the try that gets furthest is taken.
#include "yaml/error_recovery.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "text/utf8.h"
#include "yaml/tree_builder.h"

namespace dalec::yaml {

namespace {

constexpr int kMaxRecoveries = 24;
constexpr std::size_t kNoEnd = std::string::npos;

void blank(std::string& text, ByteRange range) {
  for (std::size_t i = range.begin; i < range.end && i < text.size(); ++i) text[i] = ' ';
}

ByteRange wholeLine(const LineIndex& lines, std::size_t line) { return {lines.lineStart(line), lines.lineEnd(line)}; }

// Whether the failure's message names the line the parser stopped at (toSyntaxError).
bool namesStopLine(const ParseFailure& failure, const LineIndex& lines) {
  return failure.openFlowStart && lines.lineOf(*failure.openFlowStart) < lines.lineOf(failure.offset);
}

SyntaxError toSyntaxError(const ParseFailure& failure, const Document& doc) {
  const LineIndex& lines = doc.lines();
  const std::size_t errorLine = lines.lineOf(failure.offset);
  if (namesStopLine(failure, lines)) {
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

// The bracket still open lines after it, which is the cause of the failure: its span to blank.
std::optional<ByteRange> unclosedBracket(const ParseFailure& failure, const LineIndex& lines) {
  if (!failure.openFlowStart || lines.lineOf(*failure.openFlowStart) >= lines.lineOf(failure.offset)) return std::nullopt;
  return ByteRange{*failure.openFlowStart, lines.lineEnd(lines.lineOf(*failure.openFlowStart))};
}

// Spans whose blanking may let the parse continue, most likely cause first.
std::vector<ByteRange> recoveryCandidates(const ParseFailure& failure, const LineIndex& lines) {
  std::vector<ByteRange> candidates;
  candidates.reserve(5);  // at most: the bracket's span and line, and the three lines around the error
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
  const std::size_t errorLine = lines.lineOf(failure.offset);
  add(errorLine);
  if (errorLine > 0) add(errorLine - 1);
  if (errorLine + 1 < lines.lineCount()) add(errorLine + 1);
  return candidates;
}

class Recovery {
 public:
  Recovery(Document& doc, ProbeMode mode, std::string working, RootKeys rootKeys)
      : doc_(doc), mode_(mode), working_(std::move(working)), rootKeys_(std::move(rootKeys)) {}

  // Reads on from the failure; returns the text (the document's, with lines blanked) whose tree
  // the document is to have, and adds every failure met to the document's errors.
  std::string recover(ParseFailure failure, std::vector<SyntaxError>& errors) {
    for (int attempt = 0;; ++attempt) {
      errors.push_back(toSyntaxError(failure, doc_));
      errorsNameLines_ = errorsNameLines_ || namesStopLine(failure, doc_.lines());
      if (failure.placedFrom) readFrom_ = std::min(readFrom_, *failure.placedFrom);
      if (attempt == kMaxRecoveries) break;
      std::optional<Trial> chosen = chooseBlanking(failure);
      if (!chosen) break;  // nothing helped: the rest of the document stays unread
      blank(working_, chosen->span);
      rootKeys_ = std::move(chosen->rootKeys);
      if (!chosen->failure) break;
      failure = std::move(*chosen->failure);
    }
    return std::move(working_);
  }

  // Where the probes began to read: the earliest restart point any of them started from, or
  // earlier where an error was placed by reading from further back (ParseFailure::placedFrom).
  std::size_t readFrom() const { return readFrom_; }
  bool errorsNameLines() const { return errorsNameLines_; }

 private:
  // One blanking tried: where the text with it breaks, the restart points that text has, and
  // whether it reached one after the tried lines.
  struct Trial {
    ByteRange span;
    std::optional<ParseFailure> failure;
    RootKeys rootKeys;
    bool backInStep = false;
  };

  // Where the probes of one attempt read from (a restart point on a line before the first line any
  // of its tries changes), and where the lines they change end.
  struct Window {
    std::size_t from = 0;
    std::size_t changedEnd = kNoEnd;
  };

  std::optional<Trial> chooseBlanking(const ParseFailure& failure) {
    const LineIndex& lines = doc_.lines();
    if (std::optional<ByteRange> bracket = unclosedBracket(failure, lines)) return tryBlanking(windowFor({*bracket}), *bracket);
    // Keep the first blanking that brings the parse back in step, else the one that gets furthest
    // (the first of equals).
    const std::vector<ByteRange> candidates = recoveryCandidates(failure, lines);
    const Window window = windowFor(candidates);
    std::optional<Trial> best;
    std::size_t furthest = failure.offset;
    for (ByteRange span : candidates) {
      std::optional<Trial> trial = tryBlanking(window, span);
      if (!trial) continue;
      const std::size_t reached = trial->failure ? trial->failure->offset : working_.size() + 1;
      if (reached <= furthest) continue;
      furthest = reached;
      best = std::move(trial);
      if (!best->failure || best->backInStep) break;
    }
    return best;
  }

  Window windowFor(const std::vector<ByteRange>& spans) const {
    Window window;
    const LineIndex& lines = doc_.lines();
    std::size_t firstLine = lines.lineCount(), lastLine = 0;
    for (ByteRange span : spans) {
      firstLine = std::min(firstLine, lines.lineOf(span.begin));
      lastLine = std::max(lastLine, lines.lineOf(span.end));
    }
    if (lastLine + 1 < lines.lineCount()) window.changedEnd = lines.lineStart(lastLine + 1);
    if (mode_ == ProbeMode::WholeText) return window;
    const auto after = std::lower_bound(rootKeys_.begin(), rootKeys_.end(), lines.lineStart(firstLine));
    if (after != rootKeys_.begin()) window.from = *std::prev(after);
    return window;
  }

  // Probes the text with `span` blanked. The blanking is made in working_ itself and undone after
  // (the texts are as long as the document, and most tries are not kept).
  std::optional<Trial> tryBlanking(Window window, ByteRange span) {
    span.end = std::min(span.end, working_.size());
    // Kept in a buffer that outlives the tries: most lines are longer than a string holds in place.
    unblanked_.assign(working_, span.begin, span.end - span.begin);
    if (unblanked_.find_first_not_of(' ') == std::string::npos) return std::nullopt;  // nothing to blank
    blank(working_, span);
    Trial trial{span, std::nullopt, {}};
    probeBlanked(window, trial);
    working_.replace(span.begin, unblanked_.size(), unblanked_);
    return trial;
  }

  void probeBlanked(Window window, Trial& trial) {
    // As many as the text had before this try, and a few: most tries find about as many again.
    trial.rootKeys.reserve(rootKeys_.size() + 8);
    trial.rootKeys.assign(rootKeys_.begin(), std::lower_bound(rootKeys_.begin(), rootKeys_.end(), window.from));
    trial.failure = TreeBuilder::check(doc_, working_, {window.from, working_.size()}, &trial.rootKeys);
    readFrom_ = std::min(readFrom_, window.from);
    if (window.from > 0 && trial.failure && !trial.failure->located) {
      // libfyaml did not say where: its fallback, where the last event ended, needs the whole parse.
      readFrom_ = 0;
      trial.rootKeys.clear();
      trial.failure = TreeBuilder::check(doc_, working_, {0, working_.size()}, &trial.rootKeys);
    }
    trial.backInStep = std::lower_bound(trial.rootKeys.begin(), trial.rootKeys.end(), window.changedEnd) != trial.rootKeys.end();
  }

  Document& doc_;
  ProbeMode mode_;
  std::string working_;
  RootKeys rootKeys_;  // of working_
  std::string unblanked_;  // what the try in progress blanked, to put back
  std::size_t readFrom_ = kNoEnd;
  bool errorsNameLines_ = false;
};

}  // namespace

std::shared_ptr<const Document> parseWith(std::string text, ProbeMode mode) {
  if (!utf8::isValid(text)) text = utf8::sanitize(text);
  auto doc = std::make_shared<Document>(std::move(text));
  RootKeys rootKeys;
  std::optional<ParseFailure> failure = TreeBuilder::replaceTree(*doc, doc->text(), &rootKeys);
  if (!failure) return doc;
  Recovery recovery(*doc, mode, doc->text(), std::move(rootKeys));
  const std::string settled = recovery.recover(std::move(*failure), doc->errors_);
  // No probe at all (the attempts ran out at once) leaves the first parse as the only reader.
  doc->recoveryReadFrom_ = std::min(recovery.readFrom(), doc->errors_.front().range.begin);
  doc->errorsNameLines_ = recovery.errorsNameLines();
  TreeBuilder::replaceTree(*doc, settled);
  return doc;
}

std::shared_ptr<const Document> parse(std::string text) { return parseWith(std::move(text), ProbeMode::FromRestartPoints); }

}  // namespace dalec::yaml
