#include "transport/stdio_channel.h"

#include "framing/content_length_writer.h"

#include <unistd.h>

#include <cerrno>

namespace dalec::lsp {

StdioChannel::StdioChannel(asio::io_context& io, int inputFd, int outputFd)
    : input_(io, ::dup(inputFd)), outputFd_(outputFd) {}

void StdioChannel::start(BatchHandler onBatch, FaultHandler onFault, std::function<void()> onEnd) {
  onBatch_ = std::move(onBatch);
  onFault_ = std::move(onFault);
  onEnd_ = std::move(onEnd);
  readMore();
}

void StdioChannel::stop() {
  std::error_code ignored;
  input_.cancel(ignored);
  input_.close(ignored);
}

void StdioChannel::readMore() {
  input_.async_read_some(asio::buffer(buffer_), [this](const std::error_code& error, std::size_t bytes) {
    if (error) {
      if (error != asio::error::operation_aborted && onEnd_) onEnd_();
      return;
    }
    reader_.feed(std::string_view(buffer_.data(), bytes));
    std::vector<IncomingMessage> batch;
    while (auto framed = reader_.next()) {
      if (!framed->fault.empty()) {
        onFault_(framed->fault);
        continue;
      }
      batch.push_back(classifyMessage(framed->body));
    }
    if (!batch.empty()) onBatch_(batch);
    if (input_.is_open()) readMore();
  });
}

void StdioChannel::send(const nlohmann::json& message) {
  if (outputBroken_) return;
  // A client that is gone shows up on the read side as end of input.
  if (!framing::writeAll(outputFd_, framing::frameMessage(message))) outputBroken_ = true;
}

}  // namespace dalec::lsp
