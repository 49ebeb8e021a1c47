#!/bin/sh
# test_host_x11: `closedloop host` in a window, as a teacher runs it (issue 15), and nothing lost
# when the window's host dies: it is the same host as the headless one (app_host_room).
#  1. The room screen comes up listing the addresses, the room code and every seat free ("free: its
#     strategy plays"); a student's client (tests/net_client.py, a raw WebSocket) takes
#     Microsoft's seat and the room screen shows it "connected" (read from the texts the window
#     drew, $CLOSEDLOOP_TEXT_LOG); the student queues a proposal; Enter starts the game and the
#     room's strip shows "Room CODE"; the student says ready and, being the only seated team,
#     the month is played at once (the window says "turn 1"), the desk pushed for the next month.
#  2. The host autosaved the game with its room after the month; the window is killed (SIGKILL)
#     and `closedloop host --load SAVE` opens the window again: the same room code, and the
#     student's token gets the same seat back; Enter, ready: the month is played and the window
#     stops (--turns 1).
#  3. The host's replay (written every month, resumed after the restart, the empty seat's
#     stand-in included) plays again to the same end (`closedloop replay`).
# About 12 s. Skipped (status 0) without Xvfb and xdotool.
# Usage: test_host_x11.sh CLOSEDLOOP SOURCE_DIR
BIN=$1
SRC=$2
. "$SRC/tests/x11_lib.sh"
x11_begin host_x11

cat >"$TMP/client.py" <<'PY'
# client.py PORT ROOM_CODE GO_FILE TOKEN_FILE [take|resume]
import os, sys, time
from net_client import Client
port, code, go, tokfile, how = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
c = Client(port, timeout=20)
if how == "take":
    a = c.ask({"type": "take_seat", "room": code, "actor": "msft", "seq": 1})
    token = a[0]["token"]
    print("seat", a[0].get("actor"), flush=True)
    open(tokfile, "w").write(token)
    a = c.ask({"type": "propose", "token": token, "seq": 2, "kind": "loan", "counterparty": "nvda",
               "side": "payer", "terms": {"amount": 1, "months": 12, "rate": 0.05}})
    print("queued", a[-1].get("type"), flush=True)
else:
    token = open(tokfile).read().strip()
    a = c.ask({"type": "resume", "token": token, "seq": 10})
    print("seat", a[0].get("actor"), flush=True)
while not os.path.exists(go):
    time.sleep(0.1)
a = c.ask({"type": "ready", "token": token, "seq": 20})
print("ready", a[-1].get("type"), flush=True)
m = c.wait_for("state")
print("pushed", m.get("type"), m.get("actor"), m.get("month"), flush=True)
PY

cat >"$TMP/drive.sh" <<'EOS'
#!/bin/sh
# $1 closedloop, $2 source dir, $3 output file prefix, $4 the client
cd "$2" || exit 1
. "$2/tests/x11_lib.sh"
export PYTHONPATH="$2/tests"
. "$2/tests/host_lib.sh"
# host TAG ARGS...: the window's host in the background ($pid), its window found ($wid).
host() {
  tag=$1
  shift
  CLOSEDLOOP_TEXT_LOG="$OUT.$tag.texts" SDL_VIDEODRIVER=x11 "$BIN" host "$@" --bind 127.0.0.1 \
    --port 0 --month-seconds 600 --lang en >"$OUT.$tag" 2>"$OUT.$tag.err" &
  pid=$!
  x11_window "$pid" "$OUT.$tag.err" || exit 1
  host_room "$OUT.$tag" "$HOST_WINDOW" "^Room code: " || exit 1
}
# wait_for FILE PATTERN TENTHS
wait_for() {
  i=0
  while [ $i -lt "$3" ] && ! grep -q "$2" "$1" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
}
BIN=$1
OUT=$3
host 1 tests/data/minimal.json --strategy msft=human --strategy nvda=human
grep -c "free: its strategy plays" "$OUT.1.texts" >"$OUT.free"
grep -c "^connected$" "$OUT.1.texts" >"$OUT.before"
python3 "$4" "$port" "$code" "$OUT.go1" "$OUT.token" take >"$OUT.client1" 2>&1 &
cpid=$!
wait_for "$OUT.1.texts" "^connected$" 50
grep -c "^connected$" "$OUT.1.texts" >"$OUT.after"
x11_key Return
wait_for "$OUT.1.texts" "^Room $code" 30
touch "$OUT.go1"
wait_for "$OUT.1" "^turn 1$" 80
wait $cpid
# The autosave of the month played (a child process writes it), then the host dies.
i=0
while [ $i -lt 50 ] && ! ls "$CLOSEDLOOP_SAVES/autosave/" 2>/dev/null | grep -q "game1-20"; do
  sleep 0.1
  i=$((i + 1))
