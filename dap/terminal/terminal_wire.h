#pragma once
// The wire between dalec-dap and `dalec-dap shell SOCKET`, the helper the editor runs in its
// terminal (runInTerminal): frames of one kind byte, a 4-byte big-endian length and the payload,
// over a unix socket.
#include <string>
#include <string_view>

namespace dalec::dap::terminal {

enum class FrameKind : char {
  Input = 'i',   // helper -> dalec-dap: what the user typed
  Size = 's',    // helper -> dalec-dap: "ROWS COLS", at the start and on every resize
  Output = 'o',  // dalec-dap -> helper: what the process wrote
  Exit = 'x',    // dalec-dap -> helper: the exit code, or a reason the shell could not run
};

bool writeFrame(int fd, FrameKind kind, std::string_view payload);
// Blocks for a whole frame; false at the end of the stream or on a malformed frame.
bool readFrame(int fd, FrameKind& kind, std::string& payload);

}  // namespace dalec::dap::terminal
