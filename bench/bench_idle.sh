#!/bin/sh
# bench_idle: the CPU time the game's window takes while nothing moves, and while it plays. Not a
# test: it measures (docs/performance.md quotes it).
#
# Usage: bench/bench_idle.sh [BINARY] [RUNS] [DISPLAY] [SECONDS]
#        (defaults: build/closedloop 5 75 10)
#
# Starts its own Xvfb on :DISPLAY (1920x1080), then for each case RUNS times: opens the window
# (`play --no-start`, the 2025 scenario, saves in a temporary folder), waits until it is mapped and
# 2 s more (x11_window of tests/x11_lib.sh, then 1 s), puts it in the state measured, reads utime + stime of the process from /proc/PID/stat,
# waits SECONDS, reads them again, and quits the window. The cases:
#   paused   the game screen as it opens (paused, nothing moving, the mouse still over the map)
#   start    the start screen, nobody typing
#   playing  auto-play at its default speed (a month a second: the money flowing, a month played,
#            told and autosaved every second)
#   host     `closedloop host` on loopback: the room screen, nobody joining (the server polled
#            between waits of at most 25 ms)
#   hosted   the same after Enter: the game with the room's strip, the month's timer counting
#            down (the strip drawn again each second)
# CASES (environment) picks the cases: default "paused start playing host hosted".
# Prints every run's CPU seconds and, per case, the median and the share of one core
# (median / SECONDS); the X server's CPU time over the same seconds beside it (the frames a window
# presents cost the server too). Needs Xvfb and xdotool. The machine is shared: the load is
# printed too.
# The window's wait (x11_window) is the window tests' own, from tests/x11_lib.sh.
. "$(dirname "$0")/../tests/x11_lib.sh"
BIN=${1:-build/closedloop}
RUNS=${2:-5}
DNUM=${3:-75}
SECS=${4:-10}
TMP=$(mktemp -d)
XPID=""
cleanup() {
    [ -n "$XPID" ] && kill "$XPID" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
for tool in Xvfb xdotool; do
    command -v $tool >/dev/null 2>&1 || { echo "bench_idle: needs $tool" >&2; exit 1; }
done
[ -x "$BIN" ] || { echo "bench_idle: no program at $BIN" >&2; exit 1; }
Xvfb ":$DNUM" -screen 0 1920x1080x24 -nolisten tcp >"$TMP/xvfb.log" 2>&1 &
XPID=$!
export DISPLAY=":$DNUM"
i=0
while ! xdotool getdisplaygeometry >/dev/null 2>&1; do
    i=$((i + 1))
    [ $i -ge 50 ] && { echo "bench_idle: display :$DNUM does not answer" >&2; cat "$TMP/xvfb.log" >&2; exit 1; }
    sleep 0.2
done
TCK=$(getconf CLK_TCK)

# utime + stime of a process, in clock ticks.
ticks() {
    awk '{print $14 + $15}' "/proc/$1/stat"
}

# One run of case $1: prints its CPU seconds over SECS.
one_run() {
    mkdir -p "$TMP/saves"
    rm -rf "$TMP/saves/"*
    if [ "$1" = host ] || [ "$1" = hosted ]; then
        CLOSEDLOOP_SAVES="$TMP/saves" SDL_VIDEODRIVER=x11 "$BIN" host --bind 127.0.0.1 --port 0 >/dev/null 2>"$TMP/err" &
    elif [ "$1" = start ]; then
        CLOSEDLOOP_SAVES="$TMP/saves" SDL_VIDEODRIVER=x11 "$BIN" play >/dev/null 2>"$TMP/err" &
    else
        CLOSEDLOOP_SAVES="$TMP/saves" SDL_VIDEODRIVER=x11 "$BIN" play --no-start >/dev/null 2>"$TMP/err" &
    fi
    pid=$!
    x11_window $pid "$TMP/err" || { echo "bench_idle: no window" >&2; cat "$TMP/err" >&2; return 1; }
    sleep 1 # with x11_window's second, 2 s after the window is mapped
    xdotool mousemove --window "$wid" 640 400 2>/dev/null
    [ "$1" = playing ] && xdotool key --window "$wid" space 2>/dev/null
    [ "$1" = hosted ] && xdotool key --window "$wid" Return 2>/dev/null
    sleep 1
    a=$(ticks $pid)
    xa=$(ticks $XPID)
    sleep "$SECS"
    b=$(ticks $pid)
    xb=$(ticks $XPID)
    kill $pid 2>/dev/null
    wait $pid 2>/dev/null
    echo "$a $b $xa $xb $TCK" | awk '{printf "%.2f %.2f\n", ($2 - $1) / $5, ($4 - $3) / $5}'
}

echo "load before: $(uptime | sed 's/.*load average: //')"
CASES=${CASES:-paused start playing host hosted}
for c in $CASES; do
    : >"$TMP/$c"
done
# The cases interleaved, so that a change in the machine's load hits all alike.
k=0
while [ $k -lt "$RUNS" ]; do
    for c in $CASES; do
        s=$(one_run $c) || exit 1
        echo "$c run $((k + 1)): ${s% *} s CPU in $SECS s (the X server ${s#* } s)"
        echo "$s" >>"$TMP/$c"
    done
    k=$((k + 1))
done
for c in $CASES; do
    cut -d' ' -f2 "$TMP/$c" | sort -n >"$TMP/$c.x"
    x=$(awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}' "$TMP/$c.x")
    cut -d' ' -f1 "$TMP/$c" | sort -n | awk -v c=$c -v secs="$SECS" -v x="$x" '{v[NR] = $1}
        END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
             printf "%-8s median %.2f s CPU in %d s (%.1f%% of a core), runs %.2f-%.2f; the X server %.2f s\n",
                    c, m, secs, 100 * m / secs, v[1], v[NR], x}'
done
echo "load after: $(uptime | sed 's/.*load average: //')"
