#!/usr/bin/env bash
# Quick start: install what is missing, build, check the bundled examples the way CI would, then
# run a short scripted editor session over the language server.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
bash scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release
lsp=build/release/lsp/dalec-lsp

echo
echo "\$ dalec-lsp check examples/*.yml"
"$lsp" check examples/*.yml && echo "(no problems; exit 0)"

echo
echo "\$ dalec-lsp check examples/mistakes/common-mistakes.yml"
set +e
"$lsp" check examples/mistakes/common-mistakes.yml
status=$?
set -e
echo "(exit $status: 1 means errors were found)"
[ "$status" = 1 ]

echo
echo "--- an editor session over stdio (dalec-lsp serve) ---"
build/release/tests/dalec-lsp-demo "$lsp" examples/mistakes/common-mistakes.yml
