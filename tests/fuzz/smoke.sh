#!/usr/bin/env bash
# The fuzz smoke of `make check`: runs each libFuzzer target of a fuzz build for a short
# time, starting from its committed seed corpus, and prints how many inputs it tried.
# New inputs go to BUILD/fuzz-work, never into the committed corpus; a crash leaves its
# reproducer in BUILD/fuzz-work/artifacts and fails the script. The random seed is fixed
# (FUZZ_SEED, default 1) so that CI explores the same inputs each time; FUZZ_SEED=0 lets
# libFuzzer pick one, for campaigns that should explore further.
# Usage: tests/fuzz/smoke.sh BUILD_DIR SECONDS_PER_TARGET
set -euo pipefail
build=$1
seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$build/fuzz-work
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
mkdir -p "$work/artifacts"

for target in parse journal idx csv config; do
  corpus=$work/corpus/$target
  mkdir -p "$corpus"
  options=(-max_total_time="$seconds" -max_len=4096 -timeout=20 -print_final_stats=1
           -seed="${FUZZ_SEED:-1}"
           -artifact_prefix="$work/artifacts/$target-")
  [ -f "$here/$target.dict" ] && options+=(-dict="$here/$target.dict")
  log=$work/$target.log
  if ! "$build/tests/fuzz/fuzz_$target" "${options[@]}" "$corpus" "$here/corpus/$target" \
      >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "fuzz_$target: FAILED, reproducer in $work/artifacts (log: $log)"
    exit 1
  fi
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  echo "fuzz_$target: $executions inputs in ${seconds} s, no failure"
done
