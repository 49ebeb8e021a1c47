#!/bin/sh
# test_host_faults: nothing is lost when a client or the host dies (issue 15, item 7).
#  1. A client killed mid-month (its socket reset, no goodbye): its seat stays taken, what it
#     queued stays queued, and `resume` with its token gets the seat back with its state (the
#     queued intent's seq in state.queued_seq); the month then plays the intent.
#  2. The host killed with SIGKILL mid-month and restarted with --load of its newest autosave:
#     the same room code and teacher's token, every seat back with its token, an intent
#     acknowledged before that autosave still queued (its seq listed), the game goes on.
#  3. The host's replay file, written every month and resumed after the restart, plays again
#     to the same end (`closedloop replay`: the final world's hash), empty seats' stand-ins
#     included; the same game without the replay's help ends in the same world as the last
#     autosave says.
#  4. --load's bad input exits 2 naming the flag or the file; a save without a room (the
#     window's, or run's) loads as a fresh room and plays on.
. "$2/tests/cli_lib.sh"
cli_begin test_host_faults "$@"

expect 2 "'--load' takes the save's scenario\|--load takes the save's scenario" -- \
  "$BIN" host --headless --load "$TMP/x.json" --strategy msft=human
expect 2 "nope.json" -- "$BIN" host --headless --load "$TMP/nope.json" --save-dir "$TMP/s0"
expect 0 "" -- "$BIN" run --scenario "$SRC/tests/data/minimal.json" --strategy msft=human --turns 1 \
  --save "$TMP/plain.json"
# No month passes before a team sits (docs/network.md), so this host waits: it is stopped by SIGINT.
expect 130 "it has no room, so this is a new one" -- timeout --preserve-status -s INT 3 "$BIN" host --headless \
  --load "$TMP/plain.json" --bind 127.0.0.1 --port 0 --turns 1 --month-seconds 1 --save-dir "$TMP/s0"

PYTHONPATH="$SRC/tests" python3 - "$BIN" "$SRC" "$TMP" >"$TMP/faults.out" 2>&1 <<'PY'
import glob, json, os, re, signal, subprocess, sys, time
from net_client import Client

BIN, SRC, TMP = sys.argv[1:4]
SAVES = os.path.join(TMP, "saves")
hosts = []

def check(cond, what):
    print(("PASS: " if cond else "FAIL: ") + what, flush=True)

def start(args, tag):
    out = open(os.path.join(TMP, tag + ".out"), "w+")
    err = open(os.path.join(TMP, tag + ".err"), "w+")
    p = subprocess.Popen([BIN, "host", "--headless", "--bind", "127.0.0.1", "--port", "0",
                          "--save-dir", SAVES] + args, stdout=out, stderr=err)
    hosts.append(p)
    for _ in range(100):
        text = open(out.name).read()
        m = re.search(r"Listening on http://127.0.0.1:(\d+)/ only", text)
        if m and "Exposed:" in text:
            room = re.search(r"Room code: (\w+)", text).group(1)
            teacher = re.search(r"Teacher's token \(keep it to yourself\): (\w+)", text).group(1)
            return p, int(m.group(1)), room, teacher, out.name
        if p.poll() is not None:
            break
        time.sleep(0.1)
    print(open(out.name).read(), open(err.name).read())
    raise SystemExit("FAIL: the host did not start")

def take(port, room, actor, seq):
    c = Client(port)
    a = c.ask({"type": "take_seat", "room": room, "actor": actor, "seq": seq})
    return c, a[0]["token"]

def resume(port, token, seq):
    c = Client(port)
    a = c.ask({"type": "resume", "token": token, "seq": seq})
    return c, a

LOAN = {"type": "propose", "kind": "loan", "counterparty": "nvidia", "side": "payer",
        "terms": {"amount": 2, "months": 12, "rate": 0.05}}

