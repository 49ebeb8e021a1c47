#!/bin/sh
# test_idle_x11: the window rests while nothing moves, and still answers (issue 14, item 8).
# Under Xvfb: the game screen opens paused; after 3 s idle its CPU time over the next 3 s is
# under 0.5 s (it was 1-3 s when the window drew 60 frames a second whatever happened: a loose
# bound, not a timing test; bench/bench_idle.sh measures it), and a key pressed then (N) plays a
# month. Space then auto-plays: months come by themselves while it plays, and stop when Space
# pauses again. The start screen too: after 3 s idle, typed digits reach the seed (the game that
# Enter starts has seed 42).
# Skipped (status 0) without Xvfb and xdotool.
# Usage: test_idle_x11.sh CLOSEDLOOP SOURCE_DIR
BIN=$1
SRC=$2
. "$SRC/tests/x11_lib.sh"
x11_begin idle_x11

cat >"$TMP/drive.sh" <<'EOS'
#!/bin/sh
# $1 closedloop, $2 source dir, $3 output file, $4 mode (game | start)
cd "$2" || exit 1
. "$2/tests/x11_lib.sh"
if [ "$4" = start ]; then
  SDL_VIDEODRIVER=x11 "$1" play --lang en >"$3" 2>"$3.err" &
else
  SDL_VIDEODRIVER=x11 "$1" play --no-start >"$3" 2>"$3.err" &
fi
pid=$!
x11_window "$pid" "$3.err" || exit 1
sleep 3
a=$(awk '{print $14 + $15}' "/proc/$pid/stat")
sleep 3
b=$(awk '{print $14 + $15}' "/proc/$pid/stat")
echo "idle ticks $((b - a)) of $(getconf CLK_TCK)" >>"$3.cpu"
if [ "$4" = start ]; then
  # Down to the seed row, 4 and 2 typed over the seed, Enter starts the game.
  for k in Down 4 2 Return; do x11_key "$k"; done
  i=0
  while [ $i -lt 100 ] && ! grep -q "^Seed " "$3"; do sleep 0.1; i=$((i + 1)); done
  sleep 0.5
  wid=$(xdotool search --onlyvisible --name closedloop 2>/dev/null | tail -n 1)
  x11_key q
  x11_key y # Q asks, Y quits
else
  x11_key n
  sleep 3
  x11_key space
  sleep 3
  x11_key space
  grep -c "^turn " "$3" >"$3.paused_at"
  sleep 2
  grep -c "^turn " "$3" >>"$3.paused_at"
  x11_key q
  x11_key y
fi
x11_wait_exit "$pid" "$3"
EOS

fail=0
x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/game" game
OUT="$TMP/game"
ticks=$(sed -n 's/^idle ticks \([0-9]*\) of.*/\1/p' "$OUT.cpu")
hz=$(sed -n 's/.* of \([0-9]*\)$/\1/p' "$OUT.cpu")
if [ -z "$ticks" ] || [ "$ticks" -ge $((hz / 2)) ]; then
  echo "FAIL: the paused window took $ticks/$hz s of CPU in 3 s idle (want under 0.5 s)"
  fail=1
fi
grep -q "^turn 1\$" "$OUT" || { echo "FAIL: N after 3 s idle played no month"; fail=1; }
n=$(grep -c "^turn " "$OUT")
[ "$n" -ge 3 ] || { echo "FAIL: auto-play played $((n - 1)) months in 3 s (want 2 or more)"; fail=1; }
a=$(sed -n 1p "$OUT.paused_at")
b=$(sed -n 2p "$OUT.paused_at")
[ "$a" = "$b" ] || { echo "FAIL: months went on after Space paused ($a then $b)"; fail=1; }
grep -q "^exit 0\$" "$OUT" || { echo "FAIL: play did not exit 0"; fail=1; }

x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/start" start
ticks=$(sed -n 's/^idle ticks \([0-9]*\) of.*/\1/p' "$TMP/start.cpu")
if [ -z "$ticks" ] || [ "$ticks" -ge $((hz / 2)) ]; then
  echo "FAIL: the idle start screen took $ticks/$hz s of CPU in 3 s (want under 0.5 s)"
  fail=1
fi
grep -q "^Seed 42\. " "$TMP/start" || { echo "FAIL: digits typed after 3 s idle did not reach the seed"; fail=1; }
grep -q "^exit 0\$" "$TMP/start" || { echo "FAIL: play (start screen) did not exit 0"; fail=1; }
if [ $fail -ne 0 ]; then
  for f in "$OUT" "$TMP/start"; do
    echo "--- $f:"; grep -v "^ " "$f" | tail -12; tail -5 "$f.err"; cat "$f.cpu"
  done
  exit 1
fi
echo "the idle window under Xvfb: ok (idle CPU $ticks/$hz s in 3 s)"
