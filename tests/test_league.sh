#!/bin/sh
# tournament --league and --ecology as a teacher runs them (issue 16 item 6): a league of five
# entries per role, the same bytes with 1 and 2 threads, an ecology that settles on a fixed seed,
# CSV and PNG out, strict league files, the progress bar.
# Usage: test_league.sh BINARY SOURCE_DIR
. "$2/tests/cli_lib.sh"
cli_begin test_league "$@"
SCEN="$SRC/tests/data/telecom/telecom-2000.json"
LG="$SRC/tests/data/league/league.json"
L="$BIN tournament --league $LG --scenario $SCEN --runs 2 --quiet"

# Five entries, three roles: the standings, one line per role, the CSVs; 1 and 2 threads alike.
$L --threads 2 --ecology 3000 --out "$TMP/l2.csv" >"$TMP/l2.txt" 2>"$TMP/l2.err" || bad "league, 2 threads: $(cat "$TMP/l2.err")"
$L --threads 1 --ecology 3000 --out "$TMP/l1.csv" >"$TMP/l1.txt" 2>&1 || bad "league, 1 thread"
same "$TMP/l1.txt" "$TMP/l2.txt" "league standings with 1 and 2 threads"
same "$TMP/l1.csv" "$TMP/l2.csv" "league CSV with 1 and 2 threads"
same "$TMP/l1-ecology.csv" "$TMP/l2-ecology.csv" "ecology CSV with 1 and 2 threads"
expect 0 "League: 5 entries in 3 roles, 2 runs a seating" -- cat "$TMP/l2.txt"
if [ "$(grep -c '^   [1-5]  ' "$TMP/l2.txt")" = 5 ] && grep -q "^  lucent: stayout +0.0000 " "$TMP/l2.txt"; then ok; else
    bad "league table: $(cat "$TMP/l2.txt")"; fi
python3 - "$TMP/l2.csv" "$TMP/l2-ecology.csv" <<'PY' && ok || bad "league CSVs"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
st = [r for r in rows if r['kind'] == 'standing']
seat = [r for r in rows if r['kind'] == 'seating']
assert [r['rank'] for r in st] == ['1', '2', '3', '4', '5'], st
assert len(seat) == 3 * 5 * 5, len(seat)  # role x entry x opponents
# The passive entry gains 0 in every seating; a standing is the mean of its seatings' gains.
assert all(float(r['mean_gain']) == 0 for r in seat if r['entry'] == 'stayout')
for s in st:
    mine = [float(r['mean_gain']) for r in seat if r['entry'] == s['entry']]
    assert abs(sum(mine) / len(mine) - float(s['mean_gain'])) < 1e-6, s
# The ecology: shares sum to 1 each generation, start even, and settle (a fixed point).
eco = list(csv.DictReader(open(sys.argv[2])))
gens = sorted({int(r['generation']) for r in eco})
for g in (gens[0], gens[-1]):
    assert abs(sum(float(r['share']) for r in eco if int(r['generation']) == g) - 1) < 1e-9
assert all(abs(float(r['share']) - 0.2) < 1e-12 for r in eco if r['generation'] == '0')
last = {r['entry']: float(r['share']) for r in eco if int(r['generation']) == gens[-1]}
prev = {r['entry']: float(r['share']) for r in eco if int(r['generation']) == gens[-2]}
assert max(abs(last[e] - prev[e]) for e in last) < 1e-6, (last, prev)
PY
expect 0 "Ecology: population shares" -- cat "$TMP/l2.txt"

# Charts; the CSV on stdout with --out - (the table on stderr).
mkdir "$TMP/png"
expect 0 "Wrote .*ecology.png" -- $L --ecology 10 --png "$TMP/png"
if [ -s "$TMP/png/league.png" ] && [ -s "$TMP/png/ecology.png" ]; then ok; else bad "league PNGs"; fi
$L --out - 2>"$TMP/pipe.err" | python3 -c "
import csv, sys
rows = list(csv.DictReader(sys.stdin))
assert rows[0]['kind'] == 'standing'" && ok || bad "league --out - | csv reader"
expect 0 "League: 5 entries" -- cat "$TMP/pipe.err"

# The progress bar: on stderr with --progress (stderr is no terminal here), never with --quiet.
$BIN tournament --league "$LG" --scenario "$SCEN" --runs 1 --progress >/dev/null 2>"$TMP/bar.err"
if grep -q '\[##############################\] ' "$TMP/bar.err"; then ok; else bad "progress bar: $(cat "$TMP/bar.err")"; fi
$BIN tournament --league "$LG" --scenario "$SCEN" --runs 1 >/dev/null 2>"$TMP/nobar.err"
if grep -q '\[#' "$TMP/nobar.err"; then bad "a progress bar on a stderr that is no terminal"; else ok; fi

# Strict league files: the file, the JSON path and what was expected; exit 2.
w() { printf '%s\n' "$1" >"$TMP/bad.json"; }
w '{"entries": [{"name": "a", "scrips": {}}]}'
expect 2 'bad.json: $.entries\[0\].*scrips' -- $L --league "$TMP/bad.json"
w '{"entries": [{"name": "a", "scripts": {"lucnet": "passive"}}]}'
expect 2 'bad.json: $.entries\[0\].scripts.lucnet: no role "lucnet" in scenario ".*": expected one of winstar, lucent' -- $L --league "$TMP/bad.json"
w '{"entries": [{"name": "a", "scripts": {"lucent": "lend.py"}}]}'
expect 2 'bad.json: $.entries\[0\].scripts.lucent: expected FILE.lua or passive' -- $L --league "$TMP/bad.json"
w '{"entries": [{"name": "a", "scripts": {"lucent": "passive"}}, {"name": "a", "scripts": {}}]}'
expect 2 'bad.json: $.entries\[1\].name: the name "a" is taken already (entries\[0\])' -- $L --league "$TMP/bad.json"
w '{"entries": [{"name": "a", "scripts": {"lucent": "passive"}},]}'
expect 2 'bad.json:1:' -- $L --league "$TMP/bad.json"
w '{"entries": [{"name": "a", "scripts": {"lucent": "nope.lua"}}]}'
expect 2 'bad.json: $.entries\[0\].scripts.lucent: cannot read .*nope.lua' -- $L --league "$TMP/bad.json"
w '{"entries": [{"name": "a", "scripts": {"lucnet": "passive"}}]}'
expect 2 'bad.json: $.entries\[0\].scripts.lucnet: 情景“.*”中没有角色“lucnet”' -- $L --league "$TMP/bad.json" --lang zh
cp "$SRC/tests/data/scripts/syntax_error.lua" "$TMP/syntax_error.lua"
w '{"entries": [{"name": "a", "scripts": {"lucent": "passive"}}, {"name": "b", "scripts": {"nortel": "syntax_error.lua"}}]}'
# A script that does not compile: named by its place in the league file, then script:line.
expect 2 'bad.json: $.entries\[1\].scripts.nortel: .*syntax_error.lua:3:' -- $L --league "$TMP/bad.json"
w '{"entries": [{"name": "b", "scripts": {"nortel": "syntax_error.lua"}}]}'
expect 2 'bad.json: $.entries\[0\].scripts.nortel: .*syntax_error.lua:3:' -- $L --league "$TMP/bad.json"
expect 2 "give no --role and no strategies" -- $L --role lucent passive
expect 2 "go with --league FILE" -- "$BIN" tournament --role lucent passive --ecology 5
cli_end
