#!/bin/sh
# test_host_teach: the teacher's screens and a story card through `closedloop host --headless`, as
# the teacher's and a student's browsers see them (a raw WebSocket client in Python's standard
# library). The teacher's token opens the room (seats, levers, no card yet) and the world (the
# flow map's actors and deals, the hub's charts); a student's answer before any card is refused;
# when the month with the Tokyo meeting is played its card is offered to the teacher at once; the
# teacher shows it with three choices and it reaches the student's screen without the others'
# answers; the student answers; the student cannot reveal; the teacher reveals and the student
# sees the bar; a change after the reveal is refused. Each refusal is in the host's log. The host
# is then killed and restarted with --load of its newest autosave: the card comes back revealed
# with its choices and the answer (docs/network.md, "Nothing is lost").
. "$2/tests/cli_lib.sh"
cli_begin test_host_teach "$@"
. "$SRC/tests/host_lib.sh"

"$BIN" host --headless --strategy microsoft=human --strategy nvidia=human --save-dir "$TMP/saves" \
  --bind 127.0.0.1 --port 0 --turns 3 --month-seconds 600 >"$TMP/host.out" 2>"$TMP/host.err" &
HOST=$!
if ! host_room "$TMP/host.out" "$HOST_HEADLESS" || [ -z "$teacher" ]; then
  bad "the host said no port, room code or teacher's token"
  cat "$TMP/host.out" "$TMP/host.err" | head -10
  kill "$HOST" 2>/dev/null
  cli_end
  exit 1
fi
ok
grep -q "^No story cards" "$TMP/host.out" && bad "the history that ships has no story cards" || ok

