#!/bin/sh
# test_news_x11: the news log in the real window under Xvfb, driven by synthetic keys (xdotool).
# A person plays Microsoft and ends eight months with Enter; Home scrolls the log back to month
# 1: the window says the rows shown start at the game's first month (the month the story told
# first), and the first row shown is that month's header; PgDn pages on to the newest row and no
# further (it follows the log again at the end). V switches to "my company": fewer rows, every
# deal shown involves Microsoft, where the unfiltered log showed deals between others. A wheel
# notch over the log scrolls it back. The game loaded from its last autosave has the whole log
# again: Home shows month 1's header. The window writes where the log is after each move
# ("news log: rows 1-4 of 41 from November 2024, filter all") and, with CLOSEDLOOP_NEWS_DUMP
# set, each row shown ("news| deal| ..."). A screenshot of month 1's header in view is kept when
# CLOSEDLOOP_TEST_PNG names a folder. Skipped (status 0) without Xvfb and xdotool.
# Usage: test_news_x11.sh CLOSEDLOOP SOURCE_DIR
BIN=$1
SRC=$2
. "$SRC/tests/x11_lib.sh"
x11_begin news_x11

cat >"$TMP/drive.sh" <<'EOS'
#!/bin/sh
# $1 closedloop, $2 source dir, $3 output file, $4 screenshot at month 1
cd "$2" || exit 1
. "$2/tests/x11_lib.sh"
. "$2/tests/news_x11_keys.sh"
news_begin "$3"
CLOSEDLOOP_NEWS_DUMP=1 SDL_VIDEODRIVER=x11 "$1" play --no-start --lang en \
  --strategy microsoft=human --quit-after-turns 9 >>"$3" 2>"$3.err" &
pid=$!
x11_window "$pid" "$3.err" || exit 1
for m in 1 2 3 4 5 6 7 8; do x11_key Return; done # eight months, nothing done
news_settle
echo "== home" >>"$3"
news_key Home
if command -v xwd >/dev/null 2>&1 && command -v convert >/dev/null 2>&1; then
  xwd -root -silent | convert xwd:- "$4"
fi
echo "== pages" >>"$3"
for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do
  news_key Next
done
echo "== mine" >>"$3"
news_key v
news_key Home
for k in 1 2 3 4 5 6 7 8 9 10 11 12; do news_key Next; done
echo "== wheel" >>"$3"
# The log is under the map: a notch up over it scrolls back.
eval "$(xdotool getwindowgeometry --shell "$wid")"
xdotool mousemove --window "$wid" 200 $((HEIGHT - 110))
sleep 0.3
news_key click 4
x11_key Escape
x11_key y # Escape asks, Y quits
x11_wait_exit "$pid" "$3"
EOS

fail=0
x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/out" "$TMP/month1.png"
OUT="$TMP/out"
# The game's first month as the story told it (a line of its own: "November 2024").
first=$(grep -m1 -E '^[A-Z][a-z]+ [0-9]{4}$' "$OUT")
[ -n "$first" ] || { echo "FAIL: the story told no month"; fail=1; }
grep -q "^turn 8\$" "$OUT" || { echo "FAIL: eight months were not played"; fail=1; }
home=$(sed -n '/^== home$/,/^== pages$/p' "$OUT")
echo "$home" | grep -q "^news log: rows 1-[0-9]* of [0-9]* from $first, filter all\$" ||
  { echo "FAIL: Home did not show the log from month 1 ($first)"; fail=1; }
echo "$home" | grep -m1 '^news| ' | grep -q "^news| header| $first\$" ||
  { echo "FAIL: the first row shown after Home is not month 1's header"; fail=1; }
pages=$(sed -n '/^== pages$/,/^== mine$/p' "$OUT")
total=$(echo "$home" | sed -n 's/^news log: rows [0-9]*-[0-9]* of \([0-9]*\) .*/\1/p' | head -1)
echo "$pages" | grep -q "^news log: rows [0-9]*-$total of $total from " ||
  { echo "FAIL: PgDn did not reach the newest row ($total)"; fail=1; }
# Deals between others are in the whole log ...
all_deals=$( (echo "$home"; echo "$pages") | grep '^news| deal| ' | sort -u)
echo "$all_deals" | grep -v -q Microsoft ||
  { echo "FAIL: the whole log shows no deal between other companies"; fail=1; }
# ... and "my company" leaves them out.
mine=$(sed -n '/^== mine$/,/^== wheel$/p' "$OUT")
echo "$mine" | grep -q "filter mine\$" || { echo "FAIL: V did not switch to my company"; fail=1; }
mine_total=$(echo "$mine" | sed -n 's/^news log: rows [0-9]*-[0-9]* of \([0-9]*\) .*/\1/p' | head -1)
[ -n "$mine_total" ] && [ -n "$total" ] && [ "$mine_total" -lt "$total" ] ||
  { echo "FAIL: my company shows $mine_total rows of $total"; fail=1; }
mine_deals=$(echo "$mine" | grep '^news| deal| ' | sort -u)
[ -n "$mine_deals" ] || { echo "FAIL: my company shows no deal"; fail=1; }
if echo "$mine_deals" | grep -v -q Microsoft; then
  echo "FAIL: my company shows others' deals:"; echo "$mine_deals" | grep -v Microsoft; fail=1
fi
sed -n '/^== wheel$/,$p' "$OUT" | grep -q "^news log: rows [0-9]*-[0-9]* of $mine_total from .*filter mine\$" ||
  { echo "FAIL: the wheel did not scroll the log"; fail=1; }
grep -q "^exit 0\$" "$OUT" || { echo "FAIL: play did not exit 0"; fail=1; }
# A game loaded from its last autosave has the whole log again: Home shows month 1's header.
cat >"$TMP/load.sh" <<'EOS'
#!/bin/sh
# $1 closedloop, $2 source dir, $3 output file, $4 save
cd "$2" || exit 1
. "$2/tests/x11_lib.sh"
. "$2/tests/news_x11_keys.sh"
news_begin "$3"
CLOSEDLOOP_NEWS_DUMP=1 SDL_VIDEODRIVER=x11 "$1" play --load "$4" >>"$3" 2>"$3.err" &
pid=$!
x11_window "$pid" "$3.err" || exit 1
news_key Home
x11_key Escape
x11_key y # Escape asks, Y quits
x11_wait_exit "$pid" "$3"
EOS
save=$(ls "$CLOSEDLOOP_SAVES"/autosave/*-game1-[0-9]*.json 2>/dev/null | sort | tail -n 1)
if [ -n "$save" ]; then
  x11_xvfb sh "$TMP/load.sh" "$BIN" "$SRC" "$TMP/load" "$save"
  grep -q "^news log: rows 1-[0-9]* of [0-9]* from $first, filter all\$" "$TMP/load" ||
    { echo "FAIL: the loaded game's log does not go back to month 1"; tail -5 "$TMP/load"; fail=1; }
  grep -m1 '^news| ' "$TMP/load" | grep -q "^news| header| $first\$" ||
    { echo "FAIL: the loaded game's first row is not month 1's header"; fail=1; }
else
  echo "FAIL: no autosave to load"; fail=1
fi
if [ -n "$CLOSEDLOOP_TEST_PNG" ] && [ -f "$TMP/month1.png" ]; then
  cp "$TMP/month1.png" "$CLOSEDLOOP_TEST_PNG/news-x11-month1.png"
fi
if [ $fail -ne 0 ]; then
  echo "--- output:"; grep -v '^  ' "$OUT" | tail -60; tail -20 "$OUT.err"
  exit 1
fi
echo "news log under Xvfb: ok"
