#!/bin/sh
# The recipe "a new deal kind" (docs/architecture.md), tried as a user would: closedloop_kindtest
# is the program built with the one row of tests/kindtest/kind_row.h ("prepay") and nothing else;
# its texts are a language file of the test's own (tests/kindtest/lang/*/kindtest.json), put beside
# the engine's tables in a data folder that CLOSEDLOOP_DATA names.
#  - a Lua script proposes it with prepay{...}, another accepts it: the story tells it in the
#    test's words in English and Chinese, the --json record has it signed, paid and completed;
#  - a game saved in its middle (--save) goes on from the save (--load) to the same record;
#  - the map is drawn with it (--png);
#  - without its texts the story shows the missing keys (which test_sim_kind_xk names);
#  - test_api_docs finds prepay{} undeclared in scripts/closedloop.d.lua: the recipe's docs step;
#  - the normal program (third argument) knows no such kind, in a script or in a scenario.
# Usage: test_kind_recipe.sh KINDTEST_BINARY SOURCE_DIR NORMAL_BINARY
. "$2/tests/cli_lib.sh"
cli_begin test_kind_recipe "$1" "$2"
NORMAL=$3
case $NORMAL in /*) ;; *) NORMAL=$(pwd)/$NORMAL ;; esac

# The data folder: the engine's assets, each language folder with the test's file added.
mkdir -p "$TMP/data/lang"
for f in "$SRC"/assets/*; do
    [ "$(basename "$f")" = lang ] || ln -s "$f" "$TMP/data/$(basename "$f")"
done
for l in en zh; do
    mkdir "$TMP/data/lang/$l"
    ln -s "$SRC"/assets/lang/$l/*.json "$TMP/data/lang/$l/"
    ln -s "$SRC/tests/kindtest/lang/$l/kindtest.json" "$TMP/data/lang/$l/"
done

cat >"$TMP/hub.lua" <<'LUA'
return {decide = function(view)
  if view.turn == 0 then
    return {prepay{to = 'oracle', amount = 6, months = 6, delay = 1, gw = 0.5,
                   reason = 'a year ahead'}}
  end
  return {}
end}
LUA
cat >"$TMP/oracle.lua" <<'LUA'
return {decide = function(view)
  local out = {}
  for _, o in ipairs(view.offers_to_me) do
    out[#out + 1] = accept(o.id, 'read: ' .. o.kind)
  end
  return out
end}
LUA
cd "$TMP" || exit 2
SEATS="--strategy all=passive --strategy openai=hub.lua --strategy oracle=oracle.lua"

# The game, in English and in Chinese.
CLOSEDLOOP_DATA="$TMP/data" "$BIN" run $SEATS --turns 12 --json run.json >story.txt 2>&1
rc=$?
[ "$rc" = 0 ] && ok || { bad "run exited $rc"; tail -5 story.txt; }
grep -q 'OpenAI offers Oracle a \$6.0B capacity prepayment over 6 months' story.txt && ok ||
    bad "the story does not tell the offer in the kind's words"
grep -q 'Oracle accepts .*("read: prepay")' story.txt && ok ||
    bad "Oracle's script did not read the offer's kind as prepay"
grep -q 'deal\.noun\.prepay\|deal\.kind\.prepay' story.txt && bad "the story shows a key" || ok
CLOSEDLOOP_DATA="$TMP/data" "$BIN" run $SEATS --turns 12 --lang zh >story-zh.txt 2>&1 && ok ||
    bad "the Chinese run failed"
grep -q '产能预付款' story-zh.txt && ok || bad "the Chinese story does not say 产能预付款"
python3 - run.json <<'PY' && ok || bad "the --json record does not hold the prepay's life"
import json, sys
h = json.load(open(sys.argv[1]))
d = [d for d in h["deals"] if d["kind"] == "prepay"]
assert len(d) == 1, d
d = d[0]
assert d["status"] == "completed" and d["payer"] == "openai" and d["payee"] == "oracle", d
assert d["answer"] == "read: prepay", d
PY

# Saved in the middle of its life, then played on from the save: the same record.
CLOSEDLOOP_DATA="$TMP/data" "$BIN" run $SEATS --turns 4 --quiet --save mid.json >/dev/null 2>&1 &&
    ok || bad "the run to a save failed"
grep -q '"kind":"prepay"' mid.json && ok || bad "the save does not hold the kind by name"
CLOSEDLOOP_DATA="$TMP/data" "$BIN" run --load mid.json --turns 8 --quiet --json loaded.json \
    >load.txt 2>&1 && ok || { bad "the run from the save failed"; tail -5 load.txt; }
python3 - run.json loaded.json <<'PY' && ok || bad "the game from the save ends otherwise"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
assert a["turns_played"] == b["turns_played"] == 12, (a["turns_played"], b["turns_played"])
assert a["deals"] == b["deals"], "deals differ"
assert a["scores"] == b["scores"], "scores differ"
PY

# The map, with the deal on it.
mkdir png
CLOSEDLOOP_DATA="$TMP/data" "$BIN" run $SEATS --turns 4 --quiet --png png >/dev/null 2>&1 &&
    [ -s png/map.png ] && ok || bad "no map drawn with a prepay on it"

# Without its texts: the keys show, as test_sim_kind_xk says they are missing.
"$BIN" run $SEATS --turns 2 >nowords.txt 2>&1
grep -q 'deal\.noun\.prepay' nowords.txt && ok ||
    bad "without its texts the story does not show the key deal.noun.prepay"

# The docs step: the constructor is not declared yet.
sh "$SRC/tests/test_api_docs.sh" "$BIN" "$SRC" >docs.txt 2>&1
grep -A3 'not declared in scripts/closedloop.d.lua' docs.txt | grep -q prepay && ok ||
    bad "test_api_docs does not name prepay as undeclared"

# The normal program knows no prepay.
cd "$TMP" || exit 2
"$NORMAL" run $SEATS --turns 2 >normal.txt 2>&1
grep -q "prepay" normal.txt && ok || bad "the normal program does not say that prepay is unknown"
python3 - "$SRC/assets/scenarios/closed-loop-2025.json" <<'PY' >with-prepay.json
import json, sys
s = json.load(open(sys.argv[1]))
s["initial_deals"].append({"tag": "prepay-oracle", "proposer": "openai", "kind": "prepay",
                          "payer": "openai", "payee": "oracle", "amount": 3, "months": 6})
print(json.dumps(s))
PY
"$NORMAL" run --scenario with-prepay.json --turns 1 >normal-scen.txt 2>&1
rc=$?
[ "$rc" = 2 ] && grep -q 'initial_deals\[3\]\.kind' normal-scen.txt && ok ||
    { bad "the normal program took a scenario with a prepay (exit $rc)"; tail -3 normal-scen.txt; }
CLOSEDLOOP_DATA="$TMP/data" "$BIN" run --scenario with-prepay.json --turns 1 --quiet \
    >kind-scen.txt 2>&1 && ok || { bad "the kindtest program refused it"; tail -3 kind-scen.txt; }
cli_end
