#!/bin/sh
# test_role_x11: a person plays OpenAI in the real window under Xvfb, with synthetic keys
# (xdotool). Month 1: Enter ends the turn with nothing done. Month 2: SoftBank's offer waits on
# the desk; "a" accepts it and Enter ends the turn: the story says OpenAI accepted it. Month 3:
# "p" opens the deal dialog, Ctrl+Enter proposes its default deal, Enter ends the turn: the story
# says OpenAI made an offer. The game quits after three months with status 0, and the replay it
# writes (every input of the person) plays back to the same end with `closedloop replay`. The
# same three months with --lang zh: the desk and the dialog in Chinese, the same inputs do the
# same (the person's lines and the months are told in Chinese).
# Skipped (status 0) without Xvfb and xdotool.
# Usage: test_role_x11.sh CLOSEDLOOP SOURCE_DIR
BIN=$1
SRC=$2
. "$SRC/tests/x11_lib.sh"
x11_begin role_x11

cat >"$TMP/drive.sh" <<'EOS'
#!/bin/sh
# $1 closedloop, $2 source dir, $3 output file, $4 screenshot of the dialog, $5 language
cd "$2" || exit 1
. "$2/tests/x11_lib.sh"
SDL_VIDEODRIVER=x11 "$1" play --lang "${5:-en}" --strategy openai=human --quit-after-turns 3 \
  >"$3" 2>"$3.err" &
pid=$!
x11_window "$pid" "$3.err" || exit 1
x11_key Return            # month 1: nothing to answer yet
x11_key a                 # month 2: accept the offer on top of the desk
x11_key Return
x11_key p                 # month 3: the deal dialog
if command -v xwd >/dev/null 2>&1 && command -v convert >/dev/null 2>&1; then
  xwd -root -silent | convert xwd:- "$4"
fi
x11_key ctrl+Return       # propose the draft (Enter alone only confirms a row)
x11_key Return            # end the turn
x11_wait_exit "$pid" "$3"
EOS

fail=0
x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/out" "$TMP/dialog.png"
OUT="$TMP/out"
grep -q "^OpenAI (a person) ends the turn with 0 intents\$" "$OUT" ||
  { echo "FAIL: month 1 did not end with no intents"; fail=1; }
grep -q "^OpenAI (a person) ends the turn with 1 intent\$" "$OUT" ||
  { echo "FAIL: no month ended with one intent"; fail=1; }
grep -q "OpenAI accepts SoftBank's offer" "$OUT" ||
  { echo "FAIL: the accepted offer is not in the story"; fail=1; }
grep -q "^  - OpenAI offers " "$OUT" ||
  { echo "FAIL: the proposal from the dialog is not in the story"; fail=1; }
grep -q "^turn 3\$" "$OUT" || { echo "FAIL: three months were not played"; fail=1; }
grep -q "^exit 0\$" "$OUT" || { echo "FAIL: play did not exit 0"; fail=1; }
# The window recorded the game with the person's inputs: the replay plays back to the same end.
replay=$(sed -n 's/^replay //p' "$OUT")
if [ -n "$replay" ] && [ -f "$replay" ]; then
  "$BIN" replay "$replay" >"$TMP/replay.out" 2>&1 ||
    { echo "FAIL: the window's replay does not play back"; tail -5 "$TMP/replay.out"; fail=1; }
  # Named by scenario, game and the game month it ends on, as the saves are (not the real date).
  echo "$replay" | grep -Eq '/replays/[A-Za-z0-9_-]+-game[0-9]+-[0-9]{4}-[0-9]{2}\.json$' ||
    { echo "FAIL: the replay's name is not SCENARIO-gameN-YYYY-MM.json: $replay"; fail=1; }
  # A replay named as before (the real date) still plays back.
  cp "$replay" "$TMP/closed-loop-2025-20261206-101500.json"
  "$BIN" replay "$TMP/closed-loop-2025-20261206-101500.json" >"$TMP/replay-old.out" 2>&1 ||
    { echo "FAIL: a replay with a name of before does not play back"; fail=1; }
else
  echo "FAIL: no replay written"; fail=1
fi
if [ -n "$CLOSEDLOOP_TEST_PNG" ] && [ -f "$TMP/dialog.png" ]; then
  cp "$TMP/dialog.png" "$CLOSEDLOOP_TEST_PNG/role-x11-dialog.png"
fi

# In Chinese: the same inputs, the same game, told in Chinese.
x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/zh" "$TMP/dialog-zh.png" zh
ZH="$TMP/zh"
grep -q "^OpenAI（玩家）结束回合，共0项操作\$" "$ZH" ||
  { echo "FAIL: Chinese: month 1 did not end with no intents"; fail=1; }
grep -q "^OpenAI（玩家）结束回合，共1项操作\$" "$ZH" ||
  { echo "FAIL: Chinese: no month ended with one intent"; fail=1; }
grep -q "^第3个月结束\$" "$ZH" || { echo "FAIL: Chinese: three months were not played"; fail=1; }
grep -q "^exit 0\$" "$ZH" || { echo "FAIL: Chinese: play did not exit 0"; fail=1; }
if [ -n "$CLOSEDLOOP_TEST_PNG" ] && [ -f "$TMP/dialog-zh.png" ]; then
  cp "$TMP/dialog-zh.png" "$CLOSEDLOOP_TEST_PNG/role-x11-dialog-zh.png"
fi
if [ $fail -ne 0 ]; then
  echo "--- output:"; tail -40 "$OUT"; cat "$OUT.err" | tail -20
  echo "--- Chinese:"; tail -40 "$ZH"; cat "$ZH.err" | tail -20
  exit 1
fi
echo "role play under Xvfb: ok"
