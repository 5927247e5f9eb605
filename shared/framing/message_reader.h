#pragma once
// Splits a byte stream into JSON-RPC message bodies using LSP's Content-Length framing.
// Framing faults (garbage, a header without Content-Length, a negative or oversized length) are
// reported and skipped: the reader resynchronises on the next "Content-Length:" header.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dalec::framing {

struct FramedMessage {
  std::string body;   // set for a complete message
  std::string fault;  // set instead when bytes had to be skipped
};

class MessageReader {
 public:
  static constexpr std::size_t kMaxBodyBytes = 256u << 20;  // 256 MiB
  static constexpr std::size_t kMaxHeaderBytes = 8u << 10;

  void feed(std::string_view bytes) { buffer_.append(bytes); }
  // The next complete message or fault, or nothing until more bytes arrive.
  std::optional<FramedMessage> next();
  std::size_t buffered() const { return buffer_.size() - consumed_; }

 private:
  std::optional<FramedMessage> skipTo(std::size_t offset, std::string fault);
  void compact();

  std::string buffer_;
  std::size_t consumed_ = 0;
};

}  // namespace dalec::framing
