#!/usr/bin/env bash
# run.sh FUZZ_BUILD_DIR [SECONDS]: runs every libFuzzer target (built with DALEC_FUZZ=ON) for
# SECONDS each (default 60) under ASan+UBSan, seeded with its committed corpus, the real specs, the
# bundled examples and the oracle's mutated specs, growing a working corpus kept in the build
# directory between runs.
# A crash, leak, timeout or out-of-memory fails the run; its input is copied into
# corpus/<target>/ so that it replays in the ordinary test suite from then on (commit it).
# Prints executions and coverage per target.
# Each target runs as one libFuzzer process per core (-jobs/-workers, at most 4: DALEC_FUZZ_WORKERS),
# all sharing its working corpus: the targets run one after another, and a single process left
# the other cores idle for the whole step.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$(cd "$1" && pwd)"  # absolute: each target runs in its own log directory
seconds="${2:-60}"
reference="$root/../shared/reference"
failed=0
passed=0
workers="${DALEC_FUZZ_WORKERS:-$(nproc)}"
[ "$workers" -le 4 ] || workers=4
# The oracle's mutations of the real specs (tests/oracle, about 550 files: each one way an author
# gets a spec wrong) seed the spec targets too; generated, as the oracle does, not committed.
oracle_seeds="$build/fuzz-seeds/oracle"
rm -rf "$oracle_seeds"
python3 "$root/tests/oracle/mutate_specs.py" "$oracle_seeds" "$reference"/specs/*.yml >/dev/null
# Its manifest (114 KB of JSON describing the mutations) is no spec: as a seed it was the largest
# input of the corpus and its mutations the slowest (spec_analysis 357 -> 483 inputs/s without it).
rm -f "$oracle_seeds/manifest.json"
[ -n "$(ls -A "$oracle_seeds")" ] || { echo "fuzz: the oracle's mutated specs were not generated" >&2; exit 1; }
# The current target's worker logs, and one statistic libFuzzer printed at the end of each.
workerLogs() { cat "$logs"/fuzz-*.log 2>/dev/null || true; }
statOf() { workerLogs | sed -n "s/^stat::$1: *//p"; }
echo "fuzz: $workers worker(s) per target, ${seconds} s each"
printf '%-16s %10s %8s %10s %8s %8s  %s\n' target executions exec/s per-worker cov features result
for fuzzer in "$build"/tests/fuzz/*_fuzzer; do
  name="$(basename "$fuzzer" _fuzzer)"
  work="$build/fuzz-corpus/$name"
  artifacts="$build/fuzz-artifacts/$name"
  mkdir -p "$work" "$artifacts"
  seeds=("$here/corpus/$name")
  if [[ "$name" == spec_* ]]; then seeds+=("$reference/specs" "$reference/specs-history" "$root/examples" "$oracle_seeds"); fi
  # libFuzzer writes worker N's output to fuzz-N.log in the directory it runs in.
  logs="$build/fuzz-logs/$name"
  rm -rf "$logs"
  mkdir -p "$logs"
  set +e
  (cd "$logs" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$fuzzer" -jobs="$workers" -workers="$workers" \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$work" "${seeds[@]}" >"$logs/driver.log" 2>&1)
  status=$?
  set -e
  # Totals over the workers; coverage is the most any worker reached (they share the corpus).
  executions="$(statOf number_of_executed_units | awk '{s += $1} END {print s + 0}')"
  rate="$(statOf average_exec_per_sec | awk '{s += $1} END {print s + 0}')"
  perWorker="$(statOf average_exec_per_sec | sort -n | paste -sd/ -)"
  coverage="$(workerLogs | { grep -o 'cov: [0-9]*' || true; } | cut -d' ' -f2 | sort -n | tail -1)"
  features="$(workerLogs | { grep -o 'ft: [0-9]*' || true; } | cut -d' ' -f2 | sort -n | tail -1)"
  reported="$(statOf number_of_executed_units | wc -l)"
  result=ok
  # A worker that died before its statistics is a failure too.
  why="exit $status"
  if [ "$status" = 0 ] && [ "$reported" != "$workers" ]; then status=1 why="statistics from $reported of $workers workers"; fi
  if [ "$status" != 0 ]; then
    result="FAILED ($why, logs $logs)"
    failed=$((failed + 1))
    for input in "$artifacts"/*; do
      [ -f "$input" ] || continue
      cp "$input" "$here/corpus/$name/regression-$(basename "$input")"
      result="$result; kept corpus/$name/regression-$(basename "$input")"
    done
    cat "$logs"/*.log 2>/dev/null | grep -m1 -A8 'ERROR: \|runtime error' | cut -c1-240 >&2 || true
  else
    passed=$((passed + 1))
  fi
  printf '%-16s %10s %8s %10s %8s %8s  %s\n' "$name" "${executions:-?}" "${rate:-?}" "${perWorker:-?}" "${coverage:-?}" "${features:-?}" "$result"
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" = 0 ]
