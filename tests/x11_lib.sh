# x11_lib: what the window tests share. The test scripts source it for x11_begin; the drivers
# they run inside xvfb-run source it for the other functions.
#
# x11_begin NAME: exits 0 ("skipped") without xvfb-run and xdotool; sets CLOSEDLOOP_WINDOW=1280x800
# (the window at the size the tests click in); makes $TMP (removed at
# exit), keeps the window's autosaves there (CLOSEDLOOP_SAVES), turns LeakSanitizer off (the
# system libraries SDL loads for a window keep memory until exit; our drawing code's leaks are
# checked by the test_ui_* tests, which need no window) and sets $XDISP, the display number
# x11_xvfb starts from: a number of our own keeps two test runs (two builds at once) from
# racing for :99.
# x11_xvfb COMMAND...: runs COMMAND under a new Xvfb (1280x800, or $X11_SCREEN such as 1920x1080)
# on a display number never used before in this test, once the display answers (see the function). Reusing the number just closed failed in CI: xvfb-run stops its server
# without waiting, and the old server, on its way out, removed the lock and socket the new one
# had just made, so the game found no display. (xvfb-run reads -a before -n, so "-a -n N" never
# looked for a free number; "-n N -a" does.)
# x11_window PID ERRFILE: sets $wid to the game's mapped window (waits up to 30 s; SDL may make
# and drop a window before the one that stays, so it asks again once the game is up).
# x11_key KEY: sends one key to $wid and gives the game time to draw.
# x11_wait_exit PID OUT: waits up to 30 s for the game to quit and appends "exit STATUS" to OUT.
x11_window() {
  wid=""
  i=0
  while [ -z "$wid" ] && [ $i -lt 300 ]; do
    wid=$(xdotool search --onlyvisible --name closedloop 2>/dev/null | tail -n 1)
    [ -z "$wid" ] && sleep 0.1
    i=$((i + 1))
  done
  if [ -z "$wid" ]; then echo "no window" >>"$2"; kill "$1"; return 1; fi
  sleep 1
  wid=$(xdotool search --onlyvisible --name closedloop 2>/dev/null | tail -n 1)
  if [ -z "$wid" ]; then echo "window gone" >>"$2"; kill "$1"; return 1; fi
  xdotool windowfocus --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid"
  return 0
}

x11_key() {
  xdotool key --window "$wid" "$1" 2>/dev/null || xdotool key "$1"
  sleep 0.6
}

x11_wait_exit() {
  i=0
  while kill -0 "$1" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
  if kill -0 "$1" 2>/dev/null; then echo "still running" >>"$2.err"; kill "$1"; return 1; fi
  wait "$1"
  echo "exit $?" >>"$2"
}

x11_begin() {
  if ! command -v xvfb-run >/dev/null 2>&1 || ! command -v xdotool >/dev/null 2>&1; then
    echo "skipped: no xvfb-run/xdotool"
    exit 0
  fi
  TMP=$(mktemp -d "/tmp/cl_$1.XXXXXX")
  trap 'rm -rf "$TMP"' EXIT
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
  CLOSEDLOOP_SAVES="$TMP/saves"
  # The window at the 1280x800 the window tests click in (test_scale_x11 unsets it).
  CLOSEDLOOP_WINDOW=1280x800
  # The window's settings file (app_settings.h) in the test's own folder, never the user's.
  XDG_CONFIG_HOME="$TMP/config"
  export ASAN_OPTIONS CLOSEDLOOP_SAVES CLOSEDLOOP_WINDOW XDG_CONFIG_HOME
  # The display numbers tried: from X11_BASE + 1 when set (a developer's own range), else spread
  # by the process id.
  XDISP=${X11_BASE:-$((100 + ($$ % 400) * 8))}
}

x11_xvfb() {
  tries=0
  while :; do
    XDISP=$((XDISP + 1))
    # Not a number whose server may still be on its way out (its lock or socket still there).
    while [ -e "/tmp/.X$XDISP-lock" ] || [ -e "/tmp/.X11-unix/X$XDISP" ]; do XDISP=$((XDISP + 1)); done
    # The command starts only once the display answers; a display that never does (seen in CI:
    # the game found "x11 not available" at once) is given up after 10 s and the run tried again
    # on another number, twice at most. Xvfb's own messages go to $TMP/xvfb.err.
    xvfb-run -n "$XDISP" -a -e "$TMP/xvfb.err" -s "-screen 0 ${X11_SCREEN:-1280x800}x24" sh -c '
      i=0
      while ! xdotool getdisplaygeometry >/dev/null 2>&1; do
        i=$((i + 1))
        if [ $i -ge 50 ]; then echo "x11_xvfb: display $DISPLAY does not answer" >&2; exit 97; fi
        sleep 0.2
      done
      exec "$@"' x11_xvfb "$@"
    rc=$?
    if [ $rc -ne 97 ] || [ $tries -ge 2 ]; then
      # What Xvfb said, when the run failed: the clue to a lost display.
      if [ $rc -ne 0 ] && [ -s "$TMP/xvfb.err" ]; then
        echo "--- Xvfb said:" >&2
        tail -20 "$TMP/xvfb.err" >&2
      fi
      return $rc
    fi
    tries=$((tries + 1))
  done
}
