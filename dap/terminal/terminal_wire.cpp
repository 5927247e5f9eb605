#include "terminal/terminal_wire.h"

#include <unistd.h>

#include <cerrno>
#include <cstdint>

#include "framing/content_length_writer.h"

namespace dalec::dap::terminal {

namespace {

constexpr std::uint32_t kMaxPayload = 1u << 20;

bool readAll(int fd, char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

bool writeFrame(int fd, FrameKind kind, std::string_view payload) {
  const auto size = static_cast<std::uint32_t>(payload.size());
  const char header[5] = {static_cast<char>(kind), static_cast<char>(size >> 24), static_cast<char>(size >> 16),
                          static_cast<char>(size >> 8), static_cast<char>(size)};
  return framing::writeAll(fd, std::string_view(header, sizeof header)) && framing::writeAll(fd, payload);
}

bool readFrame(int fd, FrameKind& kind, std::string& payload) {
  unsigned char header[5];
  if (!readAll(fd, reinterpret_cast<char*>(header), sizeof header)) return false;
  const std::uint32_t size = (std::uint32_t{header[1]} << 24) | (std::uint32_t{header[2]} << 16) |
                             (std::uint32_t{header[3]} << 8) | std::uint32_t{header[4]};
  if (size > kMaxPayload) return false;
  kind = static_cast<FrameKind>(header[0]);
  payload.resize(size);
  return readAll(fd, payload.data(), size);
}

}  // namespace dalec::dap::terminal
