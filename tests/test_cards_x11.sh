#!/bin/sh
# test_cards_x11: the cards of story mode (play --classroom) in the real window under Xvfb, with
# synthetic keys; the game says on stdout which card is on show ("card 1 of 2: ..."), the state
# the test reads.
# - A card cannot be skipped by a key pressed in its first moment: N plays month 2 (two cards)
#   and Space follows at once; card 1 of 2 is still up, and a screenshot shows the card.
# - Right shows card 2 of 2; Left goes back to card 1 of 2.
# - F folds the card to a strip: the top of the map is no longer dimmed (brighter than with the
#   card up); F unfolds it.
# - L with a card up opens the levers (a lever moved is in the story) and the card stays.
# - A key the card does not use does nothing to it; Enter goes through the cards.
# - Auto-play stops at the next month with cards (no month played while they are up) and goes on
#   by itself after the last.
# - Q asks: the game is still running a second later; Escape stays; Q then Y quits with 0.
# Then, on a short scenario played to its end at full speed: N on the debrief goes back to the
# start screen (its window title) and Enter there starts a new game of the same scenario.
# Skipped (status 0) without Xvfb and xdotool.
# Usage: test_cards_x11.sh CLOSEDLOOP SOURCE_DIR
BIN=$1
SRC=$2
. "$SRC/tests/x11_lib.sh"
x11_begin cards_x11

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
card() { grep -E '^(card |cards done)' "$1" | tail -n 1; }
# Waits (30 s at most) until the story has $2 lines matching $1 (a month takes long under the
# sanitizers).
story="$3"
wait_line() {
  i=0
  while [ "$(grep -c "$1" "$story")" -lt "$2" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
}
SDL_VIDEODRIVER=x11 "$1" play --no-start --classroom >"$3" 2>"$3.err" &
pid=$!
x11_window "$pid" "$3.err" || exit 1
x11_key n                       # month 1: one card
wait_line '^card 1 of 1: ' 1
sleep 0.7
x11_key Return                  # done with it
wait_line '^cards done' 1
xdotool key --window "$wid" n space 2>/dev/null || xdotool key n space
wait_line '^card 1 of 2: ' 1
sleep 0.3
echo "early $(card "$3")" >>"$3.checks"
shot "$4-early.png"
sleep 0.5
x11_key Right
echo "right $(card "$3")" >>"$3.checks"
x11_key Left
echo "left $(card "$3")" >>"$3.checks"
shot "$4-up.png"
x11_key f
shot "$4-folded.png"
x11_key f
x11_key l                       # the levers, the card beside them
x11_key Down
x11_key Down
x11_key Left
shot "$4-levers.png"
x11_key Escape
echo "levers $(card "$3")" >>"$3.checks"
x11_key a                       # not a card's key: the card stays
echo "other $(card "$3")" >>"$3.checks"
x11_key Return
x11_key Return                  # cards done, the game paused as it was
# Auto-play stops at the next month with cards and waits while they are up; after the last it
# goes on by itself.
n0=$(grep -c '^card 1 of' "$3")
x11_key space
i=0
while [ "$(grep -c '^card 1 of' "$3")" -le "$n0" ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.3
a=$(grep -c '^turn ' "$3")
sleep 2
b=$(grep -c '^turn ' "$3")
echo "waits $a $b" >>"$3.checks"
i=0
while [ "$(card "$3")" != "cards done" ] && [ $i -lt 20 ]; do x11_key Return; sleep 0.3; i=$((i + 1)); done
i=0
while [ "$(grep -c '^turn ' "$3")" -le "$b" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
c=$(grep -c '^turn ' "$3")
echo "resumes $b $c" >>"$3.checks"
x11_key space                   # pause again (or dismiss a card that came up)
x11_key q
sleep 1
if kill -0 "$pid" 2>/dev/null; then echo "asked yes" >>"$3.checks"; fi
shot "$4-ask.png"
x11_key Escape                  # stay
sleep 0.5
if kill -0 "$pid" 2>/dev/null; then echo "stayed yes" >>"$3.checks"; fi
x11_key q
x11_key y
x11_wait_exit "$pid" "$3"

# A new game after the end.
SDL_VIDEODRIVER=x11 "$1" play --no-start --scenario tests/data/minimal.json >"$3.new" 2>"$3.new.err" &
pid=$!
x11_window "$pid" "$3.new.err" || exit 1
for k in 1 2 3 4 5; do x11_key plus; done
x11_key space
i=0
while ! grep -q '^game over' "$3.new" && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.5
x11_key n
i=0
while ! xdotool search --onlyvisible --name 'closedloop - start' >/dev/null 2>&1 && [ $i -lt 150 ]; do
  sleep 0.1; i=$((i + 1))
done
xdotool search --onlyvisible --name 'closedloop - start' >/dev/null 2>&1 && echo "start yes" >>"$3.checks"
sleep 0.5
x11_key Return
story="$3.new"
wait_line '^Seed ' 2
sleep 1
x11_key n
sleep 1
x11_key q
x11_key y
x11_wait_exit "$pid" "$3.new"
EOS

fail=0
x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/out" "$TMP/shot"
OUT="$TMP/out"
C="$OUT.checks"
[ -f "$C" ] || { echo "FAIL: the driver stopped early"; touch "$C"; fail=1; }
grep -q "^early card 1 of 2: " "$C" ||
  { echo "FAIL: a key pressed as the cards came up moved them: $(grep '^early' "$C")"; fail=1; }
grep -q "^right card 2 of 2: " "$C" || { echo "FAIL: Right did not show card 2 of 2"; fail=1; }
grep -q "^left card 1 of 2: " "$C" || { echo "FAIL: Left did not go back to card 1 of 2"; fail=1; }
grep -q "^levers card 1 of 2: " "$C" || { echo "FAIL: the card went with the levers"; fail=1; }
grep -q "^other card 1 of 2: " "$C" || { echo "FAIL: a key the card does not use moved it"; fail=1; }
grep -q "The teacher moves a lever: Market mood set from" "$OUT" ||
  { echo "FAIL: L with a card up did not open the levers"; fail=1; }
while read -r what x y; do
  case $what in
  waits) [ "$x" = "$y" ] || { echo "FAIL: months played while a card was up ($x -> $y)"; fail=1; } ;;
  resumes) [ "$y" -gt "$x" ] || { echo "FAIL: auto-play did not go on after the cards ($x -> $y)"; fail=1; } ;;
  esac
done <"$C"
grep -q "^waits" "$C" || { echo "FAIL: auto-play never came to a card"; fail=1; }
grep -q "^asked yes" "$C" || { echo "FAIL: Q quit without asking"; fail=1; }
grep -q "^stayed yes" "$C" || { echo "FAIL: Escape after Q did not stay"; fail=1; }
grep -q "^exit 0\$" "$OUT" || { echo "FAIL: Q then Y did not quit with 0"; fail=1; }
# Folded, the map shows: its top left quarter is brighter than under the card's dimming.
if command -v convert >/dev/null 2>&1 && [ -f "$TMP/shot-up.png" ] && [ -f "$TMP/shot-folded.png" ]; then
  up=$(convert "$TMP/shot-up.png" -crop 480x120+60+62 -format '%[fx:mean]' info:)
  folded=$(convert "$TMP/shot-folded.png" -crop 480x120+60+62 -format '%[fx:mean]' info:)
  awk -v u="$up" -v f="$folded" 'BEGIN { exit !(f > u * 1.3) }' ||
    { echo "FAIL: folding the card did not uncover the map ($up -> $folded)"; fail=1; }
fi
grep -q "^start yes" "$C" || { echo "FAIL: N after the end did not open the start screen"; fail=1; }
[ "$(grep -c '^Seed ' "$OUT.new")" -eq 2 ] ||
  { echo "FAIL: no second game after the start screen"; fail=1; }
grep -q "^exit 0\$" "$OUT.new" || { echo "FAIL: the second game did not quit with 0"; fail=1; }
if [ -n "$CLOSEDLOOP_TEST_PNG" ]; then
  for f in early up folded levers ask; do
    [ -f "$TMP/shot-$f.png" ] && cp "$TMP/shot-$f.png" "$CLOSEDLOOP_TEST_PNG/cards-x11-$f.png"
  done
fi
if [ $fail -ne 0 ]; then
  echo "--- checks:"; cat "$C"
  echo "--- output:"; grep -E '^(card|cards|turn|classroom|exit)' "$OUT" | tail -20; tail -40 "$OUT.err"
  echo "--- new game:"; tail -5 "$OUT.new"; tail -40 "$OUT.new.err"
  exit 1
fi
echo "cards under Xvfb: ok"
