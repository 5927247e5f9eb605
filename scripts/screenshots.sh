#!/usr/bin/env bash
# Makes the README's editor screenshots again (docs/screenshots/*.png): the real-editor tests of
# tests/e2e/vscode, run with the built extension and binaries, write them as they go.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
npm ci --prefix editors/vscode --no-audit --no-fund --loglevel=error
npm --prefix editors/vscode run --silent build
npm --prefix editors/vscode run --silent package >/dev/null
rm -rf docs/screenshots
DALEC_VSCODE_SCREENSHOTS="$root/docs/screenshots" bash tests/e2e/vscode/run.sh
ls docs/screenshots
