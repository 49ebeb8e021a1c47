#!/bin/sh
# test_play_x11: the real window of `closedloop play` under Xvfb, driven by synthetic keys and a
# click (xdotool): three "n" keys play three months and the game quits (--quit-after-turns 3)
# with status 0; a click on the Next month button plays a month; a screenshot of the X screen
# has the window's size. Then the start screen (no --no-start): it appears, the keys choose
# "watch" (Down Down to "You play", Right to OpenAI, Left back to Watch) and Enter starts a game
# that N steps with no person seated; choosing OpenAI seats a person there. In Chinese: with
# --lang zh the start screen (its title says 开始) starts a game that speaks Chinese and N plays
# a month; from English, the start screen's language row (Up, Right) switches to Chinese and the
# game that starts speaks it.
# Skipped (status 0) without Xvfb and xdotool.
# Usage: test_play_x11.sh CLOSEDLOOP SOURCE_DIR
BIN=$1
SRC=$2
. "$SRC/tests/x11_lib.sh"
x11_begin play_x11
fail=0

# The driver runs inside the X session: start the game, find its window, send input.
cat >"$TMP/drive.sh" <<'EOS'
#!/bin/sh
# $1 closedloop, $2 source dir, $3 output file, $4 mode (keys | click | watch | person | zh |
# switch), $5 screenshot file
cd "$2" || exit 1
case "$4" in
keys | click) start=--no-start ;;
zh) start="--lang zh" ;;
switch) start="--lang en" ;;
*) start= ;;
esac
SDL_VIDEODRIVER=x11 "$1" play --quit-after-turns "$([ "$4" = keys ] && echo 3 || echo 1)" $start \
  >"$3" 2>"$3.err" &
pid=$!
wid=""
i=0
while [ -z "$wid" ] && [ $i -lt 300 ]; do
  # Only a mapped window: SDL may make and drop a window before the one that stays.
  wid=$(xdotool search --onlyvisible --name closedloop 2>/dev/null | tail -n 1)
  [ -z "$wid" ] && sleep 0.1
  i=$((i + 1))
done
if [ -z "$wid" ]; then echo "no window" >>"$3.err"; kill "$pid"; exit 1; fi
sleep 1
# Ask again once the game is up: the window found first may have been replaced since.
wid=$(xdotool search --onlyvisible --name closedloop 2>/dev/null | tail -n 1)
if [ -z "$wid" ]; then echo "window gone" >>"$3.err"; kill "$pid"; exit 1; fi
xdotool windowfocus --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid"
if [ "$4" = watch ] || [ "$4" = person ] || [ "$4" = zh ] || [ "$4" = switch ]; then
  # The start screen: its title says so; the keys pick who plays, Enter starts.
  xdotool getwindowname "$wid" >>"$3.title"
  case "$4" in
  watch | zh) keys="Down Down Right Left Return" ;;
  person) keys="Down Down Right Return" ;;
  # Up to the language row, Right to Chinese; Down three times to "You play"; watch, start.
  switch) keys="Up Right Down Down Down Right Left Return" ;;
  esac
  if [ "$4" = zh ] && [ -n "$5" ] && command -v xwd >/dev/null 2>&1 &&
    command -v convert >/dev/null 2>&1; then
    xwd -root -silent | convert xwd:- "$5"
  fi
  for k in $keys; do
    xdotool key --window "$wid" "$k" 2>/dev/null || xdotool key "$k"
    sleep 0.3
    # The language row renames the window at once.
    [ "$4" = switch ] && xdotool getwindowname "$wid" >>"$3.title"
  done
  # Wait for the game to leave the start screen (its title says "start" / 开始): a key sent
  # before that would go to the start screen, and the game would never end its month.
  i=0
  while [ $i -lt 100 ]; do
    sleep 0.1
    wid=$(xdotool search --onlyvisible --name closedloop 2>/dev/null | tail -n 1)
    t=$(xdotool getwindowname "$wid" 2>/dev/null)
    case "$t" in *start* | *开始*) i=$((i + 1)) ;; *) break ;; esac
  done
  sleep 0.5
  xdotool getwindowname "$wid" >>"$3.title"
  # Watching, N plays a month; with a person seated, Q asks and Y quits.
  for k in $([ "$4" = person ] && echo q y || echo n); do
    xdotool key --window "$wid" "$k" 2>/dev/null || xdotool key "$k"
    sleep 0.3
  done
elif [ "$4" = keys ]; then
  for k in 1 2 3; do
    xdotool key --window "$wid" n 2>/dev/null || xdotool key n
    sleep 0.7
  done
else
  if [ -n "$5" ] && command -v xwd >/dev/null 2>&1 && command -v convert >/dev/null 2>&1; then
    xwd -root -silent | convert xwd:- "$5"
  fi
  # The Next month button: scale 1, in the controls bar 48 px high at the bottom, x 118..254.
  # A slow start (a sanitizer build on a loaded machine) may not have laid the bar out when the
  # first click comes: click again every 4 s until the month is played (--quit-after-turns 1
  # then ends the game), five times at most.
  eval "$(xdotool getwindowgeometry --shell "$wid")"
  n=0
  while kill -0 "$pid" 2>/dev/null && [ $n -lt 5 ]; do
    xdotool mousemove --window "$wid" 186 $((HEIGHT - 24)) click 1
    j=0
    while kill -0 "$pid" 2>/dev/null && [ $j -lt 40 ]; do sleep 0.1; j=$((j + 1)); done
    n=$((n + 1))
  done
