#!/bin/sh
# docs-shots.sh: remakes the screenshots of docs/classroom.md's "A networked class" in docs/img/:
# the projector's page (before the first month, English; with the map and a story card, Chinese),
# the teacher's page, a student's desk on a laptop (English) and on a phone (Chinese), taken by
# tests/web/shots.js in chromium; and the window's room screen, taken under Xvfb. Every PNG is
# cut to 128 colours (and the 1920x1080 ones to 1280x720) so each stays under about 200 KB.
#
# Usage: tools/docs-shots.sh [BUILD_DIR]   (default: build; needs chromium, node,
#        tests/web/node_modules, Xvfb, xdotool, xwd and ImageMagick's convert)
# CL_SHOTS_DISPLAY: the X display number for the window (default 63).
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
BIN=$(cd "${1:-$SRC/build}" && pwd)/closedloop
OUT=$SRC/docs/img
N=${CL_SHOTS_DISPLAY:-63}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

NODE_PATH="$SRC/tests/web/node_modules" node "$SRC/tests/web/shots.js" "$BIN" "$TMP"

# The window's room screen: the address, the QR code, the room code and the seats, 1920x1080.
Xvfb ":$N" -screen 0 1920x1080x24 -nolisten tcp >"$TMP/xvfb.err" 2>&1 &
XPID=$!
i=0
until DISPLAY=":$N" xdotool getdisplaygeometry >/dev/null 2>&1; do
  i=$((i + 1))
  [ $i -lt 50 ] || { echo "docs-shots: display :$N does not answer" >&2; kill $XPID; exit 1; }
  sleep 0.2
done
(cd "$SRC" && XDG_CONFIG_HOME="$TMP/config" DISPLAY=":$N" SDL_VIDEODRIVER=x11 exec "$BIN" host \
  --strategy microsoft=human --strategy nvidia=human --strategy oracle=human \
  --bind 127.0.0.1 --port 0 --fullscreen --lang en --save-dir "$TMP/saves" >"$TMP/window.out" 2>"$TMP/window.err") &
HPID=$!
i=0
until grep -q "^Room code: " "$TMP/window.out" 2>/dev/null; do
  i=$((i + 1))
  [ $i -lt 100 ] || { echo "docs-shots: the window's host said no room code" >&2; cat "$TMP/window.err" >&2; break; }
  sleep 0.2
done
sleep 2 # a few frames drawn
xwd -root -display ":$N" | convert xwd:- "$TMP/class-window-room-en.png"
kill -TERM $HPID 2>/dev/null || true # (SIGINT is the window's Q: it asks first)
wait $HPID 2>/dev/null || true
kill $XPID 2>/dev/null || true

for f in "$TMP"/class-*.png; do
  convert "$f" -resize '1280x720>' +dither -colors 128 "PNG8:$OUT/$(basename "$f")"
  echo "$OUT/$(basename "$f"): $(($(wc -c <"$OUT/$(basename "$f")") / 1024)) KB"
done
