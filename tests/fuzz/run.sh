#!/usr/bin/env bash
# run.sh FUZZ_BUILD_DIR [SECONDS]: runs every libFuzzer target (built with DALEC_FUZZ=ON) for
# SECONDS each (default 60) under ASan+UBSan, seeded with its committed corpus, the real specs, the
# bundled examples and the oracle's mutated specs, growing a working corpus kept in the build
# directory between runs.
# A crash, leak, timeout or out-of-memory fails the run; its input is copied into
# corpus/<target>/ so that it replays in the ordinary test suite from then on (commit it).
# Prints executions and coverage per target.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$1"
seconds="${2:-60}"
reference="$root/../shared/reference"
failed=0
passed=0
# The oracle's mutations of the real specs (tests/oracle, about 550 files: each one way an author
# gets a spec wrong) seed the spec targets too; generated, as the oracle does, not committed.
oracle_seeds="$build/fuzz-seeds/oracle"
rm -rf "$oracle_seeds"
python3 "$root/tests/oracle/mutate_specs.py" "$oracle_seeds" "$reference"/specs/*.yml >/dev/null
# Its manifest (114 KB of JSON describing the mutations) is no spec: as a seed it was the largest
# input of the corpus and its mutations the slowest (spec_analysis 357 -> 483 inputs/s without it).
rm -f "$oracle_seeds/manifest.json"
[ -n "$(ls -A "$oracle_seeds")" ] || { echo "fuzz: the oracle's mutated specs were not generated" >&2; exit 1; }
printf '%-16s %10s %8s %8s %8s  %s\n' target executions exec/s cov features result
for fuzzer in "$build"/tests/fuzz/*_fuzzer; do
  name="$(basename "$fuzzer" _fuzzer)"
  work="$build/fuzz-corpus/$name"
  artifacts="$build/fuzz-artifacts/$name"
  mkdir -p "$work" "$artifacts"
  seeds=("$here/corpus/$name")
  if [[ "$name" == spec_* ]]; then seeds+=("$reference/specs" "$reference/specs-history" "$root/examples" "$oracle_seeds"); fi
  log="$build/fuzz-$name.log"
  set +e
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$fuzzer" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$work" "${seeds[@]}" >"$log" 2>&1
  status=$?
  set -e
  executions="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  coverage="$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)"
  features="$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)"
  result=ok
  if [ "$status" != 0 ]; then
    result="FAILED (exit $status, log $log)"
    failed=$((failed + 1))
    for input in "$artifacts"/*; do
      [ -f "$input" ] || continue
      cp "$input" "$here/corpus/$name/regression-$(basename "$input")"
      result="$result; kept corpus/$name/regression-$(basename "$input")"
    done
    grep -m1 -A8 'ERROR: \|runtime error' "$log" | cut -c1-240 >&2 || true
  else
    passed=$((passed + 1))
  fi
  printf '%-16s %10s %8s %8s %8s  %s\n' "$name" "${executions:-?}" "${rate:-?}" "${coverage:-?}" "${features:-?}" "$result"
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" = 0 ]
