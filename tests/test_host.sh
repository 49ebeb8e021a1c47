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
port=""
for i in $(seq 1 50); do
  port=$(sed -n 's|^Listening on http://127.0.0.1:\([0-9]*\)/ only.$|\1|p' "$TMP/host.out")
  [ -n "$port" ] && grep -q "^Exposed:" "$TMP/host.out" && break
  sleep 0.1
done
code=$(sed -n 's/^Room code: //p' "$TMP/host.out")
if [ -z "$port" ] || [ -z "$code" ]; then
  bad "the host said no port or room code"
  cat "$TMP/host.out" "$TMP/host.err" | head -10
  kill "$HOST" 2>/dev/null
  cli_end
  exit 1
fi
ok
grep -q "^Teacher's token (keep it to yourself): [0-9a-f]\{32\}$" "$TMP/host.out" && ok || bad "no teacher's token"
grep -q "without TLS" "$TMP/host.out" && ok || bad "the host does not say what it exposes"
teacher=$(sed -n 's/^Teacher.s token (keep it to yourself): //p' "$TMP/host.out")
grep -q "^The teacher's page (the token is in the link; keep it to yourself): http://127.0.0.1:$port/teacher.html#t=$teacher$" "$TMP/host.out" && ok || bad "no teacher's link with the token in its fragment"
grep -q "^The projector's page (open it on the projector's computer): http://127.0.0.1:$port/projector.html#t=$teacher$" "$TMP/host.out" && ok || bad "no projector's link"
grep -q "^No story cards in this game: " "$TMP/host.out" && ok || bad "a game without classroom notes does not say it has no cards"

python3 - "$port" "$code" >"$TMP/client.out" 2>&1 <<'PY'
import base64, json, os, socket, struct, sys, urllib.request
port, code = int(sys.argv[1]), sys.argv[2]
page = urllib.request.urlopen(f"http://127.0.0.1:{port}/").read().decode()
print("page", "app.js" in page)
for p in ("teacher.html", "projector.html", "cards.js", "teach.js"):
    print("served", p, urllib.request.urlopen(f"http://127.0.0.1:{port}/{p}").status)
s = socket.create_connection(("127.0.0.1", port), timeout=10)
key = base64.b64encode(os.urandom(16)).decode()
s.sendall((f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
           f"Sec-WebSocket-Protocol: closedloop.v1\r\nOrigin: http://127.0.0.1:{port}\r\n\r\n").encode())
head = b""
while b"\r\n\r\n" not in head:
    head += s.recv(1)
print("upgrade", head.split(b"\r\n")[0].decode())
def send(m):
    d = json.dumps(m).encode(); mask = os.urandom(4)
    h = bytes([0x81]) + (bytes([0x80 | len(d)]) if len(d) < 126 else bytes([0x80 | 126]) + struct.pack(">H", len(d)))
    s.sendall(h + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(d)))
def rd(n):
    b = b""
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c: raise EOFError
        b += c
    return b
def recv():
    h = rd(2); n = h[1] & 127
    if n == 126: n = struct.unpack(">H", rd(2))[0]
    elif n == 127: n = struct.unpack(">Q", rd(8))[0]
    return json.loads(rd(n)) if h[0] & 15 == 1 else {"type": "frame", "op": h[0] & 15}
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
