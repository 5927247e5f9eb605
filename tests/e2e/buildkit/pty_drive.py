#!/usr/bin/env python3
"""pty_drive.py ROWS COLS SCRIPT.json -- COMMAND...: runs COMMAND in a pseudo-terminal of ROWS x COLS,
as an editor's integrated terminal runs what runInTerminal asks, and plays SCRIPT: a list of
{"send": text} (typed), {"expect": text} (wait until the output so far holds it, 30 s at most),
{"resize": [rows, cols]} (the terminal resized: the kernel sends SIGWINCH to COMMAND) and
{"send": text, "until": text} (typed again every 2 s until the output after the first send holds
"until", 30 s at most: BuildKit applies a resize on its own goroutine, so a command typed at once
may still see the old size, as a user who types within milliseconds of a resize would). Prints
{"output": ..., "exitCode": ..., "missed": ...} as JSON when COMMAND exits."""
import fcntl
import json
import os
import select
import struct
import sys
import termios
import time


def set_size(fd, rows, cols):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def main():
    rows, cols, script_path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    command = sys.argv[sys.argv.index("--") + 1:]
    with open(script_path) as f:
        script = json.load(f)
    master, slave = os.openpty()
    set_size(slave, rows, cols)
    pid = os.fork()
    if pid == 0:
        os.close(master)
        os.login_tty(slave)
        os.execvp(command[0], command)
    os.close(slave)
    output = b""
    missed = None

    def read_some(timeout):
        nonlocal output
        ready, _, _ = select.select([master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(master, 65536)
        except OSError:
            return False
        if not chunk:
            return False
        output += chunk
        return True

    alive = True
    for step in script:
        if "send" in step and "until" in step:
            start, wanted = len(output), step["until"].encode()
            deadline = time.time() + 30
            while alive and wanted not in output[start:] and time.time() < deadline:
                os.write(master, step["send"].encode())
                retry = time.time() + 2
                while alive and wanted not in output[start:] and time.time() < retry:
                    alive = read_some(0.2)
            if wanted not in output[start:]:
                missed = step["until"]
                break
        elif "send" in step:
            os.write(master, step["send"].encode())
        elif "resize" in step:
            set_size(master, *step["resize"])
        elif "expect" in step:
            deadline = time.time() + 30
            while alive and step["expect"].encode() not in output and time.time() < deadline:
                alive = read_some(0.2)
            if step["expect"].encode() not in output:
                missed = step["expect"]
                break
    deadline = time.time() + 30
    while alive and time.time() < deadline:
        alive = read_some(0.2)
    if alive:
        os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
    print(json.dumps({"output": output.decode(errors="replace"), "exitCode": code, "missed": missed}))


main()
