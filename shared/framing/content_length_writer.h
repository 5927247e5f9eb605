#pragma once
// Writing Content-Length framed JSON messages (LSP and DAP frame them the same way).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace dalec::framing {

// "Content-Length: N\r\n\r\n<json>". Invalid UTF-8 in strings is replaced rather than thrown on.
std::string frameMessage(const nlohmann::json& message);
// Writes everything, retrying on EINTR; false when the reader is gone.
bool writeAll(int fd, std::string_view bytes);

}  // namespace dalec::framing
