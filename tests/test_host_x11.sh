#!/bin/sh
# test_host_x11: `closedloop host` in a window, as a teacher runs it (issue 15): the room screen
# comes up listing the addresses, the room code and every seat free ("free: its strategy plays");
# a student's client (a raw WebSocket in Python's standard library) takes Microsoft's seat and the
# room screen shows it "connected" (read from the texts the window drew, $CLOSEDLOOP_TEXT_LOG);
# Enter starts the game and the room's strip shows "Room CODE"; the student says ready and, being
# the only seated team, the month is played at once (the window says "turn 1"), Microsoft's desk
# pushed to the student for the next month. Q then Y quits. Under 20 s.
# Skipped (status 0) without Xvfb and xdotool.
# Usage: test_host_x11.sh CLOSEDLOOP SOURCE_DIR
BIN=$1
SRC=$2
. "$SRC/tests/x11_lib.sh"
x11_begin host_x11

cat >"$TMP/client.py" <<'PY'
import base64, json, os, socket, struct, sys, time
port, code, go = int(sys.argv[1]), sys.argv[2], sys.argv[3]
s = socket.create_connection(("127.0.0.1", port), timeout=20)
key = base64.b64encode(os.urandom(16)).decode()
s.sendall((f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
           f"Sec-WebSocket-Protocol: closedloop.v1\r\nOrigin: http://127.0.0.1:{port}\r\n\r\n").encode())
head = b""
while b"\r\n\r\n" not in head:
    head += s.recv(1)
def send(m):
    d = json.dumps(m).encode(); mask = os.urandom(4)
    h = bytes([0x81, 0x80 | len(d)]) if len(d) < 126 else bytes([0x81, 0x80 | 126]) + struct.pack(">H", len(d))
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
    return json.loads(rd(n)) if h[0] & 15 == 1 else {"type": "frame"}
send({"v": 1, "type": "take_seat", "room": code, "actor": "msft"}); seat = recv(); recv()
print("seat", seat.get("actor"), flush=True)
while not os.path.exists(go):
    time.sleep(0.1)
send({"v": 1, "type": "ready", "token": seat["token"], "seq": 2})
print("ready", recv().get("type"), flush=True)
m = recv()
print("pushed", m.get("type"), m.get("actor"), m.get("month"), flush=True)
PY

cat >"$TMP/drive.sh" <<'EOS'
#!/bin/sh
# $1 closedloop, $2 source dir, $3 output file, $4 the client
cd "$2" || exit 1
. "$2/tests/x11_lib.sh"
CLOSEDLOOP_TEXT_LOG="$3.texts" SDL_VIDEODRIVER=x11 "$1" host tests/data/minimal.json \
  --strategy msft=human --strategy nvda=human --bind 127.0.0.1 --port 0 --month-seconds 600 \
  --lang en >"$3" 2>"$3.err" &
pid=$!
x11_window "$pid" "$3.err" || exit 1
port=$(sed -n 's|^Students open: http://127.0.0.1:\([0-9]*\)/ .*|\1|p' "$3")
code=$(sed -n 's/^Room code: //p' "$3")
grep -c "free: its strategy plays" "$3.texts" >"$3.free"
grep -c "^connected$" "$3.texts" >"$3.before"
python3 "$4" "$port" "$code" "$3.go" >"$3.client" 2>&1 &
cpid=$!
i=0
while [ $i -lt 50 ] && ! grep -q "^connected$" "$3.texts"; do sleep 0.1; i=$((i + 1)); done
grep -c "^connected$" "$3.texts" >"$3.after"
x11_key Return
i=0
while [ $i -lt 30 ] && ! grep -q "^Room $code" "$3.texts"; do sleep 0.1; i=$((i + 1)); done
touch "$3.go"
i=0
while [ $i -lt 80 ] && ! grep -q "^turn 1$" "$3"; do sleep 0.1; i=$((i + 1)); done
wait $cpid
x11_key q
x11_key y
x11_wait_exit "$pid" "$3"
EOS

fail=0
x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/out" "$TMP/client.py"
OUT="$TMP/out"
check() {
  if eval "$1"; then :; else echo "FAIL: $2"; fail=1; fi
}
check 'grep -q "^Room code: [A-Z2-9]\{6\}$" "$OUT"' "no room code said"
check '[ "$(cat "$OUT.free" 2>/dev/null)" -ge 1 ]' "the room screen showed no free seat"
check '[ "$(cat "$OUT.before" 2>/dev/null)" = 0 ]' "a seat showed connected before anyone joined"
check '[ "$(cat "$OUT.after" 2>/dev/null)" -ge 1 ]' "the room screen did not show the seat taken"
check 'grep -q "^seat msft$" "$OUT.client"' "the client got no seat"
check 'grep -q "^Room [A-Z2-9]\{6\}" "$OUT.texts"' "no room strip after the start"
check 'grep -q "^The teacher started the game.$" "$OUT"' "Enter did not start the game"
check 'grep -q "^turn 1$" "$OUT"' "the ready team did not end the month"
check 'grep -q "^pushed state msft" "$OUT.client"' "no desk pushed after the month"
check 'grep -q "^exit 0$" "$OUT"' "the window did not quit cleanly"
if [ $fail = 1 ]; then
  sed 's/^/  | /' "$OUT" "$OUT.err" "$OUT.client" 2>/dev/null | head -40
  exit 1
fi
echo "test_host_x11: ok"
