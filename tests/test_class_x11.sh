#!/bin/sh
# test_class_x11: story mode (play --classroom) in the real window under Xvfb, with synthetic
# keys. Month 1 (November 2024) has one historical event with a note, month 2 has two: each
# month's cards stop the game until they are dismissed, so five N presses play only two months
# (month, card, month, card, card). Then L opens the teacher's levers and Left lowers the
# market's mood (the story says so); Escape closes them, and a sixth N plays the third month and
# the game quits (--quit-after-turns 3) with status 0.
# Skipped (status 0) without Xvfb and xdotool.
# Usage: test_class_x11.sh CLOSEDLOOP SOURCE_DIR
BIN=$1
SRC=$2
. "$SRC/tests/x11_lib.sh"
x11_begin class_x11

cat >"$TMP/drive.sh" <<'EOS'
#!/bin/sh
# $1 closedloop, $2 source dir, $3 output file, $4 screenshot of a card
cd "$2" || exit 1
. "$2/tests/x11_lib.sh"
SDL_VIDEODRIVER=x11 "$1" play --no-start --classroom --quit-after-turns 3 >"$3" 2>"$3.err" &
pid=$!
x11_window "$pid" "$3.err" || exit 1
# Waits (30 s at most) until the story has $2 lines matching $1; then out the moment in which
# new cards ignore keys (a month takes long under the sanitizers, and a key that arrives while
# it is played would be eaten by the card it brings up, as it should).
story="$3"
wait_line() {
  i=0
  while [ "$(grep -c "$1" "$story")" -lt "$2" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
  sleep 0.7
}
x11_key n
wait_line '^card 1 of 1: tokyo' 1
x11_key n
wait_line '^cards done' 1
x11_key n
wait_line '^card 1 of 2: ' 1
x11_key n
wait_line '^card 2 of 2: ' 1
if command -v xwd >/dev/null 2>&1 && command -v convert >/dev/null 2>&1; then
  xwd -root -silent | convert xwd:- "$4"
fi
x11_key n
sleep 1
cp "$3" "$3.after5"
x11_key l                 # the teacher's levers: the market's mood (third row) down a step
x11_key Down
x11_key Down
x11_key Left
if command -v xwd >/dev/null 2>&1 && command -v convert >/dev/null 2>&1; then
  xwd -root -silent | convert xwd:- "$4.levers.png"
fi
x11_key Escape
x11_key n
x11_wait_exit "$pid" "$3"
EOS

fail=0
x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/out" "$TMP/card.png"
OUT="$TMP/out"
grep -q "^classroom: tokyo\$" "$OUT" || { echo "FAIL: no card for Tokyo in month 1"; fail=1; }
grep -q "^classroom: tsmc-7t-refusal\$" "$OUT" || { echo "FAIL: no card for TSMC in month 2"; fail=1; }
if [ -f "$OUT.after5" ]; then
  grep -q "^turn 2\$" "$OUT.after5" || { echo "FAIL: month 2 not played after five keys"; fail=1; }
  if grep -q "^turn 3\$" "$OUT.after5"; then
    echo "FAIL: month 3 played while cards were up"; fail=1
  fi
else
  echo "FAIL: the driver stopped early"; fail=1
fi
grep -q "^turn 3\$" "$OUT" || { echo "FAIL: month 3 not played after the cards"; fail=1; }
grep -q "The teacher moves a lever: Market mood set from" "$OUT" ||
  { echo "FAIL: the lever move is not in the story"; fail=1; }
# The replay holds the lever move: it plays back to the same end.
replay=$(sed -n 's/^replay //p' "$OUT")
if [ -n "$replay" ] && [ -f "$replay" ]; then
  "$BIN" replay "$replay" >"$TMP/replay.out" 2>&1 ||
    { echo "FAIL: the replay with a lever move does not play back"; tail -5 "$TMP/replay.out"; fail=1; }
else
  echo "FAIL: no replay written"; fail=1
fi
grep -q "^exit 0\$" "$OUT" || { echo "FAIL: play did not exit 0"; fail=1; }
if [ -n "$CLOSEDLOOP_TEST_PNG" ] && [ -f "$TMP/card.png" ]; then
  cp "$TMP/card.png" "$CLOSEDLOOP_TEST_PNG/class-x11-card.png"
  cp "$TMP/card.png.levers.png" "$CLOSEDLOOP_TEST_PNG/class-x11-levers.png" 2>/dev/null
fi
if [ $fail -ne 0 ]; then
  echo "--- output:"; tail -30 "$OUT"; tail -20 "$OUT.err"
  exit 1
fi
echo "story mode under Xvfb: ok"
