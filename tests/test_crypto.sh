#!/bin/sh
# The 2022 crypto-lending scenario, assets/scenarios/crypto-2022.json, as a user meets it: it
# loads and plays to the end of its calendar headless in English and Chinese, the same seed gives
# the same record, its classroom notes open in story mode, and its calendar tells the failures
# in the order and at the months of the public record (docs/crypto-2022-facts.md), each firm's
# failure scheduled on its event; the story tells the failures as the game plays them, and a
# failure of the record that a free strategy avoids is not told. The claims over seeds (who failed
# when, who lost what) are tools/crypto_claims.py's, run by test_crypto_claims.
# Usage: test_crypto.sh BINARY SOURCE_DIR
. "$2/tests/cli_lib.sh"
cli_begin test_crypto "$@"
SCEN="$SRC/assets/scenarios/crypto-2022.json"

# Plays to its calendar's end (October 2024, 31 months) with history seats, in both languages;
# FTX, the hub, has failed in November 2022 and the others traded on.
if "$BIN" run --scenario "$SCEN" --json "$TMP/a.json" >"$TMP/en.out" 2>&1 &&
   grep -q "The end: the calendar ran out with the hub in default after 31 months (October 2024)" \
        "$TMP/en.out"; then ok
else bad "crypto-2022 did not play to October 2024"; tail -5 "$TMP/en.out"; fi
if "$BIN" run --scenario "$SCEN" --lang zh >"$TMP/zh.out" 2>&1 && grep -q "加密借贷连环崩塌" "$TMP/zh.out" &&
   grep -q "三箭资本" "$TMP/zh.out"; then ok
else bad "crypto-2022 in Chinese"; tail -5 "$TMP/zh.out"; fi
# Every dated event is told, in either language.
for t in "June 12: Celsius pauses all withdrawals" "November 11: FTX, FTX US, Alameda" \
         "January 19: Genesis files for Chapter 11"; do
    if grep -q "$t" "$TMP/en.out"; then ok; else bad "the story lacks '$t'"; fi
done
# The failures as the story tells them, in the record's order, and the losses along the loans.
awk '/defaults, with/ {print}' "$TMP/en.out" | sed 's/^ *! //; s/ defaults, with.*//' >"$TMP/fell"
printf '%s\n' "Terraform Labs" "Three Arrows Capital" "Voyager Digital" "Celsius Network" \
    "FTX and Alameda Research" "BlockFi" "Genesis Global Capital" >"$TMP/fell.want"
if cmp -s "$TMP/fell" "$TMP/fell.want"; then ok
else bad "the failures told, in order:"; diff "$TMP/fell.want" "$TMP/fell"; fi
if grep -q "Genesis Global Capital writes off \$1.3B of claims on Three Arrows Capital" "$TMP/en.out" &&
   grep -q "Gemini writes off \$181M of claims on Genesis Global Capital" "$TMP/en.out"; then ok
else bad "the write-downs along the loans"; grep "writes off" "$TMP/en.out"; fi
if grep -q "三箭资本" "$TMP/zh.out" && [ "$(grep -c "违约" "$TMP/zh.out")" -ge 7 ]; then ok
else bad "the failures in Chinese"; grep "违约" "$TMP/zh.out" | head; fi
# With the playbooks no failure of the record is told for a firm that trades on: Celsius,
# Voyager, FTX, BlockFi and Genesis survive, and their filings and payouts are not news.
if "$BIN" run --scenario "$SCEN" --strategy all=playbook >"$TMP/free.out" 2>&1 &&
   ! grep -q -e "files for Chapter 11" -e "Voyager's liquidation plan" -e "Celsius leaves bankruptcy" \
        "$TMP/free.out" && grep -q "UST loses its dollar peg" "$TMP/free.out"; then ok
else bad "free seats: the story tells a failure that did not happen"
     grep -e "Chapter 11" -e "liquidation" -e "bankruptcy" "$TMP/free.out" | head; fi
