#!/bin/sh
# test_dialog_x11: the deal dialog explains instead of surprising, in the real window under Xvfb
# with synthetic keys (xdotool). A person plays OpenAI. Month 1: "p" opens the dialog, Down x4
# reaches Months, 900 is typed and Enter pressed: Enter only confirms the row, so nothing is sent
# (Escape closes the dialog and Enter ends the month with 0 intents), and the row shows
# "900 months" with the range the engine takes said under the rows, the kind explained in a
# line, "you after this deal" and the other side's likely answer (a forecast). Month 2: the same
# row gets 48 and Enter (confirmed, within range): the forecast is Microsoft's playbook's own
# answer, asked on a copy of the game; then Ctrl+Enter sends the proposal: the month ends with 1
# intent and the story tells OpenAI's offer. Every text the window drew
# ($CLOSEDLOOP_TEXT_LOG) is checked. The same in Chinese at 1920x1080. Screenshots of the dialog
# with 900 months (CLOSEDLOOP_TEST_PNG=DIR keeps them).
# Skipped (status 0) without Xvfb and xdotool.
# Usage: test_dialog_x11.sh CLOSEDLOOP SOURCE_DIR
BIN=$1
SRC=$2
. "$SRC/tests/x11_lib.sh"
x11_begin dialog_x11

cat >"$TMP/drive.sh" <<'EOS'
#!/bin/sh
# $1 closedloop, $2 source dir, $3 output file, $4 screenshot of the dialog, $5 language
cd "$2" || exit 1
. "$2/tests/x11_lib.sh"
CLOSEDLOOP_TEXT_LOG=$3.texts SDL_VIDEODRIVER=x11 "$1" play --lang "$5" \
  --strategy openai=human --quit-after-turns 2 >"$3" 2>"$3.err" &
pid=$!
x11_window "$pid" "$3.err" || exit 1
x11_key p                 # month 1: the deal dialog, on the counterparty
for k in Down Down Down Down 9 0 0 Return; do x11_key "$k"; done   # Months: 900, Enter
if command -v xwd >/dev/null 2>&1 && command -v convert >/dev/null 2>&1; then
  xwd -root -silent | convert xwd:- "$4"
fi
echo "--- after 900 and Enter" >>"$3.texts"
x11_key Escape            # the dialog closes: nothing was sent
x11_key Return            # month 1 ends with 0 intents
x11_key p                 # month 2: the dialog again
for k in Down Down Down Down 4 8 Return; do x11_key "$k"; done     # Months: 48, confirmed
x11_key ctrl+Return       # sends the proposal
x11_key Return            # month 2 ends with 1 intent
x11_wait_exit "$pid" "$3"
EOS

fail=0
check() { # FILE PATTERN MESSAGE: FILE has a line with the fixed string PATTERN
  grep -qF -- "$2" "$1" || { echo "FAIL: $3"; fail=1; }
}
checkx() { # FILE LINE MESSAGE: FILE has the whole line LINE (a text drawn on its own)
  grep -qxF -- "$2" "$1" || { echo "FAIL: $3"; fail=1; }
}
X11_SCREEN=1280x720 x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/en" "$TMP/dialog-en.png" en
OUT="$TMP/en"
# What the window showed before Escape: the texts drawn up to the marker.
sed '/^--- after 900 and Enter$/q' "$OUT.texts" >"$TMP/en.before" 2>/dev/null
# A sentence wrapped into lines is drawn line by line: joined again for the checks of sentences.
tr '\n' ' ' <"$TMP/en.before" >"$TMP/en.joined"
check "$OUT" "OpenAI (a person) ends the turn with 0 intents" \
  "Enter in a field sent the proposal (month 1 did not end with 0 intents)"
check "$OUT" "OpenAI (a person) ends the turn with 1 intent" "Ctrl+Enter did not send the proposal"
grep -q "^  - OpenAI offers " "$OUT" || { echo "FAIL: the proposal is not in the story"; fail=1; }
checkx "$TMP/en.before" "900 months" "the months row does not show 900 as typed"
check "$TMP/en.joined" "Months: 900 months is above the range; the engine takes 1 month to 600 months." \
  "the range of the months is not said"
check "$TMP/en.before" "The payer rents capacity that the payee runs" "the kind is not explained"
check "$TMP/en.before" "You after this deal:" "no 'you after this deal' line"
check "$TMP/en.before" "Forecast" "no forecast of the other side's answer"
check "$TMP/en.before" "Propose (Ctrl+Enter)" "the button does not say Ctrl+Enter"
# Month 2's draft is valid: Microsoft's playbook was asked on a copy of the game.
tr '\n' ' ' <"$OUT.texts" | grep -q "Forecast, as things stand now: Microsoft (microsoft_hedge.lua) would likely" ||
  { echo "FAIL: Microsoft's playbook was not asked for its answer"; fail=1; }
if grep -qxF "600 months" "$TMP/en.before"; then echo "FAIL: 900 months was cut to 600"; fail=1; fi
grep -q "^exit 0\$" "$OUT" || { echo "FAIL: play did not exit 0"; fail=1; }

X11_SCREEN=1920x1080 x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/zh" "$TMP/dialog-zh.png" zh
ZH="$TMP/zh"
sed '/^--- after 900 and Enter$/q' "$ZH.texts" >"$TMP/zh.before" 2>/dev/null
tr -d '\n' <"$TMP/zh.before" >"$TMP/zh.joined"
check "$ZH" "OpenAI（玩家）结束回合，共0项操作" "Chinese: Enter in a field sent the proposal"
check "$ZH" "OpenAI（玩家）结束回合，共1项操作" "Chinese: Ctrl+Enter did not send the proposal"
checkx "$TMP/zh.before" "900个月" "Chinese: the months row does not show 900 as typed"
check "$TMP/zh.joined" "期限：900个月超出上限；引擎接受1个月至600个月。" \
  "Chinese: the range of the months is not said"
check "$TMP/zh.before" "付款方租用收款方运营的产能" "Chinese: the kind is not explained"
check "$TMP/zh.before" "这笔交易之后的你：" "Chinese: no 'you after this deal' line"
check "$TMP/zh.before" "预测" "Chinese: no forecast"
grep -q "^exit 0\$" "$ZH" || { echo "FAIL: Chinese: play did not exit 0"; fail=1; }
if [ -n "$CLOSEDLOOP_TEST_PNG" ]; then
  for f in dialog-en dialog-zh; do
    [ -f "$TMP/$f.png" ] && cp "$TMP/$f.png" "$CLOSEDLOOP_TEST_PNG/$f-x11.png"
  done
fi
if [ $fail -ne 0 ]; then
  echo "--- output:"; tail -30 "$OUT"; tail -20 "$OUT.err"
  echo "--- Chinese:"; tail -30 "$ZH"; tail -20 "$ZH.err"
  exit 1
fi
echo "deal dialog under Xvfb: ok"
