#pragma once
// Reads framed messages from a file descriptor on an asio io_context and writes framed messages
// back. Output is written synchronously from the io thread, so messages never interleave.
#include <asio/io_context.hpp>
#include <asio/posix/stream_descriptor.hpp>
#include <array>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "transport/json_rpc.h"
#include "framing/message_reader.h"

namespace dalec::lsp {

class StdioChannel {
 public:
  using BatchHandler = std::function<void(const std::vector<IncomingMessage>&)>;
  using FaultHandler = std::function<void(const std::string&)>;

  StdioChannel(asio::io_context& io, int inputFd, int outputFd);
  void start(BatchHandler onBatch, FaultHandler onFault, std::function<void()> onEnd);
  void send(const nlohmann::json& message);
  void stop();

 private:
  void readMore();

  asio::posix::stream_descriptor input_;
  int outputFd_;
  bool outputBroken_ = false;
  framing::MessageReader reader_;
  std::array<char, 1 << 16> buffer_{};
  BatchHandler onBatch_;
  FaultHandler onFault_;
  std::function<void()> onEnd_;
};

}  // namespace dalec::lsp
