#!/usr/bin/env bash
# run.sh [TEST FILES...]: the extension's tests in a real VS Code. Installs code-server, Chromium and
# playwright-core (install.sh, cached), then runs node's test runner on this folder's *.test.js
# (or the files named), one file at a time: each file's editors are real browsers and servers.
# Needs the packaged extension (editors/vscode/dalec-tools.vsix, `npm run package` there) and the
# built binaries (DALEC_LSP_BINARY, DALEC_DAP_BINARY; default: build/debug). Screenshots go to
# DALEC_VSCODE_SCREENSHOTS when it is set.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
DALEC_CODE_SERVER="$(bash "$here/install.sh")"
export DALEC_CODE_SERVER
export DALEC_VSIX="${DALEC_VSIX:-$root/editors/vscode/dalec-tools.vsix}"
export DALEC_LSP_BINARY="${DALEC_LSP_BINARY:-$root/build/debug/lsp/dalec-lsp}"
export DALEC_DAP_BINARY="${DALEC_DAP_BINARY:-$root/build/debug/dap/dalec-dap}"
for file in "$DALEC_VSIX" "$DALEC_LSP_BINARY" "$DALEC_DAP_BINARY"; do
  [ -f "$file" ] || { echo "vscode-e2e: $file is missing (build and package first)" >&2; exit 1; }
done
cd "$here"
if [ $# -gt 0 ]; then
  exec node --test --test-concurrency=1 "$@"
fi
# The editing features and the failure notices need no daemon; Debug test, the Testing view and
# workspace trust run on a buildkitd of their own with the real Dalec frontend (one daemon: the
# spec's package is built once, by the first).
node --test --test-concurrency=1 editing.test.js failures.test.js
bash "$root/tests/e2e/buildkit/with-buildkitd.sh" node --test --test-concurrency=1 debugging.test.js testing.test.js
