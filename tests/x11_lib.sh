# x11_lib: what the window tests share. The test scripts source it for x11_begin; the drivers
# they run under x11_xvfb source it for the other functions.
#
# x11_begin NAME: exits 0 ("skipped") without Xvfb and xdotool; sets CLOSEDLOOP_WINDOW=1280x800
# (the window at the size the tests click in); makes $TMP (removed at
# exit), keeps the window's autosaves there (CLOSEDLOOP_SAVES), turns LeakSanitizer off (the
# system libraries SDL loads for a window keep memory until exit; our drawing code's leaks are
# checked by the test_ui_* tests, which need no window).
# x11_xvfb COMMAND...: runs COMMAND with DISPLAY set to a new Xvfb (1280x800, or $X11_SCREEN such
# as 1920x1080) once the server accepts connections, and stops the server after it. The server
# picks its display number itself (Xvfb -displayfd), so window tests run in parallel (ctest -j)
# and beside other X servers on the machine without ever sharing a display. (Before, xvfb-run
# with a number of our own: a number chosen by looking for a free lock file could be taken by a
# second test between the look and the server's start, and reusing a number just closed failed
# in CI, as xvfb-run does not wait for its server to go.) $XDISP: the display number in use.
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
  if ! command -v Xvfb >/dev/null 2>&1 || ! command -v xdotool >/dev/null 2>&1; then
    echo "skipped: no Xvfb/xdotool"
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
}

x11_xvfb() {
  tries=0
  while :; do
    : >"$TMP/xvfb.display"
    # -displayfd: the server takes the first display number free at that moment itself (two
    # servers started at once never get the same one) and writes it on fd 5 once it accepts
    # connections. Xvfb's own messages go to $TMP/xvfb.err.
    Xvfb -displayfd 5 -nolisten tcp -screen 0 "${X11_SCREEN:-1280x800}x24" \
      5>"$TMP/xvfb.display" 2>"$TMP/xvfb.err" &
    xpid=$!
    i=0
    while ! grep -q '^[0-9]' "$TMP/xvfb.display" && kill -0 "$xpid" 2>/dev/null && [ $i -lt 100 ]; do
      sleep 0.1
      i=$((i + 1))
    done
    XDISP=$(sed -n '1s/^\([0-9][0-9]*\)$/\1/p' "$TMP/xvfb.display")
    if [ -n "$XDISP" ]; then
      DISPLAY=":$XDISP" "$@"
      rc=$?
    else
      echo "x11_xvfb: Xvfb gave no display in 10 s" >&2
      rc=97
    fi
    # The server stopped, and waited for, before the next one starts.
    kill "$xpid" 2>/dev/null
    wait "$xpid" 2>/dev/null
    # A server that never answered (seen in CI on a loaded machine) is tried twice more.
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
