#!/bin/sh
# test_saves_x11: saving and loading in the real window under Xvfb, with synthetic keys. Three
# months, F5 saves, two more months (each one autosaved), F9 lists the saves and Enter loads the
# newest (month 5 again); a broken file in the folder is listed, and loading it (End, Enter)
# fails with its reason while the game in hand goes on: N then plays month 6. Nothing is written
# outside the saves folder given in CLOSEDLOOP_SAVES.
# Skipped (status 0) without xvfb-run and xdotool.
# Usage: test_saves_x11.sh CLOSEDLOOP SOURCE_DIR
BIN=$1
SRC=$2
. "$SRC/tests/x11_lib.sh"
x11_begin saves_x11
mkdir "$TMP/saves"
printf '{"format": "closedloop-save", "version": 1, "trunc' >"$TMP/saves/broken.json"

cat >"$TMP/drive.sh" <<'EOS'
#!/bin/sh
# $1 closedloop, $2 source dir, $3 output file, $4 saves folder
cd "$2" || exit 1
. "$2/tests/x11_lib.sh"
CLOSEDLOOP_SAVES=$4 SDL_VIDEODRIVER=x11 "$1" play --no-start >"$3" 2>"$3.err" &
pid=$!
x11_window "$pid" "$3.err" || exit 1
for k in n n n F5 n n F9 Return; do x11_key "$k"; done
for k in F9 End Return Escape n q y; do x11_key "$k"; done
x11_wait_exit "$pid" "$3"
EOS

fail=0
x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/out" "$TMP/saves"
OUT="$TMP/out"
grep -q "^saved $TMP/saves/closed-loop-2025-.*-t3\.json\$" "$OUT" || { echo "FAIL: F5 saved nothing"; fail=1; }
ls "$TMP/saves/autosave/" 2>/dev/null | grep -q "t0005" || { echo "FAIL: no autosave of month 5"; fail=1; }
grep -q "^loaded .* at turn 5\$" "$OUT" || { echo "FAIL: F9 and Enter did not load month 5"; fail=1; }
grep -q "broken.json" "$OUT.err" || { echo "FAIL: the broken save's failure was not reported"; fail=1; }
grep -q "^turn 6\$" "$OUT" || { echo "FAIL: the game did not go on after the failed load"; fail=1; }
grep -q "^exit 0\$" "$OUT" || { echo "FAIL: play did not exit 0"; fail=1; }
if [ $fail -ne 0 ]; then
  echo "--- output:"; grep -v "^ " "$OUT" | tail -20; tail -10 "$OUT.err"
  exit 1
fi
echo "saves in the window under Xvfb: ok"
