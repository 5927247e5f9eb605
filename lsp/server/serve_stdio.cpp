#include <unistd.h>

#include <csignal>
#include <iostream>

#include "server/language_server.h"
#include "transport/stdio_channel.h"

namespace dalec::lsp {

int serveStdio() {
  std::signal(SIGPIPE, SIG_IGN);  // a vanished client shows up as a failed write, not a signal
  asio::io_context io;
  StdioChannel channel(io, STDIN_FILENO, STDOUT_FILENO);
  LanguageServer server(
      io, [&](const nlohmann::json& message) { channel.send(message); },
      [](const std::string& line) { std::cerr << "dalec-lsp: " << line << std::endl; });
  bool inputEnded = false;
  channel.start(
      [&](const std::vector<IncomingMessage>& batch) {
        server.handleBatch(batch);
        if (server.exitRequested()) {
          channel.stop();
          io.stop();
        }
      },
      [&](const std::string& fault) { server.reportFramingFault(fault); },
      [&] {
        inputEnded = true;
        io.stop();
      });
  io.run();
  if (inputEnded && !server.exitRequested()) std::cerr << "dalec-lsp: input closed without exit" << std::endl;
  return server.exitCode();
}

}  // namespace dalec::lsp
