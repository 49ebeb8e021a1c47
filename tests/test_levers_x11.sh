#!/bin/sh
# test_levers_x11: the teacher's levers in the real window, under Xvfb with synthetic keys.
# Auto-play runs (Space); L opens the lever panel and the game waits: no month is played over
# the next 2 s (auto-play plays a month a second). Shift+Right moves the focused lever (the hub's revenue growth) thirty steps and N plays
# six months with the panel open: the panel's chart then draws two lines, the real game's in the
# hub's colour and the game without the change in the faint colour (ui_levers_faint: #767B82 on
# the dark theme), counted in the panel's pixels of a screenshot (none of the faint colour
# before the change), and the sentence on the difference is drawn ($CLOSEDLOOP_TEXT_LOG). L
# closes the panel and auto-play goes on by itself; the game quits after 12 months with
# status 0. In English at 1280x720 (CLOSEDLOOP_TEST_PNG=DIR keeps the screenshots). The panel in
# Chinese and at 1920x1080 is drawn and audited by test_ui_levers and test_ui_fit, and the
# sentence on the difference in Chinese by test_app_compare: one window run is enough here (it
# took 30 s more under Xvfb). The waits are on what the game prints (a month played), not fixed
# sleeps. Skipped (status 0) without Xvfb and xdotool.
# Usage: test_levers_x11.sh CLOSEDLOOP SOURCE_DIR
BIN=$1
SRC=$(cd "$2" && pwd)
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
. "$SRC/tests/x11_lib.sh"
x11_begin levers_x11
unset CLOSEDLOOP_LANG CLOSEDLOOP_SCRIPTS CLOSEDLOOP_CLASSROOM
if ! command -v xwd >/dev/null 2>&1 || ! command -v convert >/dev/null 2>&1; then
  echo "skipped: no xwd/convert"
  exit 0
fi
fail=0

cat >"$TMP/drive.sh" <<'EOS'
#!/bin/sh
# $1 closedloop, $2 source dir, $3 output prefix, $4 language, $5 width, $6 height
cd "$2" || exit 1
. "$2/tests/x11_lib.sh"
OUT=$3 W=$5 H=$6
shot() {
  sleep 0.6
  xwd -id "$wid" -silent >"$OUT.xwd" && convert "$OUT.xwd" "$OUT-$1.png"
}
turns() { grep -c "^turn \|^第[0-9]*个月结束" "$OUT"; }
# until_turns N: waits up to 15 s for the game to have played N months.
until_turns() {
  i=0
  while [ "$(turns)" -lt "$1" ] && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
}
CLOSEDLOOP_TEXT_LOG=$OUT.texts SDL_VIDEODRIVER=x11 "$1" play --lang "$4" --seed 7 \
  --quit-after-turns 12 >"$OUT" 2>"$OUT.err" &
pid=$!
x11_window "$pid" "$OUT.err" || exit 1
xdotool windowmove "$wid" 0 0
xdotool windowsize --sync "$wid" "$W" "$H" 2>/dev/null || xdotool windowsize "$wid" "$W" "$H"
sleep 0.3
x11_key space # auto-play, a month a second
until_turns 1
x11_key l # the levers: the game waits
sleep 0.5
echo "opened $(turns)" >>"$OUT.turns"
sleep 2
echo "later $(turns)" >>"$OUT.turns"
xdotool mousemove 1 1
shot before
xdotool key --window "$wid" --delay 200 shift+Right shift+Right shift+Right
# N six times, each once the month before it is played.
n0=$(turns)
for k in 1 2 3 4 5 6; do
  xdotool key --window "$wid" n
  until_turns $((n0 + k))
done
echo "stepped $(turns)" >>"$OUT.turns"
shot after
x11_key l # closed: auto-play goes on until the game quits after 12 months
x11_wait_exit "$pid" "$OUT"
EOS

