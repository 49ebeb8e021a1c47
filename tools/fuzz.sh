#!/bin/sh
# Builds the libFuzzer harnesses (fuzz/) with clang under ASan+UBSan and runs each for a bounded
# time from its seed corpus (tests/fuzz/corpus/TARGET) and dictionary (tests/fuzz/dict). Exit
# status non-zero if a target crashes, leaks, hangs or runs out of memory; the input that did it
# is kept as build-fuzz/artifacts/TARGET-crash-* (or leak-, timeout-, oom-).
#
# Usage: sh tools/fuzz.sh [SECONDS] [TARGET...]   (default: 30 seconds each, every target:
#        json scenario lua save replay proto)
# New inputs found go to build-fuzz/corpus/TARGET, never into tests/. Long campaigns, minimising
# and adding a finding to the seeds: docs/fuzzing.md.
set -e
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-30}
[ $# -gt 0 ] && shift
TARGETS=$*
if [ -z "$TARGETS" ]; then
  TARGETS="json scenario lua"
  # The save and replay loaders have harnesses from the moment they are in the tree.
  [ -f engine/data/dat_save.c ] && TARGETS="$TARGETS save"
  [ -f engine/data/dat_replay.c ] && TARGETS="$TARGETS replay"
  [ -f engine/net/net_proto.c ] && TARGETS="$TARGETS proto"
fi
JOBS=${JOBS:-2}
CC=${FUZZ_CC:-clang}
B=build-fuzz

cmake -S . -B "$B" -DCMAKE_C_COMPILER="$CC" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCL_FUZZ=ON \
  -DCL_TESTS=OFF >/dev/null
set --
for t in $TARGETS; do set -- "$@" "fuzz_$t"; done
cmake --build "$B" -j"$JOBS" --target "$@"

mkdir -p "$B/artifacts"
status=0
for t in $TARGETS; do
  mkdir -p "$B/corpus/$t"
  echo "== fuzz_$t: $SECONDS_EACH s"
  dict=""
  [ -f "tests/fuzz/dict/$t.dict" ] && dict="-dict=tests/fuzz/dict/$t.dict"
  extra="" # the save tests' refused files are seeds too
  [ "$t" = save ] && [ -d tests/data/badsave ] && extra=tests/data/badsave
  # The first corpus folder receives new inputs; the seeds in tests/ are only read.
  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$B/fuzz/fuzz_$t" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$B/artifacts/$t-" $dict \
      "$B/corpus/$t" "tests/fuzz/corpus/$t" $extra >"$B/fuzz_$t.log" 2>&1; then
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' \
      "$B/fuzz_$t.log" | tr '\n' ' '
    echo
  else
    echo "fuzz_$t FAILED (log: $B/fuzz_$t.log):"
    grep -E -A40 '^==[0-9]+==ERROR|runtime error|^fuzz: |ALARM|out-of-memory' "$B/fuzz_$t.log" \
      | head -60
    status=1
  fi
done
exit $status
