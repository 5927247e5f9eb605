// Fuzzes incremental edits: four didChange edits the input picks (where, how much to delete, what
// to insert: the fragments authors type, `${`, `: `, a list item, an anchor...), each re-analysed,
// with hover, completion and inlay hints asked where the edit landed. Covers the document store's
// range edits and re-analysis of half-typed specs.
#include "spec_fuzz_session.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using dalec::fuzz::json;
  dalec::fuzz::SpecSession session(data, size);
  static const char* const kTyped[] = {"${", "}", ": ", "\n  - ", "&a ", "*a", "\"", "# c", "name: x\n", "\t", "", "\n",
                                       "VERSION", "0o755", "- name: t\n    files:\n"};
  std::string text = session.text;
  std::uint64_t seed = dalec::fuzz::digest(text);
  for (int version = 2; version < 6; ++version) {
    const dalec::LineIndex lines(text);
    const std::size_t start = text.empty() ? 0 : seed % (text.size() + 1);
    const std::size_t removed = std::min<std::size_t>((seed >> 24) % 8, text.size() - start);
    const std::string inserted = kTyped[(seed >> 32) % (sizeof kTyped / sizeof *kTyped)];
    const auto from = lines.toUtf16(start);
    const auto to = lines.toUtf16(start + removed);
    const json range = {{"start", {{"line", from.line}, {"character", from.character}}}, {"end", {{"line", to.line}, {"character", to.character}}}};
    session.server.handle(dalec::fuzz::notification(
        "textDocument/didChange", {{"textDocument", {{"uri", session.uri}, {"version", version}}},
                                   {"contentChanges", {{{"range", range}, {"text", inserted}}}}}));
    session.io.poll();
    text.replace(start, removed, inserted);
    const json at = range["start"];
    session.ask("textDocument/hover", {{"position", at}});
    session.ask("textDocument/completion", {{"position", at}});
    session.ask("textDocument/inlayHint", {{"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 1 << 20}, {"character", 0}}}}}});
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
  }
  return 0;
}
