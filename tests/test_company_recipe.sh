#!/bin/sh
# The recipe "a new company" (docs/architecture.md), tried as a user would: a scenario made of the
# shipped one plus one actor, SK hynix (tests/data/company/skhynix.json: the actor's entry and its
# Chinese names for the scenario's lang block), and nothing else: no playbook, no C, no table.
#  - it loads and plays headless to the end; with every role on its playbook, SK hynix plays
#    baseline with the note saying so, and takes part (it offers the hub a deal);
#  - it is in the story in English and, by the scenario's own content, in Chinese; in the --json
#    record (actors, snapshots, scores); in the batch CSV's columns; on the map that play --png
#    draws (test_company_recipe checks its plate on the map in both languages);
#  - the load check refuses the same company with an impossible debt, naming its JSON path.
# Usage: test_company_recipe.sh BINARY SOURCE_DIR
. "$2/tests/cli_lib.sh"
cli_begin test_company_recipe "$@"
SHIPPED="$SRC/assets/scenarios/closed-loop-2025.json"
FIX="$SRC/tests/data/company/skhynix.json"

# make OUT [impossible]: the shipped scenario with the fixture's actor appended and its content
# merged into the scenario's lang block (with the fixture's impossible debt if asked).
make() {
    python3 - "$SHIPPED" "$FIX" "$2" >"$1" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
f = json.load(open(sys.argv[2]))
actor = dict(f["actor"])
if sys.argv[3]:
    actor["debt"] = f["impossible_debt"]
s["actors"].append(actor)
for lang, block in f["lang"].items():
    s.setdefault("lang", {}).setdefault(lang, {}).setdefault("content", {}).update(block["content"])
print(json.dumps(s, ensure_ascii=False, indent=1))
PY
}
make "$TMP/newco.json" "" || bad "could not write the scenario"
make "$TMP/impossible.json" yes || bad "could not write the impossible scenario"
cd "$TMP" || exit 2

# Plays to the end on the playbooks: the new company plays baseline, with the note.
"$BIN" run --scenario newco.json --strategy all=playbook --json run.json >story.txt 2>err.txt
rc=$?
[ "$rc" = 0 ] && ok || { bad "run exited $rc"; tail -5 err.txt; }
grep -q 'note: the scenario names no playbook for skhynix: it plays baseline' err.txt story.txt &&
    ok || bad "no note that skhynix plays baseline"
grep -q 'skhynix=baseline' story.txt && ok || bad "the story's seats do not say skhynix=baseline"
grep -q 'SK hynix offers OpenAI' story.txt && ok || bad "SK hynix makes no offer in the story"
grep -q '^SK hynix ' story.txt && ok || bad "SK hynix has no row in the final table"
python3 - run.json <<'PY' && ok || bad "the --json record does not hold SK hynix"
import json, sys
h = json.load(open(sys.argv[1]))
ids = [a["id"] if isinstance(a, dict) else a for a in h["actors"]]
assert "skhynix" in ids, ids
assert h["turns_played"] > 24, h["turns_played"]
assert any(d["proposer"] == "skhynix" for d in h["deals"]), "no deal proposed by skhynix"
assert any(f["from"] == "skhynix" or f["to"] == "skhynix" for f in h["flows"]), "no flow"
assert "skhynix" in h["scores"], h["scores"]
last = [a["id"] for a in h["turns"][-1]["actors"]]
assert "skhynix" in last, last
PY

# Its Chinese names come from the scenario's lang block.
"$BIN" run --scenario newco.json --strategy all=playbook --turns 14 --lang zh >story-zh.txt 2>&1 &&
    ok || bad "the Chinese run failed"
grep -q 'SK海力士' story-zh.txt && ok || bad "the Chinese story does not say SK海力士"
grep -q 'SK hynix' story-zh.txt && bad "the Chinese story says SK hynix in English" || ok

# A batch: its columns.
"$BIN" batch --scenario newco.json --runs 2 --quiet --out batch.csv >/dev/null 2>&1 && ok ||
    bad "the batch failed"
grep -v '^#' batch.csv | head -1 | tr ',' '\n' >columns.txt
for c in score_skhynix lost_skhynix retired_skhynix; do
    grep -qx "$c" columns.txt && ok || bad "the batch CSV has no column $c"
done
[ "$(grep -vc '^#' batch.csv)" = 3 ] && ok || bad "the batch CSV does not have two rows"

# The map, headless.
mkdir png
env -u DISPLAY "$BIN" play --scenario newco.json --strategy all=playbook --png png \
    --quit-after-turns 14 >play.txt 2>&1 && [ -s png/map.png ] && ok ||
    { bad "play --png drew no map"; tail -3 play.txt; }

# An impossible start: refused with its path.
"$BIN" run --scenario impossible.json --turns 1 >imp.txt 2>&1
rc=$?
[ "$rc" = 2 ] && ok || bad "the impossible start exited $rc, expected 2"
grep -q 'impossible.json: \$\.actors\[9\]\.debt: expected at most .* for "skhynix"' imp.txt && ok ||
    { bad "the refusal does not name \$.actors[9].debt"; cat imp.txt; }
cli_end
