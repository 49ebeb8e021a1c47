#!/bin/sh
# test_fail_x11: the card of a default in the real window under Xvfb. The chain of
# tests/data/cascade-3.json, seed 3, history seats: Carrier One fails in October 2002 and takes
# Vendor Two down in round 2 of the same clearing. Auto-play at full speed stops on the first
# card (no month is played while it is up; the story says "failed: ..." for both); Enter shows
# the second card, still paused; D opens the debrief instead of going on; D back and Space play
# on, and the game goes past the failures (the game goes on after a default); Q and Y quit
# with 0.
# Screenshots of the card and the debrief (CLOSEDLOOP_TEST_PNG=DIR keeps them).
# Skipped (status 0) without Xvfb and xdotool.
# Usage: test_fail_x11.sh CLOSEDLOOP SOURCE_DIR
BIN=$1
SRC=$2
. "$SRC/tests/x11_lib.sh"
x11_begin fail_x11

cat >"$TMP/drive.sh" <<'EOS'
#!/bin/sh
# $1 closedloop, $2 source dir, $3 output file, $4 screenshot prefix
cd "$2" || exit 1
. "$2/tests/x11_lib.sh"
shot() {
  if command -v xwd >/dev/null 2>&1 && command -v convert >/dev/null 2>&1; then
    xwd -root -silent | convert xwd:- "$1"
  fi
}
turns() { grep -c '^turn ' "$1"; }
SDL_VIDEODRIVER=x11 "$1" play --no-start --scenario tests/data/cascade-3.json --seed 3 \
  --strategy all=history >"$3" 2>"$3.err" &
pid=$!
x11_window "$pid" "$3.err" || exit 1
for k in 1 2 3 4 5; do x11_key plus; done   # the fastest speed
x11_key space                                 # auto-play
i=0
while ! grep -q '^failed: ' "$3" && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
sleep 1.5
a=$(turns "$3")
sleep 1.5
b=$(turns "$3")
echo "paused $a $b" >>"$3.checks"
shot "$4-card.png"
x11_key Return                                # the second card of the month
sleep 1
c=$(turns "$3")
echo "second $b $c" >>"$3.checks"
shot "$4-card2.png"
x11_key d                                     # the debrief instead of going on
sleep 1
shot "$4-debrief.png"
d=$(turns "$3")
echo "debrief $c $d" >>"$3.checks"
x11_key d                                     # back to the game, still paused
x11_key space                                 # play on
sleep 3
e=$(turns "$3")
echo "on $d $e" >>"$3.checks"
x11_key q                                     # Q asks, Y quits
x11_key y
x11_wait_exit "$pid" "$3"
EOS

fail=0
x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/out" "$TMP/shot"
OUT="$TMP/out"
grep -q "^failed: Carrier One" "$OUT" || { echo "FAIL: no card for Carrier One"; fail=1; }
grep -q "^failed: Vendor Two" "$OUT" || { echo "FAIL: no card for Vendor Two (round 2)"; fail=1; }
# Paused on the cards: no month played while one is up, nor on the debrief.
while read -r what x y; do
  case $what in
  paused | second | debrief)
    [ "$x" = "$y" ] || { echo "FAIL: months played while the card was up ($what: $x -> $y)"; fail=1; } ;;
  on)
    [ "$y" -gt "$x" ] || { echo "FAIL: the game did not go on after the cards ($x -> $y)"; fail=1; } ;;
  esac
done <"$OUT.checks"
grep -q "^paused" "$OUT.checks" 2>/dev/null || { echo "FAIL: the driver stopped early"; fail=1; }
# Carrier One fails in month 34 (October 2002): the game went on past it.
last=$(sed -n 's/^turn //p' "$OUT" | tail -n 1)
[ -n "$last" ] && [ "$last" -gt 34 ] || { echo "FAIL: the game stopped at the failures (turn $last)"; fail=1; }
grep -q "^exit 0\$" "$OUT" || { echo "FAIL: play did not exit 0"; fail=1; }
if [ -n "$CLOSEDLOOP_TEST_PNG" ]; then
  for f in card card2 debrief; do
    [ -f "$TMP/shot-$f.png" ] && cp "$TMP/shot-$f.png" "$CLOSEDLOOP_TEST_PNG/fail-x11-$f.png"
  done
fi
if [ $fail -ne 0 ]; then
  echo "--- checks:"; cat "$OUT.checks"
  echo "--- output:"; tail -30 "$OUT"; tail -20 "$OUT.err"
  exit 1
fi
echo "failure cards under Xvfb: ok"
