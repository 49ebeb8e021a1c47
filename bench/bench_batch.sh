#!/bin/sh
# bench_batch: runs per second of `closedloop batch` (the 2025 scenario, the Lua playbooks in every
# role, no book checks: the batch defaults) with 1 and 2 threads. Not a test: it times.
#
# Usage: bench/bench_batch.sh [BINARY] [RUNS] [REPEATS]   (defaults: build/closedloop 10000 5)
# Prints each timing (the binary's own figures for the runs, after the scenario and the scripts are
# read: wall clock, and CPU time of all threads per run from getrusage), the medians per thread
# count, the speedup, and the load before and after (the machine is shared: note it).
BIN=${1:-build/closedloop}
RUNS=${2:-10000}
REPEATS=${3:-5}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
echo "load before: $(uptime | sed 's/.*load average: //')"
for t in 1 2; do
    : >"$TMP/rates.$t"
    : >"$TMP/cpu.$t"
done
# Interleave the thread counts so that a change in the machine's load hits both alike.
k=0
while [ $k -lt "$REPEATS" ]; do
    for t in 1 2; do
        "$BIN" batch --runs "$RUNS" --threads $t >/dev/null 2>"$TMP/err" || { cat "$TMP/err"; exit 1; }
        rate=$(sed -n 's/.* (\([0-9]*\) runs\/s).*/\1/p' "$TMP/err")
        echo "threads $t: $(cat "$TMP/err")"
        echo "$rate" >>"$TMP/rates.$t"
        sed -n 's/.*CPU \([0-9.]*\) ms a run.*/\1/p' "$TMP/err" >>"$TMP/cpu.$t"
    done
    k=$((k + 1))
done
m1=$(sort -n "$TMP/rates.1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
m2=$(sort -n "$TMP/rates.2" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
median() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median CPU a run (all threads): 1 thread $(median "$TMP/cpu.1") ms, 2 threads $(median "$TMP/cpu.2") ms"
echo "median runs/s: 1 thread $m1, 2 threads $m2, speedup $(echo "$m1 $m2" | awk '{printf "%.2f", $2 / $1}')x"
echo "load after: $(uptime | sed 's/.*load average: //')"
