#!/bin/sh
# test_scale_x11: the window at every size (issue 14, item 4). Under Xvfb at 1280x720 and at
# 3840x2160: the game window opens sized to the screen (inside it, most of it: no bottom buttons
# off a small screen, no small window on a large one); F11 makes it cover the screen and F11 again
# gives it back its size; Ctrl+= and Ctrl+- keep it whole (the layout scales, the window does
# not move). --size WxH opens it at that size, --fullscreen covering the screen, and the start
# screen's Z and F11 keys do the same before a game. The window's screenshot (S) is as large as
# the screen in full screen. Full screen is remembered in the settings file ($XDG_CONFIG_HOME):
# the next run without flags opens covering the screen.
# Skipped (status 0) without Xvfb and xdotool.
# Usage: test_scale_x11.sh CLOSEDLOOP SOURCE_DIR
BIN=$1
SRC=$2
. "$SRC/tests/x11_lib.sh"
x11_begin scale_x11
unset CLOSEDLOOP_WINDOW # the window's own size is what is tested here

cat >"$TMP/drive.sh" <<'EOS'
#!/bin/sh
# $1 closedloop, $2 source dir, $3 output file, $4 mode (game | size | full | start)
cd "$(dirname "$3")" || exit 1
. "$2/tests/x11_lib.sh"
OUT=$3
geom() { eval "$(xdotool getwindowgeometry --shell "$wid")"; echo "$1 $WIDTH $HEIGHT $X $Y" >>"$OUT.geom"; }
# keyed KEY NAME: sends KEY and waits up to 15 s for the window to leave its place and size (a 4K
# frame drawn in software on a busy machine takes its time) and to settle (the same geometry
# twice 0.2 s apart), then records it as geom does. The geometry before is read before the key:
# read after it, the window may already have changed, and the wait ran out its 15 s.
now() { eval "$(xdotool getwindowgeometry --shell "$wid")"; echo "$WIDTH $HEIGHT $X $Y"; }
keyed() {
  was=$(now)
  xdotool key --window "$wid" "$1"
  i=0
  while [ "$(now)" = "$was" ] && [ $i -lt 75 ]; do sleep 0.2; i=$((i + 1)); done
  last=$(now)
  sleep 0.2
  while [ "$(now)" != "$last" ] && [ $i -lt 75 ]; do last=$(now); sleep 0.2; i=$((i + 1)); done
  geom "$2"
}
xdotool getdisplaygeometry >"$3.screen"
case "$4" in
  size) SDL_VIDEODRIVER=x11 "$1" play --no-start --size 1000x640 >"$3" 2>"$3.err" & ;;
  full) SDL_VIDEODRIVER=x11 "$1" play --no-start --fullscreen >"$3" 2>"$3.err" & ;;
  start) SDL_VIDEODRIVER=x11 "$1" play --lang en >"$3" 2>"$3.err" & ;;
  again) SDL_VIDEODRIVER=x11 "$1" play --no-start >"$3" 2>"$3.err" & ;;
  *) SDL_VIDEODRIVER=x11 "$1" play --no-start --scale projector >"$3" 2>"$3.err" & ;;
esac
pid=$!
x11_window "$pid" "$3.err" || exit 1
geom open
if [ "$4" = start ]; then
  x11_key z
  keyed F11 full
  # The game leaves the start screen (its title says "start") within 10 s.
  xdotool key --window "$wid" Return
  i=0
  while [ $i -lt 50 ]; do
    wid=$(xdotool search --onlyvisible --name closedloop 2>/dev/null | tail -n 1)
    case "$(xdotool getwindowname "$wid" 2>/dev/null)" in *start* | "") ;; *) break ;; esac
    sleep 0.2
    i=$((i + 1))
  done
  geom game
elif [ "$4" = game ]; then
  keyed F11 full
  sleep 1 # a 4K frame at the new size on a busy machine
  # The screenshot, once its file is written (its size the same twice 0.2 s apart; 10 s at most).
  xdotool key --window "$wid" s
  i=0 last=-1
  while [ $i -lt 50 ]; do
    size=$(wc -c <closedloop-shot-001.png 2>/dev/null || echo 0)
    [ "$size" -gt 0 ] && [ "$size" = "$last" ] && break
    last=$size
    sleep 0.2
    i=$((i + 1))
  done
  keyed F11 back
  x11_key ctrl+equal
  x11_key ctrl+minus
  geom scaled
fi
x11_key q
x11_key y
x11_wait_exit "$pid" "$3"
EOS

