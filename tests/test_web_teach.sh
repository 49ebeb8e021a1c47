#!/bin/sh
# test_web_teach: the teacher's page, the projector's page and a story card in real browsers.
# Starts (from tests/web/test_teach.js) `closedloop host --headless` over the 2025 scenario with
# Microsoft's and Nvidia's seats for people; puppeteer-core drives Debian's chromium through the
# teacher's page, the projector's page (in Chinese) and two students' desks. Screenshots go to
# $CL_WEB_SHOTS when set. Skipped (exit 77, with the reason) when chromium, node or
# tests/web/node_modules is missing, as test_web.
. "$2/tests/cli_lib.sh"
cli_begin test_web_teach "$@"

CHROMIUM=${CL_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ] || ! command -v node >/dev/null 2>&1 ||
  [ ! -d "$SRC/tests/web/node_modules/puppeteer-core" ]; then
  echo "test_web_teach: SKIPPED: needs $CHROMIUM, node and tests/web/node_modules" \
    "(sh tools/install-deps.sh installs them: apt chromium nodejs npm, then npm ci in tests/web)"
  exit 77
fi
if NODE_PATH="$SRC/tests/web/node_modules" timeout 150 node "$SRC/tests/web/test_teach.js" \
  "$BIN" "$TMP" -- host --headless --strategy microsoft=human --strategy nvidia=human \
  --bind 127.0.0.1 --port 0 --month-seconds 600 >"$TMP/web.out" 2>&1; then
  ok
else
  bad "the browsers did not see what the teacher, the projector and each seat must show"
fi
sed 's/^/  | /' "$TMP/web.out"
grep -q "the teacher showed the card tokyo" "$TMP/host.err" && ok || bad "the host's log lacks the card shown"
grep -q "the teacher assigned the seat of nvidia" "$TMP/host.err" && ok || bad "the host's log lacks the new link"
cli_end
