#!/bin/sh
# test_loop_x11: another loop in the real window. The telecom scenario of tests/data/telecom/
# (eight actors, its own words and Chinese) is played under Xvfb with synthetic keys, in English
# at 1280x720 and in Chinese at 1920x1080 (the window resized to fill the screen): the start
# screen offers it (a data folder whose scenarios/ holds it), Down Down Right seats a person on
# its first role (Winstar) and Enter starts; on the desk "p" opens the deal dialog, Ctrl+Enter
# proposes its first draft (sized to Winstar: the engine takes it, the story tells the offer)
# and Enter ends the turn; the next month D opens the debrief and D closes it; the game quits
# after three months with status 0. Every text the window drew ($CLOSEDLOOP_TEXT_LOG) is free
# of 2025's words (GW, compute, chips, OpenAI, ...) and shows the scenario's own (Tbps, and in
# Chinese its names); screenshots of the start screen, desk, dialog and debrief have the
# window's size (CLOSEDLOOP_TEST_PNG=DIR keeps them).
# Skipped (status 0) without Xvfb and xdotool.
# Usage: test_loop_x11.sh CLOSEDLOOP SOURCE_DIR
BIN=$1
SRC=$(cd "$2" && pwd)
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
. "$SRC/tests/x11_lib.sh"
x11_begin loop_x11
unset CLOSEDLOOP_LANG CLOSEDLOOP_SCRIPTS CLOSEDLOOP_CLASSROOM
fail=0
CLOSEDLOOP_DATA=$TMP/data
export CLOSEDLOOP_DATA

# A data folder like assets/ whose scenarios/ holds only the telecom loop (and its playbooks).
DATA=$CLOSEDLOOP_DATA
mkdir -p "$DATA/scenarios"
for f in "$SRC"/assets/*; do
  [ "$(basename "$f")" = scenarios ] || ln -s "$f" "$DATA/"
done
ln -s "$SRC/tests/data/telecom/telecom-2000.json" "$SRC/tests/data/telecom/strategies" \
  "$DATA/scenarios/"

cat >"$TMP/drive.sh" <<'EOS'
#!/bin/sh
# $1 closedloop, $2 source dir, $3 output prefix, $4 language, $5 width, $6 height
cd "$2" || exit 1
. "$2/tests/x11_lib.sh"
OUT=$3 W=$5 H=$6
shot() {
  sleep 0.5
  if command -v xwd >/dev/null 2>&1 && command -v convert >/dev/null 2>&1; then
    xwd -id "$wid" -silent >"$OUT.xwd" && convert "$OUT.xwd" "$OUT-$1.png"
  fi
  xdotool getwindowname "$wid" >>"$OUT.title"
}
CLOSEDLOOP_TEXT_LOG=$OUT.texts SDL_VIDEODRIVER=x11 "$1" play --lang "$4" --quit-after-turns 3 \
  >"$OUT" 2>"$OUT.err" &
pid=$!
x11_window "$pid" "$OUT.err" || exit 1
xdotool windowmove "$wid" 0 0
xdotool windowsize --sync "$wid" "$W" "$H" 2>/dev/null || xdotool windowsize "$wid" "$W" "$H"
sleep 1
shot start
x11_key Down
x11_key Down
x11_key Right  # "You play": the first role, Winstar
x11_key Return # start
# Wait for the game to leave the start screen (its title says "start" / 开始).
i=0
while [ $i -lt 100 ]; do
  sleep 0.1
  wid=$(xdotool search --onlyvisible --name closedloop 2>/dev/null | tail -n 1)
  case "$(xdotool getwindowname "$wid" 2>/dev/null)" in *start* | *开始*) i=$((i + 1)) ;; *) break ;; esac
done
sleep 1
shot desk
x11_key p      # the deal dialog
shot dialog
x11_key ctrl+Return # propose the draft (Enter alone only confirms a row)
x11_key Return # end the turn (month 1)
x11_key d      # month 2: the debrief so far
shot debrief
x11_key d
x11_key Return # end month 2
x11_key Return # end month 3: the game quits
x11_wait_exit "$pid" "$OUT"
EOS

WORDS='GW|[Cc]hips?\b|[Cc]ompute|OpenAI|Nvidia|NVIDIA|Stargate|SoftBank|Oracle|Microsoft|Broadcom|TSMC|AMD|2025|data.cent|算力|芯片|英伟达|软银|甲骨文|微软|博通|台积电|星际之门|数据中心|人工智能|AI'

for run in "en 1280 720" "zh 1920 1080"; do
  set -- $run
  L=$1 W=$2 H=$3
  OUT=$TMP/$L
  X11_SCREEN=${W}x$H
  export X11_SCREEN
  x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$OUT" "$L" "$W" "$H"
  grep -q "start\|开始" "$OUT.title" 2>/dev/null || { echo "FAIL: $L: no start screen"; fail=1; }
  grep -q "winstar=human" "$OUT" ||
    { echo "FAIL: $L: the start screen did not seat a person on Winstar"; fail=1; }
  if [ "$L" = en ]; then
    grep -q "^  - Winstar Communications offers " "$OUT" ||
      { echo "FAIL: en: the dialog's first draft is not in the story"; fail=1; }
    grep -q "^turn 3\$" "$OUT" || { echo "FAIL: en: three months were not played"; fail=1; }
  else
    grep -q "^  - 温斯达通信向" "$OUT" ||
      { echo "FAIL: zh: the dialog's first draft is not in the story"; fail=1; }
    grep -q "^第3个月结束\$" "$OUT" || { echo "FAIL: zh: three months were not played"; fail=1; }
  fi
  grep -q "^exit 0\$" "$OUT" || { echo "FAIL: $L: play did not exit 0"; fail=1; }
  if [ -s "$OUT.texts" ]; then
    if grep -nE "$WORDS" "$OUT.texts" >"$TMP/hits"; then
      echo "FAIL: $L: the window shows a word of 2025's loop:"; head -5 "$TMP/hits"; fail=1
    fi
    grep -q "Tbps" "$OUT.texts" || { echo "FAIL: $L: the window never showed Tbps"; fail=1; }
    [ "$L" = zh ] && { grep -q "温斯达通信" "$OUT.texts" ||
      { echo "FAIL: zh: the window never showed 温斯达通信"; fail=1; }; }
  else
    echo "FAIL: $L: no texts logged"; fail=1
  fi
  for s in start desk dialog debrief; do
    [ -f "$OUT-$s.png" ] || continue
    size=$(identify -format '%wx%h' "$OUT-$s.png" 2>/dev/null)
    [ "$size" = "${W}x$H" ] || { echo "FAIL: $L: the $s screenshot is '$size', not ${W}x$H"; fail=1; }
    [ -n "$CLOSEDLOOP_TEST_PNG" ] && cp "$OUT-$s.png" "$CLOSEDLOOP_TEST_PNG/loop-x11-$L-$s.png"
  done
done
if [ $fail -ne 0 ]; then
  for L in en zh; do
    echo "--- $L:"; cat "$TMP/$L.title" 2>/dev/null; tail -30 "$TMP/$L"; tail -10 "$TMP/$L.err"
  done
  exit 1
fi
echo "ok: the telecom loop in the window, English 1280x720 and Chinese 1920x1080"
