#!/bin/sh
# test_lab_x11: the strategy author's lab in the real window, under Xvfb (issue 16, item 5).
# `play --lab oracle=mine.lua --lab-out lab.json` opens the game with the lab's panel; version 1
# of mine.lua (passive, printing) plays, then the file is replaced on disk by the cookbook's timed
# exit: the window plays the game again by itself (no key pressed) and says what changed in the
# outcome ("was" the score before); its panel then draws the run before in the faint colour
# (ui_lab_faint of the hub: #767B82 on the dark theme), which version 1 alone did not. The run of
# version 2 written to lab.json is the same bytes as a fresh `closedloop run --json` with that
# script. A file with a syntax error is then refused with its FILE:LINE; N N F (the month the
# window is at) and version 1's text saved again: version 3 replays from that month, and its run
# is the same bytes as `run --load` of version 2's game saved there with `--strategy
# oracle=mine.lua`. Q Y quits with 0.
# CLOSEDLOOP_TEST_PNG=DIR keeps the screenshots; CL_XDISP=N makes Xvfb use displays above N.
# Skipped (status 0) without Xvfb, xdotool, xwd or convert.
# Usage: test_lab_x11.sh CLOSEDLOOP SOURCE_DIR
BIN=$1
SRC=$(cd "$2" && pwd)
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
. "$SRC/tests/x11_lib.sh"
x11_begin lab_x11
XDISP=${CL_XDISP:-$XDISP}
unset CLOSEDLOOP_LANG CLOSEDLOOP_SCRIPTS CLOSEDLOOP_CLASSROOM
if ! command -v xwd >/dev/null 2>&1 || ! command -v convert >/dev/null 2>&1; then
  echo "skipped: no xwd/convert"
  exit 0
fi
fail=0
cat >"$TMP/mine.lua" <<'EOL'
return { decide = function(view)
  print("month " .. view.turn)
  return {}
end }
EOL
cp "$TMP/mine.lua" "$TMP/v1.lua"

cat >"$TMP/drive.sh" <<'EOS'
#!/bin/sh
# $1 closedloop, $2 source dir, $3 the test's folder
cd "$2" || exit 1
. "$2/tests/x11_lib.sh"
T=$3 OUT=$3/out
shot() {
  sleep 0.4
  xdotool mousemove 1 1
  xwd -id "$wid" -silent >"$T/shot.xwd" && convert "$T/shot.xwd" "$T/$1.png"
}
# Waits up to 15 s for a line of out matching $1.
wait_for() {
  i=0
  while ! grep -q "$1" "$OUT" 2>/dev/null && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
}
SDL_VIDEODRIVER=x11 "$1" play --lang en --seed 7 --lab "oracle=$T/mine.lua" \
  --lab-out "$T/lab.json" >"$OUT" 2>"$OUT.err" &
pid=$!
date +"%s.%N started" >"$T/times"
x11_window "$pid" "$OUT.err" || exit 1
date +"%s.%N window" >>"$T/times"
wait_for "^lab: version 1 "
date +"%s.%N v1" >>"$T/times"
shot one
# A new version on disk (another size: seen at the watcher's next look, within a second).
cp "$2/scripts/cookbook/timed_exit.lua" "$T/mine.lua"
wait_for "^lab: version 2 "
date +"%s.%N v2" >>"$T/times"
cp "$T/lab.json" "$T/lab2.json" 2>/dev/null
shot two
printf 'return { decide = function(view)\n  return {\nend }\n' >"$T/mine.lua"
wait_for "^lab: the change of "
date +"%s.%N refused" >>"$T/times"
# F at a month past the start: the next version replays from there (version 1's text again).
x11_key n
x11_key n
x11_key f
wait_for "^lab: the next versions replay from "
cp "$T/v1.lua" "$T/mine.lua"
wait_for "^lab: version 3 "
cp "$T/lab.json" "$T/lab3.json" 2>/dev/null
date +"%s.%N v3" >>"$T/times"
[ -n "$CLOSEDLOOP_TEST_PNG" ] && shot three
x11_key q
x11_key y
x11_wait_exit "$pid" "$OUT"
date +"%s.%N exit" >>"$T/times"
EOS

