#!/bin/sh
# Data on standard output when asked for, every line for a person on standard error (issue 16
# item 7): each output piped into a parser as an analyst would.
# Usage: test_pipes.sh BINARY SOURCE_DIR
. "$2/tests/cli_lib.sh"
cli_begin test_pipes "$@"
SCEN="$SRC/assets/scenarios/closed-loop-2025.json"
command -v python3 >/dev/null || { echo "test_pipes: skipped (no python3)"; exit 0; }

# run --json -: the history alone on stdout (the table and the story on stderr).
if "$BIN" run --scenario "$SCEN" --quiet --json - 2>"$TMP/err.txt" | python3 -m json.tool >/dev/null; then ok; else
    bad "run --quiet --json - | python3 -m json.tool"; fi
expect 0 "The end:" -- cat "$TMP/err.txt"
if "$BIN" run --scenario "$SCEN" --turns 3 --json - 2>/dev/null | python3 -m json.tool >/dev/null; then ok; else
    bad "run --turns 3 --json - (with the story) | python3 -m json.tool"; fi
# Without --json -, the table stays on stdout as before.
"$BIN" run --scenario "$SCEN" --quiet --turns 2 >"$TMP/table.txt" 2>/dev/null
expect 0 "The end:" -- cat "$TMP/table.txt"

# batch --out - --format csv|jsonl: rows on stdout, a CSV and a JSON-lines reader take them.
"$BIN" batch --scenario "$SCEN" --runs 3 --out - --format csv 2>"$TMP/berr.txt" >"$TMP/rows.csv"
python3 - "$TMP/rows.csv" <<'PY' && ok || bad "batch --out - --format csv | csv reader"
import csv, sys
lines = [l for l in open(sys.argv[1]) if not l.startswith('#')]
rows = list(csv.DictReader(lines))
assert len(rows) == 3, rows
assert all(r['end'] and float(r['score_openai']) == float(r['score_openai']) for r in rows)
PY
if [ -s "$TMP/berr.txt" ] && ! grep -q "^run,seed" "$TMP/berr.txt"; then ok; else
    bad "batch --out -: its closing line on stderr, no row there"; fi
"$BIN" batch --scenario "$SCEN" --runs 3 --out - --format jsonl 2>/dev/null |
    python3 -c "
import json, sys
rows = [json.loads(l) for l in sys.stdin]
assert rows[0]['closedloop_batch'] == 1 and len(rows) == 4, rows
assert all('scores' in r for r in rows[1:])" && ok || bad "batch --out - --format jsonl | json reader"
# The same rows as a file of the same format.
"$BIN" batch --scenario "$SCEN" --runs 3 --quiet --out "$TMP/rows2.csv" 2>/dev/null
same "$TMP/rows.csv" "$TMP/rows2.csv" "batch --out - --format csv against --out FILE.csv"
expect 2 "standard output has no name to tell the format: add --format csv or --format jsonl" -- \
    "$BIN" batch --scenario "$SCEN" --runs 1 --out -
expect 2 "names one format and --format jsonl another" -- \
    "$BIN" batch --scenario "$SCEN" --runs 1 --out "$TMP/x.csv" --format jsonl
expect 2 "format xml: expected csv or jsonl" -- \
    "$BIN" batch --scenario "$SCEN" --runs 1 --out - --format xml
expect 2 "expected a file name ending in .csv or .jsonl, or -" -- \
    "$BIN" batch --scenario "$SCEN" --runs 1 --out "$TMP/rows"
"$BIN" batch --scenario "$SCEN" --runs 2 --quiet --out "$TMP/rows" --format jsonl 2>/dev/null &&
    python3 -c "import json,sys; [json.loads(l) for l in open(sys.argv[1])]" "$TMP/rows" && ok ||
    bad "batch --out NAME --format jsonl: a file without the extension"

# tournament --out -: the board's CSV on stdout, the table for a person on stderr.
"$BIN" tournament --scenario "$SCEN" --role nvidia passive baseline --runs 2 --out - \
    2>"$TMP/terr.txt" | python3 -c "
import csv, sys
rows = list(csv.DictReader(sys.stdin))
assert [r['rank'] for r in rows] == ['1', '2'], rows" && ok || bad "tournament --out - | csv reader"
expect 0 "Tournament for nvidia" -- cat "$TMP/terr.txt"
cli_end
