#!/usr/bin/env bash
# bench/engine.sh: dalec-dap's own engine against the real buildkitd and Dalec frontend (the end-to-end
# suite's, tests/e2e/buildkit), twice on a fresh daemon: once meeting the cold cache with a debug
# session, once with `dalec-lsp test`. Writes bench/results/engine.{json,md}. Not part of the suite.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="${DALEC_BENCH_BUILD:-$root/build/release}"  # DALEC_BENCH_BUILD_KIND names it in the report
[ -x "$build/dap/dalec-dap" ] || bash "$root/scripts/build.sh" "$build" -DCMAKE_BUILD_TYPE=Release
npm ci --prefix "$root/tests/e2e/dap" --no-audit --no-fund --loglevel=error
work="$here/results"  # each run's own figures stay beside the report
for first in dap lsp; do
  "$root/tests/e2e/buildkit/with-buildkitd.sh" node "$here/engine-bench.js" "$build/dap/dalec-dap" "$build/lsp/dalec-lsp" \
    "$work/engine-$first.json" "first=$first"
done
node "$here/engine-report.js" "$work/engine-dap.json" "$work/engine-lsp.json" "$here/results/engine"
cat "$here/results/engine.md"
