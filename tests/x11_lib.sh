# x11_lib: what the window tests share. The test scripts source it for x11_begin; the drivers
# they run under x11_xvfb source it for the other functions.
#
# x11_begin NAME: exits 0 ("skipped") without Xvfb and xdotool; sets CLOSEDLOOP_WINDOW=1280x800
# (the window at the size the tests click in); makes $TMP (removed at
# exit), keeps the window's autosaves there (CLOSEDLOOP_SAVES), turns LeakSanitizer off (the
# system libraries SDL loads for a window keep memory until exit; our drawing code's leaks are
# checked by the test_ui_* tests, which need no window).
# x11_xvfb COMMAND...: runs COMMAND with DISPLAY set to a new Xvfb (1280x800, or $X11_SCREEN such
# as 1920x1080) once the server accepts connections, and stops the server after it. Window tests
# run in parallel (ctest -j), so each takes its display number atomically: from $XDISP on (1000
# to 9000, by the test's process id: away from the low numbers people start X servers on by
# hand), a number with no X lock or socket whose /tmp/.cl-x11-N it creates itself (mkdir). Not
# Xvfb -displayfd alone: a server that picks its own number takes the lowest free one and leaves
# no lock file, and a window test on :2 lost its game to something else on the machine that
# used :2. (Before, xvfb-run: a number chosen by looking for a free lock file could be taken by
# a second test between the look and the server's start, and xvfb-run does not wait for its
# server to go, so a number just given back was not free yet.)
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
  # The display numbers tried: from X11_BASE + 1 when set (a developer's own range), else spread
  # by the process id (x11_xvfb takes a free one from there).
  XDISP=${X11_BASE:-$((1000 + ($$ % 500) * 16))}
}

x11_xvfb() {
  tries=0
  while :; do
    XDISP=$((XDISP + 1))
    # Not a number another server holds or a test of ours has taken (the mkdir is atomic: two
    # tests looking at once cannot both take it).
    if [ -e "/tmp/.X$XDISP-lock" ] || [ -e "/tmp/.X11-unix/X$XDISP" ] ||
      ! mkdir "/tmp/.cl-x11-$XDISP" 2>/dev/null; then
      continue
    fi
    : >"$TMP/xvfb.display"
    # -displayfd: the server writes its number on fd 5 once it accepts connections. -noreset:
    # an X server resets when its last client leaves, and the drivers' xdotool calls come and go
    # while the game starts (SDL itself opens and closes a connection first): a game connecting
    # during a reset lost its display ("XIO: fatal IO error 0", "X connection broken"), more
    # often the more loaded the machine. Xvfb's own messages go to $TMP/xvfb.err.
    Xvfb ":$XDISP" -displayfd 5 -noreset -nolisten tcp -screen 0 "${X11_SCREEN:-1280x800}x24" \
      5>"$TMP/xvfb.display" 2>"$TMP/xvfb.err" &
    xpid=$!
    i=0
    while ! grep -q '^[0-9]' "$TMP/xvfb.display" && kill -0 "$xpid" 2>/dev/null && [ $i -lt 100 ]; do
      sleep 0.1
      i=$((i + 1))
    done
    if grep -q '^[0-9]' "$TMP/xvfb.display"; then
      DISPLAY=":$XDISP" "$@"
      rc=$?
    else
      rc=97 # the server did not start (a server outside the tests took the number) or answer
    fi
    # The server stopped, and waited for, before its number is given back. A server that no
    # longer answered is said, with its exit status (0: it was stopped, by a
    # signal from outside the test; 139 or 134: it crashed): the clue to a game that lost its
    # display ("XIO: fatal IO error").
    gone=0
    DISPLAY=":$XDISP" xdotool getdisplaygeometry >/dev/null 2>&1 || gone=1
    kill "$xpid" 2>/dev/null
    wait "$xpid" 2>/dev/null
    st=$?
    [ $gone -eq 1 ] && echo "x11_xvfb: the X server :$XDISP no longer answered (it ended with status $st)" >&2
    rmdir "/tmp/.cl-x11-$XDISP"
    if [ $rc -ne 97 ] || [ $tries -ge 4 ]; then
      # What Xvfb said, when the run failed: the clue to a lost display.
      if [ $rc -ne 0 ] && [ -s "$TMP/xvfb.err" ]; then
        echo "--- Xvfb said (display :$XDISP):" >&2
        tail -20 "$TMP/xvfb.err" >&2
      fi
      return $rc
    fi
    tries=$((tries + 1))
  done
}
