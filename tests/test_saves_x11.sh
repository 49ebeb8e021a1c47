#!/bin/sh
# test_saves_x11: saving and loading in the real window under Xvfb, with synthetic keys.
# One game (game 1, every role its playbook): three months, F5 saves (named by game and game
# month: closed-loop-2025-game1-2025-01.json), two more months (each one autosaved under the
# same kind of name), F9 lists the saves and Enter asks who plays: K keeps the seats and loads
# the newest (month 5 again); a broken file in the folder is listed, and loading it (End, Enter)
# fails with its reason while the game in hand goes on: N then plays month 6.
# A second game in the same folder (game 2, OpenAI played by a person): two months, then F9
# lists both games, each under its heading, this game's first: Down Down crosses game 2's saves
# and game 1's heading to game 1's newest save; Enter asks, Escape goes back without loading,
# Enter and M load game 1 with OpenAI at the desk (the other roles on their playbooks): a new
# game (game 3) whose autosave follows; then F9, Enter and W load it again with scripts in
# every role.
# Nothing is written outside the saves folder given in CLOSEDLOOP_SAVES.
# Skipped (status 0) without Xvfb and xdotool.
# Usage: test_saves_x11.sh CLOSEDLOOP SOURCE_DIR
BIN=$1
SRC=$2
. "$SRC/tests/x11_lib.sh"
x11_begin saves_x11
mkdir "$TMP/saves"
printf '{"format": "closedloop-save", "version": 1, "trunc' >"$TMP/saves/broken.json"

cat >"$TMP/drive.sh" <<'EOS'
#!/bin/sh
# $1 closedloop, $2 source dir, $3 output file, $4 saves folder, $5 game (one | two)
cd "$2" || exit 1
. "$2/tests/x11_lib.sh"
if [ "$5" = one ]; then
  CLOSEDLOOP_SAVES=$4 SDL_VIDEODRIVER=x11 "$1" play --no-start >"$3" 2>"$3.err" &
else
  CLOSEDLOOP_SAVES=$4 SDL_VIDEODRIVER=x11 "$1" play --no-start --strategy openai=human \
    >"$3" 2>"$3.err" &
fi
pid=$!
x11_window "$pid" "$3.err" || exit 1
if [ "$5" = one ]; then
  for k in n n n F5 n n F9 Return k; do x11_key "$k"; done
  for k in F9 End Return Escape n q y; do x11_key "$k"; done
else
  # Two months at OpenAI's desk (Enter ends the turn), then the list.
  for k in Return Return F9 Down Down Return Escape Return m Return; do x11_key "$k"; done
  for k in F9 Return w n q y; do x11_key "$k"; done
fi
x11_wait_exit "$pid" "$3"
EOS

fail=0
x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/out" "$TMP/saves" one
OUT="$TMP/out"
grep -q "^saved $TMP/saves/closed-loop-2025-game1-2025-01\.json\$" "$OUT" ||
  { echo "FAIL: F5 did not save closed-loop-2025-game1-2025-01.json"; fail=1; }
[ -f "$TMP/saves/autosave/closed-loop-2025-game1-2025-03.json" ] ||
  { echo "FAIL: no autosave of month 5 named by game and month"; fail=1; }
grep -q "^loaded .*/autosave/closed-loop-2025-game1-2025-03\.json at turn 5\$" "$OUT" ||
  { echo "FAIL: F9, Enter and K did not load month 5"; fail=1; }
grep -q "^seats: openai=playbook, microsoft=playbook" "$OUT" ||
  { echo "FAIL: K did not keep the seats"; fail=1; }
grep -q "broken.json" "$OUT.err" || { echo "FAIL: the broken save's failure was not reported"; fail=1; }
grep -q "^turn 6\$" "$OUT" || { echo "FAIL: the game did not go on after the failed load"; fail=1; }
grep -q "^exit 0\$" "$OUT" || { echo "FAIL: play did not exit 0"; fail=1; }

x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/two" "$TMP/saves" two
TWO="$TMP/two"
[ -f "$TMP/saves/autosave/closed-loop-2025-game2-2024-12.json" ] ||
  { echo "FAIL: the second game's autosaves are not game 2's"; fail=1; }
n=$(grep -c "^loaded " "$TWO")
[ "$n" = 2 ] || { echo "FAIL: $n loads (want 2: Escape on the question loads nothing)"; fail=1; }
grep "^loaded " "$TWO" | head -1 | grep -q "/autosave/closed-loop-2025-game1-2025-04\.json at turn 6\$" ||
  { echo "FAIL: Down Down did not reach game 1's newest save under its heading"; fail=1; }
grep "^seats: " "$TWO" | head -1 | grep -q "^seats: openai=human, microsoft=playbook" ||
  { echo "FAIL: M did not seat a person at OpenAI"; fail=1; }
[ -f "$TMP/saves/autosave/closed-loop-2025-game3-2025-05.json" ] ||
  { echo "FAIL: the game loaded with other seats was not autosaved as game 3"; fail=1; }
grep "^loaded " "$TWO" | tail -1 | grep -q "game3-2025-05\.json at turn 7\$" ||
  { echo "FAIL: F9 and Enter did not load game 3's newest save"; fail=1; }
grep "^seats: " "$TWO" | tail -1 | grep -q "^seats: openai=playbook, " ||
  { echo "FAIL: W did not put a script at OpenAI"; fail=1; }
grep -q "^exit 0\$" "$TWO" || { echo "FAIL: play (second game) did not exit 0"; fail=1; }
if [ $fail -ne 0 ]; then
  for f in "$OUT" "$TWO"; do
    echo "--- $f:"; grep -v "^ " "$f" | tail -20; tail -10 "$f.err"
  done
  ls -R "$TMP/saves"
  exit 1
fi
echo "saves in the window under Xvfb: ok"
