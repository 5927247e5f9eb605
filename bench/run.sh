#!/usr/bin/env bash
# bench/run.sh: builds dalec-lsp and dalec-dap (release), installs the peers (yaml-language-server
# 1.25.0 pinned by the lockfile) and matplotlib, measures everything in one run and writes
# bench/results/latest.{json,md} and latency.png. Not part of the test suite. BENCH_QUICK=1
# makes a short smoke run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
bash "$root/scripts/setup.sh"
# Debian's Python, where Debian's matplotlib goes (a python3 earlier on PATH may be another one).
/usr/bin/python3 -c 'import matplotlib' 2>/dev/null ||
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-matplotlib >/dev/null
bash "$root/scripts/build.sh" "$root/build/release" -DCMAKE_BUILD_TYPE=Release
npm ci --prefix "$here" --no-audit --no-fund --loglevel=error
node "$here/run.js" "$root/build/release/lsp/dalec-lsp" "$root/build/release/dap/dalec-dap"
/usr/bin/python3 "$here/plot.py"
