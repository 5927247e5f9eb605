#pragma once
// `dalec-dap shell SOCKET`: what the editor runs in its terminal for a shell at a stop. It puts the
// terminal in raw mode, relays keystrokes and the window size (again on every SIGWINCH) to
// dalec-dap over SOCKET, writes back what the shell prints, and exits with the shell's code.
namespace dalec::dap::terminal {

int runShellClient(const char* socketPath);

}  // namespace dalec::dap::terminal