# The columns of the panel (the right 36%) of screenshot $1 holding the faint colour.
faint_columns() {
  w=$(identify -format '%w' "$1") h=$(identify -format '%h' "$1")
  pw=$((w * 36 / 100))
  convert "$1" -crop "${pw}x$h+$((w - pw))+0" +repage -strip -depth 8 ppm:- 2>/dev/null | python3 -c '
import sys
data = sys.stdin.buffer.read()
fields, at = [], 0
while len(fields) < 4:  # P6, width, height, maxval
    while data[at:at + 1].isspace():
        at += 1
    end = at
    while not data[end:end + 1].isspace():
        end += 1
    fields.append(data[at:end])
    at = end
w = int(fields[1])
pix = data[at + 1:]
cols = set()
at = pix.find(b"\x76\x7b\x82")
while at >= 0:
    if at % 3 == 0:
        cols.add((at // 3) % w)
    at = pix.find(b"\x76\x7b\x82", at + 1)
print(len(cols))'
}

start=$(date +%s)
x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP"
OUT=$TMP/out
grep -q "^lab: version 1 of .*mine.lua: Oracle's score: " "$OUT" ||
  { echo "FAIL: version 1 did not play"; fail=1; }
grep -q "^lab: version 2 of .*mine.lua: Oracle's score: .*, was " "$OUT" ||
  { echo "FAIL: the saved file was not played again, or the change was not said"; fail=1; }
grep -q "^lab: the change of .*mine.lua was refused: .*mine.lua:[0-9]*:" "$OUT" ||
  { echo "FAIL: the syntax error was not refused with its FILE:LINE"; fail=1; }
grep -q "^exit 0\$" "$OUT" || { echo "FAIL: play did not exit 0"; fail=1; }
if [ -f "$TMP/one.png" ] && [ -f "$TMP/two.png" ]; then
  f1=$(faint_columns "$TMP/one.png")
  f2=$(faint_columns "$TMP/two.png")
  # A few columns of the colour come from anti-aliased edges; the run before's line spans the
  # chart (about 160 columns at 1280x800).
  [ "$f1" -le 40 ] || { echo "FAIL: the faint colour with one version only ($f1 columns)"; fail=1; }
  [ "$f2" -ge $((f1 + 80)) ] || { echo "FAIL: the run before is not drawn faint ($f2 columns)"; fail=1; }
else
  echo "FAIL: no screenshots"
  fail=1
fi
# The lab's run is a fresh run's: the same script, seed and seats, the same bytes.
cp "$SRC/scripts/cookbook/timed_exit.lua" "$TMP/mine.lua"
"$BIN" run --quiet --seed 7 --strategy all=playbook --strategy "oracle=$TMP/mine.lua" \
  --json "$TMP/run.json" >/dev/null 2>"$TMP/run.err" || { echo "FAIL: run failed"; fail=1; }
cmp -s "$TMP/lab2.json" "$TMP/run.json" ||
  { echo "FAIL: the lab's run of version 2 is not the fresh run's (--lab-out vs run --json)"; fail=1; }
# From a month (F): the lab's run is `run --load` of version 2's game saved there, the role
# seated anew on version 1's text: the same bytes.
M=$(sed -n 's/^lab: the next versions replay from .* (after \([0-9]*\) months)$/\1/p' "$OUT" | tail -1)
grep -q "^lab: version 3 of .*mine.lua: Played again from " "$OUT" ||
  { echo "FAIL: F did not make the next version replay from the window's month"; fail=1; }
if [ -n "$M" ]; then
  "$BIN" run --quiet --seed 7 --strategy all=playbook --strategy "oracle=$TMP/mine.lua" \
    --turns "$M" --save "$TMP/at_m.json" >/dev/null 2>>"$TMP/run.err"
  cp "$TMP/v1.lua" "$TMP/mine.lua"
  "$BIN" run --quiet --load "$TMP/at_m.json" --strategy "oracle=$TMP/mine.lua" \
    --json "$TMP/run3.json" >/dev/null 2>>"$TMP/run.err" || { echo "FAIL: run --load failed"; fail=1; }
  cmp -s "$TMP/lab3.json" "$TMP/run3.json" ||
    { echo "FAIL: the lab's run from month $M is not run --load --strategy's"; fail=1; }
else
  echo "FAIL: F did not say the month to replay from"
  fail=1
fi
if [ -n "$CLOSEDLOOP_TEST_PNG" ]; then cp "$TMP"/*.png "$CLOSEDLOOP_TEST_PNG/" 2>/dev/null; fi
if [ $fail -ne 0 ]; then
  echo "--- out:"; grep -v "^ " "$OUT" | tail -12; tail -5 "$OUT.err"
  exit 1
fi
echo "the lab under Xvfb: ok ($(($(date +%s) - start)) s; faint columns $f1 then $f2)"