python3 - "$port" "$code" "$teacher" >"$TMP/client.out" 2>&1 <<'PY'
import base64, json, os, socket, struct, sys, time
port, code, teacher = int(sys.argv[1]), sys.argv[2], sys.argv[3]
class Client:
    def __init__(self):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=20)
        key = base64.b64encode(os.urandom(16)).decode()
        self.s.sendall((f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                        f"Sec-WebSocket-Protocol: closedloop.v1\r\nOrigin: http://127.0.0.1:{port}\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.s.recv(1)
    def send(self, m):
        m["v"] = 1
        d = json.dumps(m).encode(); mask = os.urandom(4)
        h = bytes([0x81]) + (bytes([0x80 | len(d)]) if len(d) < 126 else bytes([0x80 | 126]) + struct.pack(">H", len(d)))
        self.s.sendall(h + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(d)))
    def rd(self, n):
        b = b""
        while len(b) < n:
            c = self.s.recv(n - len(b))
            if not c: raise EOFError
            b += c
        return b
    def recv(self):
        h = self.rd(2); n = h[1] & 127
        if n == 126: n = struct.unpack(">H", self.rd(2))[0]
        elif n == 127: n = struct.unpack(">Q", self.rd(8))[0]
        return json.loads(self.rd(n))
    def until(self, pred):
        while True:
            m = self.recv()
            if pred(m): return m
t = Client()
t.send({"type": "resume", "token": teacher})
print("teacher", t.until(lambda m: m["type"] == "teacher")["room"] == code)
room = t.until(lambda m: m["type"] == "room")
print("room", room["room"] == code, [s["actor"] + ":" + s["played_by"] for s in room["seats"]],
      len(room["levers"]), room["cards"], room["card"]["phase"])
world = t.until(lambda m: m["type"] == "world")
print("world", world["hub"], len(world["actors"]), len(world["months"]) == len(world["hub_value"]) == 1,
      all(0 <= a["x"] <= 1 and 0 <= a["y"] <= 1 for a in world["actors"]))
s = Client()
s.send({"type": "take_seat", "room": code, "actor": "microsoft"})
tok = s.until(lambda m: m["type"] == "seat")["token"]
s.send({"type": "card_answer", "token": tok, "card": "tokyo", "choice": 0})
print("early", s.until(lambda m: m["type"] == "error")["code"])
seated = t.until(lambda m: m["type"] == "room" and any(x["connected"] for x in m["seats"]))
print("seated", [x["actor"] for x in seated["seats"] if x["connected"]])
s.send({"type": "ready", "token": tok})
room = t.until(lambda m: m["type"] == "room" and m["cards"])
print("offered", room["month"], [c["card"] for c in room["cards"]], "zh" in room["cards"][0]["lang"])
t.send({"type": "card_push", "token": teacher, "card": "tokyo", "choices": ["belief", "money", "fear"]})
card = s.until(lambda m: m["type"] == "card")
print("card", card["phase"], card["card"], card["choices"], "answers" in card, bool(card["question"]),
      bool(card["lang"].get("zh", {}).get("question")))
s.send({"type": "card_answer", "token": tok, "card": "tokyo", "choice": 1, "text": "cheap money"})
print("answer", s.until(lambda m: m["type"] in ("ok", "error") and m["re"] == "card_answer")["type"])
s.send({"type": "card_reveal", "token": tok})
print("student reveal", s.until(lambda m: m["type"] == "error" and m["re"] == "card_reveal")["code"])
t.send({"type": "card_reveal", "token": teacher})
card = s.until(lambda m: m["type"] == "card" and m["phase"] == "revealed")
print("revealed", card["counts"], [(a["actor"], a["choice"], a["text"]) for a in card["answers"]])
s.send({"type": "card_answer", "token": tok, "card": "tokyo", "choice": 2})
print("late", s.until(lambda m: m["type"] == "error" and m["re"] == "card_answer")["code"])
time.sleep(2.4)  # HOST_SAVE_EVERY: the month in progress, its card with it, is saved
PY
kill -9 "$HOST" 2>/dev/null
wait "$HOST" 2>/dev/null
# The card survives a restart: the newest autosave loaded, the teacher sees it revealed again.
sleep 0.3
save=$(ls -t "$TMP/saves/autosave/"*.json 2>/dev/null | head -n 1)
"$BIN" host --headless --load "$save" --save-dir "$TMP/saves" --bind 127.0.0.1 --port 0 \
  >"$TMP/host2.out" 2>"$TMP/host2.err" &
HOST=$!
port=""
for i in $(seq 1 100); do
  port=$(sed -n 's|^Listening on http://127.0.0.1:\([0-9]*\)/ only.$|\1|p' "$TMP/host2.out")
  [ -n "$port" ] && grep -q "^Exposed:" "$TMP/host2.out" && break
  sleep 0.1
done
PYTHONPATH="$SRC/tests" python3 - "$port" "$teacher" >>"$TMP/client.out" 2>&1 <<'PY'
import sys
from net_client import Client
t = Client(int(sys.argv[1]))
t.send({"type": "resume", "token": sys.argv[2], "seq": 1})
card = t.wait_for("card")
print("restored", card["phase"], card["card"], card.get("choices"),
      [(a["actor"], a["choice"], a["text"]) for a in card.get("answers", [])])
PY
kill "$HOST" 2>/dev/null
wait "$HOST"
for want in "teacher True" \
  "room True \['microsoft:strategy', 'nvidia:strategy'\] 6 \[\] none" \
  "world openai 9 True True" "early not_now" "seated \['microsoft'\]" \
  "offered 2024-12 \['tokyo'\] True" \
  "card open tokyo \['belief', 'money', 'fear'\] False True True" "answer ok" \
  "student reveal forbidden" "revealed \[0, 1, 0\] \[('microsoft', 1, 'cheap money')\]" \
  "late not_now" \
  "restored revealed tokyo \['belief', 'money', 'fear'\] \[('microsoft', 1, 'cheap money')\]"; do
  grep -q "^$want" "$TMP/client.out" && ok || { bad "the clients did not see '$want'"; sed 's/^/  | /' "$TMP/client.out" | head -20; }
done
grep -q "^Story cards of 2024-11 are ready on the teacher's page.$" "$TMP/host.out" && ok || bad "the host did not say the cards are ready"
grep -q "the teacher showed the card tokyo" "$TMP/host.err" && ok || bad "the log lacks the card shown"
grep -q "card_answer refused (not_now)" "$TMP/host.err" && ok || bad "the log lacks the refused answer"
grep -q "card_reveal refused (forbidden)" "$TMP/host.err" && ok || bad "the log lacks the student's reveal"
cli_end
