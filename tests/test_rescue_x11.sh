#!/bin/sh
# test_rescue_x11: a person at the desk buys a failed firm in the real window under Xvfb, with
# synthetic keys (xdotool). On tests/data/cascade.json (seed 3) the person plays the bystander:
# Enter ends each month with nothing done until the carrier has failed (it defaults in its 34th
# month); Enter puts away the card of its default, then "b" opens the rescue dialog on the failed
# carrier at its estate's worth, Ctrl+Enter queues the purchase and Enter ends the turn: the story says the bystander bought the failed
# carrier whole, and the game quits with status 0. The same in Chinese.
# Skipped (status 0) without Xvfb and xdotool.
# Usage: test_rescue_x11.sh CLOSEDLOOP SOURCE_DIR
BIN=$1
SRC=$2
. "$SRC/tests/x11_lib.sh"
x11_begin rescue_x11

cat >"$TMP/drive.sh" <<'EOS'
#!/bin/sh
# $1 closedloop, $2 source dir, $3 output file, $4 screenshot of the dialog, $5 language
cd "$2" || exit 1
. "$2/tests/x11_lib.sh"
SDL_VIDEODRIVER=x11 "$1" play --lang "${5:-en}" --scenario tests/data/cascade.json --seed 3 \
  --strategy all=history --strategy bystander=human --quit-after-turns 35 >"$3" 2>"$3.err" &
pid=$!
x11_window "$pid" "$3.err" || exit 1
i=0
while [ $i -lt 34 ]; do       # months 1-34: the carrier fails in the 34th
  x11_key Return
  i=$((i + 1))
done
x11_key Return                # the card of the carrier's default (ui_fail): go on
x11_key b                     # month 35: the rescue dialog, on the failed carrier
if command -v xwd >/dev/null 2>&1 && command -v convert >/dev/null 2>&1; then
  xwd -root -silent | convert xwd:- "$4"
fi
x11_key ctrl+Return           # queue the purchase (Enter alone only confirms a row)
x11_key Return                # end the turn
x11_wait_exit "$pid" "$3"
EOS

fail=0
x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/out" "$TMP/dialog.png"
OUT="$TMP/out"
grep -q "^Bystander Four (a person) ends the turn with 1 intent\$" "$OUT" ||
  { echo "FAIL: no month ended with one intent"; fail=1; }
grep -q "Bystander Four buys the failed Carrier One whole for" "$OUT" ||
  { echo "FAIL: the purchase from the desk is not in the story"; fail=1; }
grep -q "^exit 0\$" "$OUT" || { echo "FAIL: play did not exit 0"; fail=1; }
if [ -n "$CLOSEDLOOP_TEST_PNG" ] && [ -f "$TMP/dialog.png" ]; then
  cp "$TMP/dialog.png" "$CLOSEDLOOP_TEST_PNG/rescue-x11-dialog.png"
fi
if [ $fail -ne 0 ]; then
  echo "--- output:"; tail -40 "$OUT"; tail -20 "$OUT.err"
  exit 1
fi
echo "rescue at the desk under Xvfb: ok"
