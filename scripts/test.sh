#!/usr/bin/env bash
# The whole test suite: install what is missing, then build and run every test twice, once as
# is and once under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ ! -d ../shared/reference/specs ]; then
  echo "test: ../shared/reference (the reference specs beside the repository) is missing" >&2
  exit 2
fi
bash scripts/setup.sh
# The DAP client for dalec-dap's end-to-end tests, pinned by the lockfile.
npm ci --prefix tests/e2e/dap --no-audit --no-fund --loglevel=error
# The real BuildKit and buildx for the end-to-end suite: built once (a few minutes), then cached.
echo "== real BuildKit (tests/e2e/buildkit/install.sh)"
bash tests/e2e/buildkit/install.sh >/dev/null
# The real Dalec frontend (built from ../shared/third_party/dalec) and a Debian base image, served
# to the suite's daemons from a loopback registry: built once, then cached by their inputs.
echo "== real Dalec frontend (tests/e2e/buildkit/install-dalec.sh)"
start=$(date +%s)
bash tests/e2e/buildkit/install-dalec.sh >/dev/null
echo "   ready in $(( $(date +%s) - start )) s"

echo "== build (debug)"
bash scripts/build.sh build/debug -DCMAKE_BUILD_TYPE=Debug
echo "== tests (debug)"
ctest --test-dir build/debug --output-on-failure -j2

echo "== VS Code extension (build, package, tests)"
npm ci --prefix editors/vscode --no-audit --no-fund --loglevel=error
npm --prefix editors/vscode run --silent build
npm --prefix editors/vscode run --silent package >/dev/null
npm --prefix editors/vscode test
echo "== VS Code extension in a real VS Code (tests/e2e/vscode/run.sh: code-server, Chromium)"
start=$(date +%s)
DALEC_VSCODE_SCREENSHOTS="$root/build/vscode-screenshots" bash tests/e2e/vscode/run.sh
echo "   done in $(( $(date +%s) - start )) s; screenshots in build/vscode-screenshots"

echo "== build (asan+ubsan)"
bash scripts/build.sh build/asan -DCMAKE_BUILD_TYPE=Debug -DDALEC_SANITIZE=ON
echo "== tests (asan+ubsan)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build/asan --output-on-failure -j2

echo "== fuzzing (libFuzzer, ASan+UBSan, ${DALEC_FUZZ_SECONDS:-60} s per target)"
CC=clang-14 CXX=clang++-14 bash scripts/build.sh build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDALEC_FUZZ=ON
bash tests/fuzz/run.sh build/fuzz "${DALEC_FUZZ_SECONDS:-60}"
