// Fuzzes dalec-lsp's input path as the binary runs it: bytes through the Content-Length reader,
// each body classified as JSON-RPC and dispatched to the language server, whose features then run
// over whatever documents the input opened and edited. Nothing here may crash, hang or leak.
#include <asio/io_context.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "server/language_server.h"
#include "transport/json_rpc.h"
#include "framing/message_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  asio::io_context io;
  dalec::lsp::LanguageServer server(io, [](const nlohmann::json&) {}, [](const std::string&) {});
  dalec::framing::MessageReader reader;
  reader.feed(std::string_view(reinterpret_cast<const char*>(data), size));
  std::vector<dalec::lsp::IncomingMessage> batch;
  while (auto framed = reader.next()) {
    if (!framed->fault.empty()) {
      server.reportFramingFault(framed->fault);
      continue;
    }
    batch.push_back(dalec::lsp::classifyMessage(framed->body));
    if (batch.size() == 8) {  // a few messages per batch, as they arrive from a real pipe
      server.handleBatch(batch);
      batch.clear();
    }
    if (server.exitRequested()) return 0;
  }
  if (!batch.empty()) server.handleBatch(batch);
  // Analyses due now (a diagnosticsDelayMs of 0 in the input) run here; later ones are dropped.
  io.poll();
  return 0;
}
