// Fuzzes the spec model and every feature over it: the input is a document's text; the server
// opens it as a Dalec spec and answers each position-taking request at positions spread over the
// text, plus the whole-document ones. Covers the YAML parser's error recovery, the schema walk,
// every analysis rule, completion, hover, navigation, rename, outline, tokens, lenses and links.
#include <asio/io_context.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "server/language_server.h"
#include "text/line_index.h"
#include "text/utf8.h"

namespace {
using nlohmann::json;

dalec::lsp::IncomingMessage request(int id, const std::string& method, json params) {
  dalec::lsp::IncomingMessage message;
  message.kind = dalec::lsp::IncomingMessage::Kind::Request;
  message.id = id;
  message.method = method;
  message.params = std::move(params);
  return message;
}

dalec::lsp::IncomingMessage notification(const std::string& method, json params) {
  dalec::lsp::IncomingMessage message;
  message.kind = dalec::lsp::IncomingMessage::Kind::Notification;
  message.method = method;
  message.params = std::move(params);
  return message;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // An editor's didOpen carries valid UTF-8 (JSON cannot carry anything else).
  const std::string text = dalec::utf8::sanitize(std::string_view(reinterpret_cast<const char*>(data), size));
  asio::io_context io;
  dalec::lsp::LanguageServer server(io, [](const json&) {}, [](const std::string&) {});
  const std::string uri = "file:///fuzz/spec.dalec.yml";
  server.handle(request(1, "initialize", {{"capabilities", {{"textDocument", {{"completion", {{"completionItem", {{"snippetSupport", true}}}}}}}}},
                                          {"initializationOptions", {{"diagnosticsDelayMs", 0}}}}));
  server.handle(notification("initialized", json::object()));
  server.handle(notification("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", "dalec"}, {"version", 1}, {"text", text}}}}));
  io.poll();
  const json doc = {{"uri", uri}};
  int id = 2;
  for (const char* method : {"textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/semanticTokens/full",
                             "textDocument/codeLens", "textDocument/documentLink"})
    server.handle(request(id++, method, {{"textDocument", doc}}));
  // Positions on up to 8 lines spread over the document: at the line's start, inside it, past its
  // end. (More positions per input cost more executions than they add coverage.)
  const dalec::LineIndex lines(text);
  const int lineCount = static_cast<int>(lines.lineCount());
  const int stride = lineCount / 8 + 1;
  for (int line = 0; line < lineCount; line += stride) {
    for (int character : {0, 6, 200}) {
      const json position = {{"line", line}, {"character", character}};
      const json at = {{"textDocument", doc}, {"position", position}};
      for (const char* method : {"textDocument/completion", "textDocument/hover", "textDocument/definition",
                                 "textDocument/documentHighlight", "textDocument/prepareRename"})
        server.handle(request(id++, method, at));
      server.handle(request(id++, "textDocument/references", {{"textDocument", doc}, {"position", position}, {"context", {{"includeDeclaration", true}}}}));
      server.handle(request(id++, "textDocument/rename", {{"textDocument", doc}, {"position", position}, {"newName", "RENAMED"}}));
      server.handle(request(id++, "textDocument/selectionRange", {{"textDocument", doc}, {"positions", {position}}}));
      server.handle(request(id++, "textDocument/codeAction",
                            {{"textDocument", doc}, {"range", {{"start", position}, {"end", position}}}, {"context", {{"diagnostics", json::array()}}}}));
    }
  }
  return 0;
}