done
sleep 0.3
save=$(ls "$CLOSEDLOOP_SAVES/autosave/" 2>/dev/null | grep "game1-20" | sort | tail -n 1)
echo "$save" >"$OUT.save"
kill -9 "$pid"
wait "$pid" 2>/dev/null
echo "$code" >"$OUT.code1"
[ -n "$save" ] || exit 1
host 2 --load "$CLOSEDLOOP_SAVES/autosave/$save" --turns 1
echo "$code" >"$OUT.code2"
python3 "$4" "$port" "$code" "$OUT.go2" "$OUT.token" resume >"$OUT.client2" 2>&1 &
cpid=$!
wait_for "$OUT.2.texts" "^connected$" 50
grep -c "^connected$" "$OUT.2.texts" >"$OUT.after2"
x11_key Return
touch "$OUT.go2"
wait $cpid
x11_wait_exit "$pid" "$OUT.2"
ls "$CLOSEDLOOP_SAVES/replays/" >"$OUT.replays" 2>/dev/null
r=$(ls "$CLOSEDLOOP_SAVES/replays/" 2>/dev/null | grep "game1-" | head -n 1)
"$BIN" replay "$CLOSEDLOOP_SAVES/replays/$r" >"$OUT.replay" 2>&1
echo "replay $?" >>"$OUT.replay"
EOS

fail=0
x11_xvfb sh "$TMP/drive.sh" "$BIN" "$SRC" "$TMP/out" "$TMP/client.py"
OUT="$TMP/out"
check() {
  if eval "$1"; then :; else echo "FAIL: $2"; fail=1; fi
}
check 'grep -q "^Room code: [A-Z2-9]\{6\}$" "$OUT.1"' "no room code said"
check '[ "$(cat "$OUT.free" 2>/dev/null)" -ge 1 ]' "the room screen showed no free seat"
check '[ "$(cat "$OUT.before" 2>/dev/null)" = 0 ]' "a seat showed connected before anyone joined"
check '[ "$(cat "$OUT.after" 2>/dev/null)" -ge 1 ]' "the room screen did not show the seat taken"
check 'grep -q "^seat msft$" "$OUT.client1"' "the client got no seat"
check 'grep -q "^queued ok$" "$OUT.client1"' "the student's proposal was not queued"
check 'grep -q "^Room [A-Z2-9]\{6\}" "$OUT.1.texts"' "no room strip after the start"
check 'grep -q "^The teacher started the game.$" "$OUT.1"' "Enter did not start the game"
check 'grep -q "^turn 1$" "$OUT.1"' "the ready team did not end the month"
check 'grep -q "^pushed state msft" "$OUT.client1"' "no desk pushed after the month"
check 'grep -q "game1-2025-01.json" "$OUT.save"' "no autosave of the month played: $(cat "$OUT.save" 2>/dev/null)"
check 'grep -q "with its room" "$OUT.2"' "the restarted window did not load the room"
check '[ "$(cat "$OUT.code1")" = "$(cat "$OUT.code2" 2>/dev/null)" ]' "the room code changed over the restart"
check 'grep -q "^seat msft$" "$OUT.client2"' "the token did not get the seat back after the restart"
check '[ "$(cat "$OUT.after2" 2>/dev/null)" -ge 1 ]' "the restarted room screen did not show the seat connected"
check 'grep -q "^pushed state msft 2025-03" "$OUT.client2"' "the restarted host did not play the month"
check 'grep -q "^exit 0$" "$OUT.2"' "the restarted window did not stop cleanly after its month"
check 'grep -q "^replay 0$" "$OUT.replay"' "the replay does not play to the same end"
if [ $fail = 1 ]; then
  for f in "$OUT.1" "$OUT.1.err" "$OUT.client1" "$OUT.2" "$OUT.2.err" "$OUT.client2" "$OUT.replays" "$OUT.replay"; do
    echo "== $f"; sed 's/^/  | /' "$f" 2>/dev/null | head -25
  done
  exit 1
fi
echo "test_host_x11: ok"
