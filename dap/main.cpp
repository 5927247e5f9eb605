// dalec-dap: a Debug Adapter (DAP over stdio) for Dalec specs: its own engine on BuildKit's gateway
// for a Dalec spec, a relay to `docker buildx dap build` for other files (session/adapter.h).
#include <unistd.h>

#include <asio/io_context.hpp>
#include <asio/posix/stream_descriptor.hpp>
#include <array>
#include <csignal>
#include <iostream>

#include "session/adapter.h"
#include "terminal/shell_client.h"
#include "framing/content_length_writer.h"
#include "framing/message_reader.h"

namespace {

// An editor that is gone shows up as end of input on stdin, which ends the session.
void writeMessage(const nlohmann::json& message) { dalec::framing::writeAll(STDOUT_FILENO, dalec::framing::frameMessage(message)); }

}  // namespace

int main(int argc, char** argv) {
  // The helper the editor runs in its terminal for a shell at a stop (native_shell.cpp).
  if (argc == 3 && std::string(argv[1]) == "shell") return dalec::dap::terminal::runShellClient(argv[2]);
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--version") {
      std::cout << "dalec-dap 0.1.0\n";
      return 0;
    }
    if (arg != "--stdio") {
      std::cerr << "usage: dalec-dap [--stdio]   (DAP over stdin/stdout; see the README for launch arguments)\n"
                   "       dalec-dap shell SOCKET   (run by the editor's terminal for a shell at a stop)\n";
      return 2;
    }
  }
  std::signal(SIGPIPE, SIG_IGN);
  asio::io_context io;
  asio::posix::stream_descriptor input(io, ::dup(STDIN_FILENO));
  dalec::framing::MessageReader reader;
  std::array<char, 65536> buffer{};
  dalec::dap::Adapter adapter(io, writeMessage, [](const std::string& line) { std::cerr << "dalec-dap: " << line << std::endl; });
  adapter.onFinished = [&] { io.stop(); };

  std::function<void()> readMore = [&] {
    input.async_read_some(asio::buffer(buffer), [&](const std::error_code& error, std::size_t n) {
      if (error) {
        adapter.onEditorClosed();
        if (adapter.finished()) io.stop();
        return;
      }
      reader.feed(std::string_view(buffer.data(), n));
      while (auto framed = reader.next()) {
        if (!framed->fault.empty()) {
          std::cerr << "dalec-dap: " << framed->fault << std::endl;
          continue;
        }
        auto message = nlohmann::json::parse(framed->body, nullptr, false);
        if (message.is_discarded()) {
          std::cerr << "dalec-dap: ignoring a message that is not JSON" << std::endl;
          continue;
        }
        adapter.onEditorMessage(message);
      }
      readMore();
    });
  };
  readMore();
  io.run();
  return 0;
}