# The lines in the panel (the right 36%) of screenshot $1: "FAINT BRIGHT", the columns holding
# pixels of the faint colour, and the columns holding the real game's colour (#F1F4F8) on the
# rows of the faint line (the longest run of rows holding the faint colour; the legend's swatch
# is a few rows, and the plot's texts are dim). The swatch alone is under 40 columns wide. (The
# panel's pixels go to python as raw RGB: as ImageMagick's text, one line a pixel, it took 10 s.)
lines() {
  set -- "$1" $(identify -format '%w %h' "$1")
  pw=$(($2 * 36 / 100))
  convert "$1" -crop "${pw}x$3+$(($2 - pw))+0" +repage -depth 8 rgb:- | python3 -c '
import sys
pw = int(sys.argv[1])
d = sys.stdin.buffer.read()
def where(rgb):
    at, k = set(), d.find(rgb)
    while k >= 0:
        if k % 3 == 0:
            at.add(((k // 3) % pw, (k // 3) // pw))
        k = d.find(rgb, k + 1)
    return at
faint, bright = where(bytes.fromhex("767B82")), where(bytes.fromhex("F1F4F8"))
rows = sorted({y for _, y in faint})
runs, run = [], []
for y in rows:
    if run and y - run[-1] > 3:
        runs.append(run)
        run = []
    run.append(y)
runs.append(run)
band = max(runs, key=len)
lo, hi = (min(band), max(band)) if band else (1, 0)
print(len({x for x, _ in faint}), len({x for x, y in bright if lo <= y <= hi}))' "$pw"
}

for run in "en 1280 720"; do
  set -- $run
  L=$1 W=$2 H=$3
  OUT=$TMP/$L
  X11_SCREEN=${W}x$H
  export X11_SCREEN
  x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$OUT" "$L" "$W" "$H"
  opened=$(sed -n 's/^opened //p' "$OUT.turns" 2>/dev/null)
  after=$(sed -n 's/^later //p' "$OUT.turns" 2>/dev/null)
  stepped=$(sed -n 's/^stepped //p' "$OUT.turns" 2>/dev/null)
  [ -n "$opened" ] && [ "$opened" -ge 1 ] ||
    { echo "FAIL: $L: auto-play played no month before the levers opened ($opened)"; fail=1; }
  [ -n "$opened" ] && [ "$opened" = "$after" ] ||
    { echo "FAIL: $L: months went by with the levers open: $opened, 2 s later $after"; fail=1; }
  [ -n "$stepped" ] && [ "$stepped" -eq $((after + 6)) ] ||
    { echo "FAIL: $L: N did not play six months with the levers open ($after, $stepped)"; fail=1; }
  grep -q "^exit 0\$" "$OUT" || { echo "FAIL: $L: play did not exit 0 (auto-play did not go on?)"; fail=1; }
  grep -q "^  ~ " "$OUT" || { echo "FAIL: $L: the lever did not move"; fail=1; }
  if [ -f "$OUT-before.png" ] && [ -f "$OUT-after.png" ]; then
    set -- $(lines "$OUT-before.png")
    f0=$1
    set -- $(lines "$OUT-after.png")
    f1=$1 b1=$2
    [ "$f0" -le 20 ] || { echo "FAIL: $L: the faint colour before any change ($f0 columns)"; fail=1; }
    [ "$f1" -ge 80 ] ||
      { echo "FAIL: $L: no faint line (the game without the change): $f1 columns"; fail=1; }
    [ "$b1" -ge 80 ] || { echo "FAIL: $L: no line of the real game: $b1 columns"; fail=1; }
    echo "$L: the faint line over $f1 columns ($f0 before the change), the real game's over $b1"
    [ -n "$CLOSEDLOOP_TEST_PNG" ] && cp "$OUT-before.png" "$CLOSEDLOOP_TEST_PNG/levers-x11-$L-before.png" &&
      cp "$OUT-after.png" "$CLOSEDLOOP_TEST_PNG/levers-x11-$L-after.png"
  else
    echo "FAIL: $L: no screenshots"; fail=1
  fi
  grep -q "with your change\|without your change\|Without your change" "$OUT.texts" ||
    { echo "FAIL: $L: the difference was not said"; fail=1; }
done
if [ $fail -ne 0 ]; then
  for L in en; do
    echo "--- $L:"; cat "$TMP/$L.turns" 2>/dev/null; tail -15 "$TMP/$L"; tail -10 "$TMP/$L.err"
  done
  exit 1
fi
echo "ok: the levers pause the game and the comparison draws two lines, en 1280x720"
