#pragma once
// What the three spec fuzz targets share: a language server with a spec open, driven by messages
// as the editor sends them. The input is a document's text (the real specs are the seeds); each
// target asks different questions of it, so each runs thousands of inputs a second instead of the
// few dozen one target asking everything managed.
#include <asio/io_context.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "server/language_server.h"
#include "text/line_index.h"
#include "text/utf8.h"

namespace dalec::fuzz {

using nlohmann::json;

inline lsp::IncomingMessage request(int id, const std::string& method, json params) {
  lsp::IncomingMessage message;
  message.kind = lsp::IncomingMessage::Kind::Request;
  message.id = id;
  message.method = method;
  message.params = std::move(params);
  return message;
}

inline lsp::IncomingMessage notification(const std::string& method, json params) {
  lsp::IncomingMessage message;
  message.kind = lsp::IncomingMessage::Kind::Notification;
  message.method = method;
  message.params = std::move(params);
  return message;
}

// FNV-1a: positions and edits derived from the input itself, so mutations move them too.
inline std::uint64_t digest(std::string_view text) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

class SpecSession {
 public:
  // An editor's didOpen carries valid UTF-8 (JSON cannot carry anything else).
  SpecSession(const std::uint8_t* data, std::size_t size)
      : text(utf8::sanitize(std::string_view(reinterpret_cast<const char*>(data), size))),
        server(io, [](const json&) {}, [](const std::string&) {}) {
    server.handle(request(id++, "initialize",
                          {{"capabilities", {{"textDocument", {{"completion", {{"completionItem", {{"snippetSupport", true}}}}}}}}},
                           {"initializationOptions", {{"diagnosticsDelayMs", 0}, {"test", {{"buildArgs", {{"VERSION", "9"}}}}}}}}));
    server.handle(notification("initialized", json::object()));
    server.handle(notification("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", "dalec"}, {"version", 1}, {"text", text}}}}));
    io.poll();
  }
  void ask(const std::string& method, json params = json::object()) {
    params["textDocument"] = {{"uri", uri}};
    server.handle(request(id++, method, std::move(params)));
  }
  // Every request that takes a position, at `position`.
  void askAt(const json& position) {
    for (const char* method : {"textDocument/completion", "textDocument/hover", "textDocument/definition",
                               "textDocument/documentHighlight", "textDocument/prepareRename"})
      ask(method, {{"position", position}});
    ask("textDocument/references", {{"position", position}, {"context", {{"includeDeclaration", true}}}});
    ask("textDocument/rename", {{"position", position}, {"newName", "RENAMED"}});
    ask("textDocument/selectionRange", {{"positions", {position}}});
    ask("textDocument/codeAction", {{"range", {{"start", position}, {"end", position}}}, {"context", {{"diagnostics", json::array()}}}});
  }

  std::string text;
  asio::io_context io;
  lsp::LanguageServer server;
  const std::string uri = "file:///fuzz/spec.dalec.yml";
  int id = 1;
};

}  // namespace dalec::fuzz
