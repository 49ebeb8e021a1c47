#!/bin/sh
# A second failure in a newcomer's loop, with free strategies (issue 12): in the telecom loop of
# 2000 (tests/data/telecom/), played by the baseline rule in every role over 60 seeds, Winstar
# (the hub, the first borrower) fails, the calendar runs on to its end, and Global Crossing (the
# second borrower, carried by Nortel's facility) fails after it in some seeds and not in others;
# so with the scenario's playbooks, where Winstar fails in most seeds.
# Nortel, whose facility paid for Global Crossing's purchases of its own optics, shows exposure
# and circularity toward Global Crossing, as a strategy reads them (view, circularity()); the
# baseline's vendors make Global Crossing offers (sim_baseline: any borrower is a counterparty).
# Usage: test_second.sh BINARY SOURCE_DIR
. "$2/tests/cli_lib.sh"
cli_begin test_second "$@"
SCEN="$SRC/tests/data/telecom/telecom-2000.json"

# counts FILE: "N one two+ short" over the rows: runs, runs with exactly one default, runs with
# two or more, runs that stopped before the calendar's 36 months.
counts() {
    python3 - "$1" <<'PY'
import csv, sys
rows = list(csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith("#")))
d = [int(r["defaults"]) for r in rows]
print(len(rows), sum(1 for x in d if x == 1), sum(1 for x in d if x >= 2),
      sum(1 for r in rows if r["turns"] != "36"))
PY
}

"$BIN" batch --scenario "$SCEN" --runs 60 --strategy all=baseline --quiet --out "$TMP/base.csv" \
    >/dev/null 2>&1 || bad "the baseline batch failed"
set -- $(counts "$TMP/base.csv")
echo "baseline: $1 runs, exactly one default in $2, two or more in $3, short of the calendar $4"
[ "$1" = 60 ] && ok || bad "baseline: $1 rows"
[ "$2" -ge 1 ] && ok || bad "baseline: no seed with exactly one default"
[ "$3" -ge 1 ] && ok || bad "baseline: no seed with a second default"
[ "$4" = 0 ] && ok || bad "baseline: $4 games stopped before the calendar's end"
# The first failure is the hub's in every seed that has one (collapse_turn names its month).
python3 - "$TMP/base.csv" <<'PY' && ok || bad "baseline: a game with a default but no hub default"
import csv, sys
rows = list(csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith("#")))
assert all(r["collapse_turn"] for r in rows if int(r["defaults"]) >= 1)
PY

"$BIN" batch --scenario "$SCEN" --runs 60 --quiet --out "$TMP/play.csv" >/dev/null 2>&1 ||
    bad "the playbook batch failed"
set -- $(counts "$TMP/play.csv")
echo "playbooks: $1 runs, exactly one default in $2, two or more in $3, short of the calendar $4"
[ "$1" = 60 ] && ok || bad "playbooks: $1 rows"
[ $(($2 + $3)) -ge 30 ] && ok || bad "playbooks: a default in only $(($2 + $3)) of 60 seeds"
[ "$2" -ge 1 ] && ok || bad "playbooks: no seed with exactly one default"
[ "$3" -ge 1 ] && ok || bad "playbooks: no seed with a second default"
[ "$4" = 0 ] && ok || bad "playbooks: $4 games stopped before the calendar's end"

# Nortel's exposure and circularity toward Global Crossing, read by a strategy in a baseline game
# (month 6: the facility half drawn, the optics half paid for) and in the --json record.
cat >"$TMP/reader.lua" <<'LUA'
local S = {}
function S.decide(view)
  if view.turn == 6 then
    local me = view.actors.nortel
    print(string.format("gx_exposure %.2f gx_circularity %.3f", me.exposure_to.globalcrossing or 0,
      circularity("nortel", "globalcrossing")))
  end
  return {}
end
return S
LUA
"$BIN" run --scenario "$SCEN" --seed 100 --strategy all=baseline --strategy cisco="$TMP/reader.lua" \
    --turns 8 >"$TMP/lua.txt" 2>&1 || bad "the reader's game failed"
if grep -qE 'gx_exposure [1-9][0-9]*\.[0-9]+ gx_circularity 0\.[0-9]*[1-9]' "$TMP/lua.txt"; then ok
else bad "Nortel shows no exposure or circularity toward Global Crossing:"; grep -n gx_ "$TMP/lua.txt"; fi
"$BIN" run --scenario "$SCEN" --seed 100 --strategy all=baseline --json "$TMP/b.json" --quiet \
    >/dev/null 2>&1 || bad "--json failed"
if python3 - "$TMP/b.json" <<'PY'; then ok; else bad "--json lacks Nortel's exposure to Global Crossing"; fi
import json, sys
d = json.load(open(sys.argv[1]))
assert d["turns_played"] == 36, d["turns_played"]
rows = [a for t in d["turns"] for a in t["actors"] if a["id"] == "nortel"]
assert any(a["top"] == "globalcrossing" and a["exposure_top"] > 1.0 for a in rows)
assert max(a["circularity"] for a in rows) > 0.05
PY
# The baseline rule offers to a borrower that is not the hub: some vendor's offer to Global
# Crossing made during the game (not one of the deals the scenario starts with).
if python3 - "$TMP/b.json" <<'PY'; then ok; else bad "no baseline vendor made Global Crossing an offer"; fi
import json, sys
d = json.load(open(sys.argv[1]))
assert any(not x["tag"] and x["proposer"] not in ("globalcrossing", "winstar") and
           "globalcrossing" in (x["payer"], x["payee"]) for x in d["deals"])
PY

cli_end
