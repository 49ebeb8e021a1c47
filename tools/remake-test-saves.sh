#!/bin/sh
# Remakes the saves kept as test data after the save format or the scenario format changes:
# tests/data/badsave (base.json, then every damaged save by make.py) and the fuzzers' seed saves
# (tests/fuzz/corpus/save, each played again with the scenario, seed, seats and turns it records).
# Usage: sh tools/remake-test-saves.sh [BUILD_DIR]   (default: build)
set -e
cd "$(dirname "$0")/.."
BIN=${1:-build}/closedloop
"$BIN" run --scenario tests/data/minimal.json --seed 42 --strategy openai=baseline \
    --strategy msft=human --strategy nvda=tests/data/scripts/memory_kinds.lua \
    --turns 5 --save tests/data/badsave/base.json --quiet >/dev/null
# A fixed time, so that the file does not change from run to run.
sed -i -E 's/"saved_at": ?"[^"]*"/"saved_at":"2026-11-28T12:00:00Z"/' tests/data/badsave/base.json
(cd tests/data/badsave && python3 make.py >/dev/null)
for f in tests/fuzz/corpus/save/*.json; do
    python3 - "$BIN" "$f" <<'PY'
import json, subprocess, sys
binary, path = sys.argv[1], sys.argv[2]
d = json.load(open(path))
args = [binary, "run", "--scenario", d["scenario"]["path"], "--seed", d["seed"],
        "--turns", str(d["turn"]), "--save", path, "--quiet"]
for s in d["seats"]:
    args += ["--strategy", "%s=%s" % (s["role"], s["choice"])]
subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
PY
done
echo "remade tests/data/badsave and tests/fuzz/corpus/save"
