#!/bin/sh
# test_web: the student's page in real browsers. Starts `closedloop host --headless` on a free
# port with three seats for people and a short month timer, then runs tests/web/test_web.js:
# puppeteer-core drives Debian's chromium through three student pages (English on a laptop,
# Chinese and English on phones) that join by the room code and play three months. Screenshots
# go to $CL_WEB_SHOTS when set. Skipped (exit 77, with the reason) when chromium, node or
# tests/web/node_modules is missing: tools/install-deps.sh installs all three, so CI runs it.
. "$2/tests/cli_lib.sh"
cli_begin test_web "$@"

CHROMIUM=${CL_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ] || ! command -v node >/dev/null 2>&1 ||
  [ ! -d "$SRC/tests/web/node_modules/puppeteer-core" ]; then
  echo "test_web: SKIPPED: needs $CHROMIUM, node and tests/web/node_modules" \
    "(sh tools/install-deps.sh installs them: apt chromium nodejs npm, then npm ci in tests/web)"
  exit 77
fi
SECONDS_A_MONTH=20
if NODE_PATH="$SRC/tests/web/node_modules" timeout 150 node "$SRC/tests/web/test_web.js" \
  "$BIN" "$TMP" "$SECONDS_A_MONTH" -- host --headless \
  --strategy microsoft=human --strategy nvidia=human --strategy oracle=human \
  --bind 127.0.0.1 --port 0 --turns 3 --month-seconds "$SECONDS_A_MONTH" >"$TMP/web.out" 2>&1; then
  ok
else
  bad "the browsers did not see what each seat must show"
fi
sed 's/^/  | /' "$TMP/web.out"
[ "$(grep -c "^Month .* played.$" "$TMP/host.out")" = 3 ] && ok || bad "the host did not play 3 months"
grep -q "took the seat of nvidia" "$TMP/host.err" && ok || bad "the host's log lacks Nvidia's seat"
grep -q "nvidia queued a propose" "$TMP/host.err" && ok || bad "the host's log lacks Nvidia's proposal"
grep -q "microsoft queued a accept" "$TMP/host.err" && ok || bad "the host's log lacks Microsoft's acceptance"
cli_end
