# host_lib.sh: the room set-up the host tests share (test_host.sh, test_host_teach.sh,
# test_host_x11.sh); source it after cli_lib.sh or x11_lib.sh. The WebSocket client they drive the
# room with is tests/net_client.py (PYTHONPATH="$SRC/tests").

# The line that carries the port: the headless host's and the window's.
HOST_HEADLESS='^Listening on http://127.0.0.1:\([0-9]*\)/ only.$'
HOST_WINDOW='^Students open: http://127.0.0.1:\([0-9]*\)/ .*'

# host_room OUT PATTERN [LINE]: waits up to 10 s until the host's output OUT has the port (the
# sed PATTERN captures it), its room code and LINE (a grep pattern; default ^Exposed:); then sets
# port, code and teacher (the teacher's token, "" if the host printed none). 0, or 1 if the host
# did not say them in time.
host_room() {
  _out=$1 _re=$2 _line=${3:-^Exposed:} port="" code="" teacher="" _i=0
  while [ $_i -lt 100 ]; do
    port=$(sed -n "s|$_re|\1|p" "$_out")
    [ -n "$port" ] && grep -q "^Room code: " "$_out" && grep -q "$_line" "$_out" && break
    sleep 0.1
    _i=$((_i + 1))
  done
  code=$(sed -n 's/^Room code: //p' "$_out")
  teacher=$(sed -n 's/^Teacher.s token (keep it to yourself): //p' "$_out")
  [ -n "$port" ] && [ -n "$code" ]
}
