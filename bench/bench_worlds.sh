#!/bin/sh
# bench_worlds: the time of the debrief's 100 worlds like this one (app_worlds): the game's seats
# over 100 other seeds of the 2025 scenario, every role its Lua playbook, to the end of the
# calendar (110 months). The worlds are the runs of `closedloop batch --seed S --runs 100` with
# the same seats (app_worlds.h), played by the same function (app_batch_play_run), so the batch's
# own figures (after the scenario and scripts are read) time them: wall clock and the CPU time of
# all threads per run. 1 thread is `play --png` on one core; 2 and 3 the window's background
# threads. Not a test: it times.
#
# Usage: bench/bench_worlds.sh [BINARY] [REPEATS] [SEED]   (defaults: build/closedloop 5 7)
BIN=${1:-build/closedloop}
REPEATS=${2:-5}
SEED=${3:-7}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
echo "load before: $(uptime | sed 's/.*load average: //')"
for t in 1 2 3; do : >"$TMP/wall.$t"; : >"$TMP/cpu.$t"; done
k=0
while [ $k -lt "$REPEATS" ]; do
    for t in 1 2 3; do
        "$BIN" batch --runs 100 --seed "$SEED" --threads $t >/dev/null 2>"$TMP/err" ||
            { cat "$TMP/err"; exit 1; }
        echo "threads $t: $(cat "$TMP/err")"
        sed -n 's/.* runs in \([0-9.]*\) s .*/\1/p' "$TMP/err" >>"$TMP/wall.$t"
        sed -n 's/.*CPU \([0-9.]*\) ms a run.*/\1/p' "$TMP/err" >>"$TMP/cpu.$t"
    done
    k=$((k + 1))
done
median() { sort -n "$1" | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
for t in 1 2 3; do
    cpu=$(median "$TMP/cpu.$t")
    echo "median, $t thread(s): 100 worlds in $(median "$TMP/wall.$t") s wall;" \
        "CPU $cpu ms a world, $(echo "$cpu" | awk '{printf "%.2f", $1 * 100 / 1000}') s for 100"
done
echo "load after: $(uptime | sed 's/.*load average: //')"
