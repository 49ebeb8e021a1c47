#!/bin/sh
# A network, not a star (issue 12, item 1), as a user sees it: in the telecom loop of 2000
# (tests/data/telecom/, history seats), Nortel's loan to Global Crossing, the second borrower,
# financed its own sales: the story's table shows Nortel's circularity and exposure with Global
# Crossing as its largest counterparty, and --json records them month by month ("top"); a game
# saved halfway and played on from the save writes the same record as one played straight
# through (the traced circularity is rebuilt from the books); a Lua strategy reads
# view.actors[i].exposure_to and circularity(vendor, payer).
# Usage: test_network.sh BINARY SOURCE_DIR
. "$2/tests/cli_lib.sh"
cli_begin test_network "$@"
SCEN="$SRC/tests/data/telecom/telecom-2000.json"

# The story's final table: Nortel's row names Global Crossing and a circularity above 0.
if "$BIN" run --scenario "$SCEN" --seed 1 --quiet >"$TMP/story.txt" 2>&1; then ok; else bad "run failed"; fi
row=$(grep '^Nortel' "$TMP/story.txt")
case $row in
*"Global Crossing"*) ok ;;
*) bad "Nortel's row does not name Global Crossing: $row" ;;
esac
# The percentages of a row: since start, of value, circularity.
circ=$(echo "$row" | grep -oE '[0-9]+%' | sed -n 3p)
case $circ in
"" | 0%) bad "Nortel's circularity in the table is '$circ': $row" ;;
*) ok ;;
esac

# --json: month by month, with the largest counterparty by id.
"$BIN" run --scenario "$SCEN" --seed 1 --json "$TMP/whole.json" --quiet >/dev/null 2>&1 || bad "--json failed"
if python3 - "$TMP/whole.json" <<'PY'; then ok; else bad "--json lacks Nortel's exposure to Global Crossing"; fi
import json, sys
d = json.load(open(sys.argv[1]))
rows = [a for t in d["turns"] for a in t["actors"] if a["id"] == "nortel"]
assert max(a["circularity"] for a in rows) > 0.05
assert any(a["top"] == "globalcrossing" and a["exposure_top"] > 1.0 for a in rows)
assert all(a["top"] is None or a["exposure_top"] <= a["exposure"] + 1e-9 for a in rows)
PY

# Saved at month 8 (the loans drawn, the optics half paid for) and played on: the same record.
"$BIN" run --scenario "$SCEN" --seed 1 --turns 8 --save "$TMP/half.json" --quiet >/dev/null 2>&1 ||
    bad "--save failed"
"$BIN" run --load "$TMP/half.json" --json "$TMP/resumed.json" --quiet >/dev/null 2>&1 ||
    bad "--load failed"
if python3 - "$TMP/whole.json" "$TMP/resumed.json" <<'PY'; then ok; else bad "a resumed game's network figures differ"; fi
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert len(a["turns"]) == len(b["turns"]), (len(a["turns"]), len(b["turns"]))
for ta, tb in zip(a["turns"], b["turns"]):
    for x, y in zip(ta["actors"], tb["actors"]):
        for k in ("circularity", "exposure", "exposure_top", "top"):
            assert x[k] == y[k], (ta["turn"], x["id"], k, x[k], y[k])
PY

# A Lua strategy reads the network.
cat >"$TMP/reader.lua" <<'LUA'
local S = {}
function S.decide(view)
  local me = view.actors.nortel
  if view.turn == 10 then
    local gx = me.exposure_to.globalcrossing or 0
    print(string.format("exposure_to %.2f top %s circ %.3f of_gx %.3f", gx, tostring(me.top),
      me.circularity, circularity("nortel", "globalcrossing")))
  end
  return {}
end
return S
LUA
"$BIN" run --scenario "$SCEN" --seed 1 --strategy cisco="$TMP/reader.lua" --turns 12 \
    >"$TMP/lua.txt" 2>&1 || bad "the Lua reader's game failed"
if grep -qE 'exposure_to [1-9][0-9]*\.[0-9]+ top globalcrossing circ 0\.[0-9]*[1-9]' "$TMP/lua.txt"; then ok
else bad "the Lua view lacks the network:"; grep -n 'exposure_to' "$TMP/lua.txt" | head -3; fi

cli_end