try:
    # The 2025 scenario: OpenAI's seat stays empty, so its playbook stands in (and the replay
    # must carry its moves); the six roles without a seat play their playbooks.
    game = ["--strategy", "microsoft=human", "--strategy", "nvidia=human", "--strategy",
            "openai=human", "--month-seconds", "600"]
    h, port, room, teacher, hout = start(game, "host1")
    # 1. A client killed mid-month.
    m = Client(port)
    a = m.ask({"type": "take_seat", "room": room, "actor": "microsoft", "seq": 1})
    tok_m, month0 = a[0]["token"], a[-1]["month"]
    a = m.ask(dict(LOAN, token=tok_m, seq=7))
    check(a[-1]["type"] == "ok", "Microsoft's proposal is acknowledged")
    m.kill()
    n, tok_n = take(port, room, "nvidia", 2)
    time.sleep(0.3)
    m, a = resume(port, tok_m, 8)
    check(a[0]["type"] == "seat" and a[0]["actor"] == "microsoft", "resume gets Microsoft's seat back")
    st = a[-1]
    check(st["type"] == "state" and st["queued"] == 1 and st["queued_seq"] == [7],
          "the killed client's intent is still queued: %s" % st.get("queued_seq"))
    m.ask({"type": "ready", "token": tok_m, "seq": 9})
    n.ask({"type": "ready", "token": tok_n, "seq": 3})
    pushed = n.wait_for("state")
    month1 = pushed["month"]
    check(month1 > month0, "the month was played (OpenAI's seat by its stand-in)")
    check(any(o["from"] == "microsoft" and o["kind"] == "loan" for o in pushed["offers"]),
          "the intent queued before the kill reached Nvidia as an offer")
    m.wait_for("state")
    # 2. The host killed mid-month, after an autosave of the month in progress.
    a = m.ask(dict(LOAN, token=tok_m, seq=21, terms={"amount": 1, "months": 6, "rate": 0.04}))
    check(a[-1]["type"] == "ok", "a second proposal is acknowledged")
    time.sleep(2.6)  # HOST_SAVE_EVERY: the month in progress is saved
    n.ask({"type": "state", "token": tok_n, "seq": 4})  # the loop turns: the save is written
    time.sleep(0.5)
    h.send_signal(signal.SIGKILL)
    h.wait()
    check(h.returncode == -signal.SIGKILL, "the host was killed")
    saves = sorted(glob.glob(SAVES + "/autosave/*-game*.json"), key=os.path.getmtime)
    check(len(saves) >= 2, "the host autosaved: %s" % [os.path.basename(s) for s in saves])
    newest = saves[-1]
    check(os.path.basename(newest) == "closed-loop-2025-game1-%s.json" % month0,
          "named by game and last month played: " + os.path.basename(newest))
    check((os.stat(newest).st_mode & 0o077) == 0, "the save is readable by its owner only")
    h, port2, room2, teacher2, hout = start(["--load", newest, "--turns", "1"], "host2")
    check("with its room" in open(hout).read(), "the host says it loaded the room")
    check(room2 == room and teacher2 == teacher, "the same room code and teacher's token")
    m, a = resume(port2, tok_m, 30)
    check(a[0]["type"] == "seat" and a[0]["actor"] == "microsoft", "Microsoft's token works after the restart")
    st = a[-1]
    check(st["month"] == month1 and st["queued_seq"] == [21],
          "the intent acknowledged before the autosave is still queued: %s" % st.get("queued_seq"))
    n, a = resume(port2, tok_n, 31)
    check(a[0]["type"] == "seat" and a[0]["actor"] == "nvidia", "Nvidia's token works after the restart")
    t = Client(port2)
    a = t.ask({"type": "resume", "token": teacher, "seq": 1})
    check(a[0]["type"] == "teacher", "the teacher's token works after the restart")
    c = Client(port2)
    a = c.ask({"type": "hello", "room": room, "seq": 1})
    free = {s["actor"]: s["free"] for s in a[0]["seats"]}
    check(free == {"openai": True, "microsoft": False, "nvidia": False}, "the seats as they were: %s" % free)
    t.ask({"type": "lever", "token": teacher, "lever": "sentiment", "value": -0.3, "seq": 2})
    m.ask({"type": "ready", "token": tok_m, "seq": 32})
    n.ask({"type": "ready", "token": tok_n, "seq": 33})
    h.wait(timeout=20)
    check(h.returncode == 0, "the restarted host played its month and stopped (%s)" % h.returncode)
    # 3. The replay of the whole game, across the restart.
    replays = glob.glob(SAVES + "/replays/*-game1-*.json")
    check([os.path.basename(r) for r in replays] == ["closed-loop-2025-game1-%s.json" % month1],
          "one replay file, named by its last month: %s" % replays)
    r = subprocess.run([BIN, "replay", replays[0]], capture_output=True, text=True)
    check(r.returncode == 0, "the replay plays to the same end: " + (r.stdout + r.stderr).strip()[:300])
    rp = json.load(open(replays[0]))
    who = {(i["turn"], rp["seats"][i["actor"]]["role"]) for i in rp["inputs"]}
    check({(0, "microsoft"), (1, "microsoft")} <= who, "the students' moves are in the replay: %s" % sorted(who))
    check(any(role == "openai" for _, role in who), "the stand-in's moves are in the replay: %s" % sorted(who))
    check([l["lever"] for l in rp["levers"]] == ["sentiment"], "the teacher's lever is in the replay")
finally:
    for p in hosts:
        if p.poll() is None:
            p.kill()
            p.wait()
PY
status=$?
pass=$((pass + $(grep -c "^PASS: " "$TMP/faults.out")))
fails=$(grep -c "^FAIL: " "$TMP/faults.out")
grep -v "^PASS: " "$TMP/faults.out" | sed 's/^/  | /' | head -30
if [ "$status" != 0 ] && [ "$fails" = 0 ]; then
  bad "the test's client stopped ($status)"
fi
fail=$((fail + fails))
cli_end
