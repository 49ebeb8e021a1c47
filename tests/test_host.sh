#!/bin/sh
# test_host: `closedloop host --headless` as a teacher runs it: it says where it listens, the room
# code, the teacher's token and what it exposes; serves the join page; a student joins by the
# code over a WebSocket (a raw client in Python's standard library), takes Microsoft's seat and
# says ready: the month is played at once (not after the timer), Nvidia's empty seat is played by
# its strategy and said so, the student's desk comes for the next month, and the host stops after
# --turns. Bad flags exit 2 with the flag named. The host prints the teacher's and the projector's
# links (the token in the fragment), serves their pages, and says a game without classroom notes
# has no story cards (tests/test_host_teach.sh plays the cards).
# --turns. Bad flags exit 2 with the flag named; without --headless and with no display, it says
# to use --headless and exits 1 (never a game played headless without the class).
. "$2/tests/cli_lib.sh"
cli_begin test_host "$@"
. "$SRC/tests/host_lib.sh"

# Without --headless the host wants a window; with none it says so and what to use instead.
expect 1 "host --headless serves the class" -- env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=dummy \
  "$BIN" host "$SRC/tests/data/minimal.json"
expect 2 "'--port' expects\|--port expects" -- "$BIN" host --headless --port 70000
expect 2 "unknown option '--tls'" -- "$BIN" host --headless --tls
expect 0 "Usage: closedloop host" -- "$BIN" host --help

"$BIN" host --headless "$SRC/tests/data/minimal.json" --strategy msft=human --strategy nvda=human \
  --bind 127.0.0.1 --port 0 --turns 1 --month-seconds 600 --save-dir "$TMP/saves" \
  >"$TMP/host.out" 2>"$TMP/host.err" &
HOST=$!
if ! host_room "$TMP/host.out" "$HOST_HEADLESS"; then
  bad "the host said no port or room code"
  cat "$TMP/host.out" "$TMP/host.err" | head -10
  kill "$HOST" 2>/dev/null
  cli_end
  exit 1
fi
ok
grep -q "^Teacher's token (keep it to yourself): [0-9a-f]\{32\}$" "$TMP/host.out" && ok || bad "no teacher's token"
grep -q "without TLS" "$TMP/host.out" && ok || bad "the host does not say what it exposes"
grep -q "^The teacher's page (the token is in the link; keep it to yourself): http://127.0.0.1:$port/teacher.html#t=$teacher$" "$TMP/host.out" && ok || bad "no teacher's link with the token in its fragment"
grep -q "^The projector's page (open it on the projector's computer): http://127.0.0.1:$port/projector.html#t=$teacher$" "$TMP/host.out" && ok || bad "no projector's link"
grep -q "^No story cards in this game: " "$TMP/host.out" && ok || bad "a game without classroom notes does not say it has no cards"

PYTHONPATH="$SRC/tests" python3 - "$port" "$code" >"$TMP/client.out" 2>&1 <<'PY'
import sys, urllib.request
from net_client import Client
port, code = int(sys.argv[1]), sys.argv[2]
page = urllib.request.urlopen(f"http://127.0.0.1:{port}/").read().decode()
print("page", "app.js" in page)
for p in ("teacher.html", "projector.html", "cards.js", "teach.js"):
    print("served", p, urllib.request.urlopen(f"http://127.0.0.1:{port}/{p}").status)
c = Client(port)
print("upgrade", c.status)
send, recv = c.send, c.recv
send({"v": 1, "type": "hello", "room": code}); m = recv()
print("seats", [x["actor"] for x in m["seats"]], "loan" in m["kinds"])
send({"v": 1, "type": "take_seat", "room": code, "actor": "msft"}); seat = recv(); state = recv()
print("seat", seat["type"], seat["actor"], len(seat["token"]))
print("state", state["actor"], state["month"], 0 < state["countdown"] <= 600)
send({"v": 1, "type": "ready", "token": seat["token"], "seq": 4}); m = recv()
print("ready", m["type"], m["seq"])
m = recv()
print("pushed", m["type"], m["actor"], m["month"])
PY
cat "$TMP/client.out" >"$TMP/out"
wait "$HOST"
status=$?
[ "$status" = 0 ] && ok || bad "the host exited $status after --turns 1"
for want in "page True" "served teacher.html 200" "served projector.html 200" "served cards.js 200" "served teach.js 200" "upgrade HTTP/1.1 101 Switching Protocols" \
  "seats \['msft', 'nvda'\] True" "seat seat msft 32" "state msft 2025-01 True" "ready ok 4" \
  "pushed state msft 2025-02"; do
  grep -q "^$want" "$TMP/client.out" && ok || { bad "the client did not see '$want'"; sed 's/^/  | /' "$TMP/client.out" | head -12; }
done
grep -q "^Nvidia: nobody holds this seat; its strategy plays this month.$" "$TMP/host.out" && ok || bad "the empty seat was not said"
grep -q "^Microsoft: nobody holds" "$TMP/host.out" && bad "Microsoft's seat was held" || ok
grep -q "^Month 2025-01 played.$" "$TMP/host.out" && ok || bad "no month played"
grep -q "took the seat of msft" "$TMP/host.err" && ok || bad "the host's log lacks the seat"
cli_end