fi
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$pid" 2>/dev/null; then echo "still running" >>"$3.err"; kill "$pid"; exit 1; fi
wait "$pid"
echo "exit $?" >>"$3"
EOS

x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/keys.out" keys
for n in 1 2 3; do
  grep -q "^turn $n\$" "$TMP/keys.out" || { echo "FAIL: no 'turn $n' after three n keys"; fail=1; }
done
grep -q "^exit 0\$" "$TMP/keys.out" || { echo "FAIL: play did not exit 0"; fail=1; }

x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/click.out" click \
  "$TMP/shot.png"
grep -q "^turn 1\$" "$TMP/click.out" || { echo "FAIL: the Next month click played no turn"; fail=1; }
grep -q "^exit 0\$" "$TMP/click.out" || { echo "FAIL: play did not exit 0 after the click"; fail=1; }

x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/watch.out" watch
grep -q "start" "$TMP/watch.out.title" || { echo "FAIL: no start screen"; fail=1; }
grep -q "^Seed [0-9]*. Strategies: openai=" "$TMP/watch.out" ||
  { echo "FAIL: the start screen did not start the game"; fail=1; }
grep -q "=human" "$TMP/watch.out" && { echo "FAIL: watching seated a person"; fail=1; }
grep -q "^turn 1\$" "$TMP/watch.out" || { echo "FAIL: no month played after the start screen"; fail=1; }
grep -q "^exit 0\$" "$TMP/watch.out" || { echo "FAIL: play did not exit 0 after the start screen"; fail=1; }

x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/person.out" person
grep -q "Strategies: openai=human, microsoft=" "$TMP/person.out" ||
  { echo "FAIL: choosing OpenAI on the start screen seated no person there"; fail=1; }
grep -q "^exit 0\$" "$TMP/person.out" || { echo "FAIL: play did not exit 0 (person)"; fail=1; }

# In Chinese from the command line: the start screen, then a month told in Chinese.
x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/zh.out" zh "$TMP/start-zh.png"
grep -q "开始" "$TMP/zh.out.title" || { echo "FAIL: no Chinese start screen"; fail=1; }
grep -q "^随机种子[0-9]*。策略：openai=" "$TMP/zh.out" ||
  { echo "FAIL: the Chinese start screen did not start the game"; fail=1; }
grep -q "^第1个月结束\$" "$TMP/zh.out" || { echo "FAIL: no month played in Chinese"; fail=1; }
grep -q "^exit 0\$" "$TMP/zh.out" || { echo "FAIL: play --lang zh did not exit 0"; fail=1; }
[ -n "$CLOSEDLOOP_TEST_PNG" ] && [ -f "$TMP/start-zh.png" ] &&
  cp "$TMP/start-zh.png" "$CLOSEDLOOP_TEST_PNG/play-x11-start-zh.png"

# The language row: English at first, Chinese chosen on the start screen, a Chinese game.
x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/switch.out" switch
grep -q "start" "$TMP/switch.out.title" || { echo "FAIL: the start screen was not English"; fail=1; }
grep -q "开始" "$TMP/switch.out.title" ||
  { echo "FAIL: the language row did not switch the window to Chinese"; fail=1; }
grep -q "^随机种子[0-9]*。策略：openai=" "$TMP/switch.out" ||
  { echo "FAIL: the game after the language row does not speak Chinese"; fail=1; }
grep -q "=human" "$TMP/switch.out" && { echo "FAIL: switching language seated a person"; fail=1; }
grep -q "^第1个月结束\$" "$TMP/switch.out" || { echo "FAIL: no month played after switching"; fail=1; }
grep -q "^exit 0\$" "$TMP/switch.out" || { echo "FAIL: play did not exit 0 after switching"; fail=1; }

if [ -f "$TMP/shot.png" ]; then
  size=$(identify -format '%wx%h' "$TMP/shot.png" 2>/dev/null)
  [ "$size" = "1280x800" ] || { echo "FAIL: screenshot is '$size', not 1280x800"; fail=1; }
fi
if [ $fail -ne 0 ]; then
  echo "--- keys run:"; cat "$TMP/keys.out" "$TMP/keys.out.err" | tail -20
  echo "--- click run:"; cat "$TMP/click.out" "$TMP/click.out.err" | tail -20
  echo "--- start screen, watch:"; cat "$TMP/watch.out" "$TMP/watch.out.err" | tail -20
  echo "--- start screen, person:"; cat "$TMP/person.out" "$TMP/person.out.err" | tail -20
  echo "--- Chinese:"; cat "$TMP/zh.out.title" "$TMP/zh.out" "$TMP/zh.out.err" | tail -20
  echo "--- language row:"; cat "$TMP/switch.out.title" "$TMP/switch.out" "$TMP/switch.out.err" | tail -20
  exit 1
fi
echo "ok: three keys, one click, screenshot, start screen (watch, a person, Chinese, the language row)"