# Deterministic: the same seed, the same record.
"$BIN" run --scenario "$SCEN" --json "$TMP/b.json" >/dev/null 2>&1
if cmp -s "$TMP/a.json" "$TMP/b.json"; then ok; else bad "two runs of crypto-2022 differ"; fi
# Story mode finds its classroom notes (a missing or broken notes file is an error here).
mkdir "$TMP/play"
if (cd "$TMP/play" && env -u DISPLAY -u WAYLAND_DISPLAY "$BIN" play --scenario "$SCEN" \
        --strategy all=history --classroom --quit-after-turns 8 >"$TMP/play.out" 2>&1) &&
   [ -s "$TMP/play/lesson.png" ]; then ok
else bad "play --classroom of crypto-2022"; tail -5 "$TMP/play.out"; fi

# The calendar: the failures in their historical order and months, the loans that tied the firms.
python3 - "$SCEN" "$SRC/assets/classroom/crypto-2022.json" >"$TMP/py.out" 2>&1 <<'PY'
import json, sys
sc = json.load(open(sys.argv[1]))
notes = json.load(open(sys.argv[2]))
ev = {e["id"]: e for e in sc["events"]}
want = [("ust-depeg", "2022-05"), ("celsius-pause", "2022-06"), ("threeac-default", "2022-06"),
        ("voyager-files", "2022-07"), ("celsius-files", "2022-07"), ("ftx-files", "2022-11"),
        ("genesis-halts", "2022-11"), ("blockfi-files", "2022-11"), ("genesis-files", "2023-01")]
bad = 0
for i, (eid, month) in enumerate(want):
    if eid not in ev or ev[eid]["date"] != month:
        print("event %s: expected in %s, got %s" % (eid, month, ev.get(eid, {}).get("date")))
        bad += 1
    elif i and ev[want[i - 1][0]]["date"] > ev[eid]["date"]:
        print("event %s comes before %s" % (eid, want[i - 1][0])); bad += 1
links = {(d["payer"], d["payee"], d["kind"]) for d in sc["initial_deals"]}
for l in [("genesis", "threeac", "loan"), ("voyager", "threeac", "loan"), ("celsius", "threeac", "loan"),
          ("genesis", "ftx", "loan"), ("blockfi", "ftx", "loan"), ("voyager", "ftx", "loan"),
          ("gemini", "genesis", "loan"), ("threeac", "terra", "equity")]:
    if l not in links:
        print("no initial deal %s -> %s (%s)" % l); bad += 1
amounts = {d["tag"]: d["amount"] for d in sc["initial_deals"]}
for tag, amount in [("genesis-threeac", 2.36), ("voyager-threeac", 0.65), ("blockfi-alameda", 0.68),
                    ("blockfi-ftx-account", 0.355), ("genesis-ftx-account", 0.175)]:
    if amounts.get(tag) != amount:
        print("%s: expected $%gB, got %s" % (tag, amount, amounts.get(tag))); bad += 1
for l in notes["lessons"]:
    if l["event"] not in ev:
        print("classroom note for unknown event %s" % l["event"]); bad += 1
sys.exit(1 if bad else 0)
PY
if [ $? = 0 ]; then ok; else bad "the calendar of crypto-2022"; cat "$TMP/py.out"; fi

# A game saved and loaded goes on exactly as one played straight through: with free strategies
# (the lenders' loans among themselves make each valuation read the one before it), saved after
# months 3 and 10, every later month, flow and event the same to the bit.
"$BIN" run --scenario "$SCEN" --strategy all=baseline --seed 5 --json "$TMP/straight.json" \
    --quiet >/dev/null 2>&1
for T in 3 10; do
    if "$BIN" run --scenario "$SCEN" --strategy all=baseline --seed 5 --turns $T \
           --save "$TMP/s$T.save" --quiet >/dev/null 2>&1 &&
       "$BIN" run --load "$TMP/s$T.save" --json "$TMP/resumed$T.json" --quiet >/dev/null 2>&1 &&
       python3 - "$TMP/straight.json" "$TMP/resumed$T.json" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
sys.exit(0 if all(a[k] == b[k] for k in ("turns", "flows", "events", "deals")) else 1)
PY
    then ok; else bad "crypto-2022 saved after month $T and loaded differs from the game played straight"; fi
done

cli_end