fail=0
check() { # FILE SCREEN_W SCREEN_H
  OUT=$1
  set -- $(cat "$OUT.screen")
  sw=$1
  sh=$2
  grep -q "^exit 0\$" "$OUT" || { echo "FAIL: $OUT: play did not exit 0: $(cat "$OUT.err")"; fail=1; }
}
# WIDTH HEIGHT X Y of the line named $2 in $1.geom
at() { sed -n "s/^$2 //p" "$1.geom"; }
inside() { # NAME W H X Y: the window inside the screen, and most of it
  [ "$2" -le "$sw" ] && [ "$3" -le "$sh" ] && [ "$4" -ge 0 ] && [ "$5" -ge 0 ] &&
    [ $(($4 + $2)) -le "$sw" ] && [ $(($5 + $3)) -le "$sh" ] &&
    [ $(($2 * 10)) -ge $((sw * 8)) ] && [ $(($3 * 10)) -ge $((sh * 8)) ] ||
    { echo "FAIL: $1: the window ${2}x$3 at $4,$5 on a ${sw}x$sh screen"; fail=1; }
}

for screen in 1280x720 3840x2160; do
  X11_SCREEN=$screen
  export X11_SCREEN
  OUT="$TMP/game-$screen"
  x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$OUT" game
  check "$OUT"
  inside "$screen open" $(at "$OUT" open)
  [ "$(at "$OUT" full)" = "$sw $sh 0 0" ] || { echo "FAIL: $screen: F11 gave $(at "$OUT" full), not the screen"; fail=1; }
  [ "$(at "$OUT" back)" = "$(at "$OUT" open)" ] || { echo "FAIL: $screen: F11 again gave $(at "$OUT" back), not $(at "$OUT" open)"; fail=1; }
  [ "$(at "$OUT" scaled)" = "$(at "$OUT" open)" ] || { echo "FAIL: $screen: Ctrl+=/- moved the window"; fail=1; }
  shot="$TMP/closedloop-shot-001.png"
  if [ -f "$shot" ] && command -v python3 >/dev/null 2>&1; then
    wh=$(python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(24); print(*struct.unpack('>II', d[16:24]))" "$shot")
    [ "$wh" = "$sw $sh" ] || { echo "FAIL: $screen: the full-screen screenshot is $wh"; fail=1; }
  else
    echo "FAIL: $screen: no screenshot"; fail=1
  fi
  rm -f "$shot"
done

X11_SCREEN=1920x1080
export X11_SCREEN
x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/size" size
check "$TMP/size"
case "$(at "$TMP/size" open)" in
  "1000 640 "*) ;;
  *) echo "FAIL: --size 1000x640 opened $(at "$TMP/size" open)"; fail=1 ;;
esac
x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/full" full
check "$TMP/full"
[ "$(at "$TMP/full" open)" = "1920 1080 0 0" ] || { echo "FAIL: --fullscreen opened $(at "$TMP/full" open)"; fail=1; }
# Remembered: the settings file says full screen, and the next run without flags opens so.
settings="$XDG_CONFIG_HOME/closedloop/settings.json"
grep -q '"fullscreen":[[:space:]]*true' "$settings" || { echo "FAIL: settings after --fullscreen: $(cat "$settings")"; fail=1; }
x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/again" again
check "$TMP/again"
[ "$(at "$TMP/again" open)" = "1920 1080 0 0" ] || { echo "FAIL: the remembered full screen opened $(at "$TMP/again" open)"; fail=1; }
rm -f "$settings" # the start screen's run begins from the defaults
x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/start" start
check "$TMP/start"
[ "$(at "$TMP/start" full)" = "1920 1080 0 0" ] || { echo "FAIL: F11 on the start screen gave $(at "$TMP/start" full)"; fail=1; }
[ "$(at "$TMP/start" game)" = "1920 1080 0 0" ] || { echo "FAIL: the game after a full-screen start screen is $(at "$TMP/start" game)"; fail=1; }

# Bad sizes and scales are refused with a clear message, exit 2.
for bad in "--size 100x100" "--size 1280" "--size axb" "--scale huge"; do
  "$BIN" play --no-start $bad >"$TMP/bad.out" 2>"$TMP/bad.err"
  rc=$?
  [ $rc -eq 2 ] && grep -q -- "${bad%% *}" "$TMP/bad.err" ||
    { echo "FAIL: play $bad: exit $rc, $(cat "$TMP/bad.err")"; fail=1; }
done

[ $fail -eq 0 ] && echo "ok: the window fits 1280x720 and 3840x2160, F11 toggles full screen"
exit $fail
