#!/bin/sh
# The what-if scenarios, assets/scenarios/whatif-*.json: each, and its classroom notes, is what
# tools/whatifs.py writes from the 2025 files, the notes fit the scenario, the playbook parameters
# it sets are ones the playbooks have and take again when a saved game is loaded, it plays full
# games with history and with the playbooks, and it shows the difference it claims against the
# 2025 scenario on medians over seeds 1-9 (the claims are in tools/whatifs.py, `claims`).
# Usage: test_whatifs.sh BINARY SOURCE_DIR
BIN=$1
SRC=$2
if [ -z "$BIN" ] || [ -z "$SRC" ]; then
    echo "usage: $0 BINARY SOURCE_DIR" >&2
    exit 2
fi
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
exec python3 "$SRC/tools/whatifs.py" check "$BIN" --repo "$SRC" --seeds 9
