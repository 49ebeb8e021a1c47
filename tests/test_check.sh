#!/bin/sh
# `closedloop check` as a strategy author reads it (issue 16 item 3): how the others answered each
# offer and why, the month's cash, why the game ended, the score in its parts and its gain over
# passive in the same seat, counts that agree, and --against said in the header.
# Usage: test_check.sh BINARY SOURCE_DIR
. "$2/tests/cli_lib.sh"
cli_begin test_check "$@"
SCEN="$SRC/assets/scenarios/closed-loop-2025.json"
SCR="$SRC/tests/data/scripts"
BOOKS="$SRC/scripts/strategies"

# The header names who plays the other roles, and what the other commands default to.
expect 0 "The other roles play playbook: each role's own Lua strategy" -- \
    "$BIN" check "$SCR/good.lua" --role nvidia --scenario "$SCEN" --turns 2
expect 0 "run plays history by default" -- \
    "$BIN" check "$SCR/good.lua" --role nvidia --scenario "$SCEN" --turns 2
expect 0 "The other roles play history: the deals as they happened" -- \
    "$BIN" check "$SCR/good.lua" --role nvidia --scenario "$SCEN" --turns 2 --against history
expect 0 "The other roles play baseline" -- \
    "$BIN" check "$SCR/good.lua" --role nvidia --scenario "$SCEN" --turns 2 --against baseline
expect 2 "bogus" -- "$BIN" check "$SCR/good.lua" --role nvidia --scenario "$SCEN" --against bogus
expect 2 "role microsft: no such role in closed-loop-2025; did you mean .microsoft.?; the roles: openai, microsoft, nvidia" -- \
    "$BIN" check "$SCR/good.lua" --role microsft --scenario "$SCEN"
expect 0 "其他角色由 history 扮演" -- \
    "$BIN" check "$SCR/good.lua" --role nvidia --scenario "$SCEN" --turns 2 --against history --lang zh

# The header fits a terminal: every line at most 80 columns (a Chinese character takes two),
# wrapped at a space or beside a Chinese character, with nothing lost (the lines joined again
# say the whole sentence).
for lang in en zh; do
  "$BIN" check "$SCR/good.lua" --role nvidia --scenario "$SCEN" --turns 1 --lang $lang >"$TMP/head.txt" 2>&1
  python3 - "$TMP/head.txt" "$lang" <<'PY' && ok || bad "check: the $lang header is not wrapped at 80 columns"
import sys, unicodedata
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
head = lines[:lines.index(next(l for l in lines if l.startswith("  turn") or l.startswith("  第")))]
cols = lambda t: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in t)
assert all(cols(l) <= 80 for l in head), [(cols(l), l) for l in head]
assert len(head) >= 4, head
joined = " ".join(l.strip() for l in head)
if sys.argv[2] == "en":
    assert "The other roles play playbook: each role's own Lua strategy, which answers what your script does (a role without one plays baseline)." in joined, joined
    assert "--against history|playbook|baseline|passive chooses.)" in joined, joined
else:
    nospace = joined.replace(" ", "")
    assert "其他角色由playbook扮演：各角色自己的Lua策略" in nospace, joined
    assert "（没有playbook的角色用baseline）。" in nospace, joined
PY
done

# An offer and its answer, with the reason the other side gave; each month's cash.
"$BIN" check "$BOOKS/oracle_opportunist.lua" --role oracle --scenario "$SCEN" --turns 12 >"$TMP/o.txt" 2>&1
if grep -q "offer   compute openai .* (deal 8)" "$TMP/o.txt" &&
    grep -q "answer  openai accepted your deal 8: coverage" "$TMP/o.txt"; then ok; else
    bad "check: the offer of deal 8 and openai's answer with its reason"; sed -n 1,30p "$TMP/o.txt"; fi
if [ "$(grep -c '^    cash    deals in ' "$TMP/o.txt")" = 12 ]; then ok; else
    bad "check: one cash line per month played"; fi
expect 0 "Why the game stopped: --turns 12 (12 of the calendar's" -- cat "$TMP/o.txt"

# The score in its parts sums to the score; the gain is the score less passive's.
awk '/^Score of /{s=$4; v=$7; c=$10; x=$13; u=$16; d=s-(v+c+x+u); if (d<0) d=-d; ok=d<0.0003}
     /^passive in the same seat/{for(k=1;k<=NF;k++){if($k=="scores"){p=$(k+1); sub(":","",p)}}
       g=$NF; sub("\\.$","",g); e=s-p-g; if (e<0) e=-e; okg=e<0.0003; seen=1}
     END{exit !(ok && okg && seen)}' "$TMP/o.txt" && ok ||
    { bad "check: score parts or gain do not add up"; grep -A2 "^Score of" "$TMP/o.txt"; }

# Counts that agree: played = decided + retired; the lost turns are the decided calls that failed.
"$BIN" check "$SCR/runtime_error.lua" --role amd --scenario "$SCEN" --turns 6 >"$TMP/r.txt" 2>&1
if grep -q "Turns played: 6. The script decided 3 of them (one call of decide each) and lost 3" "$TMP/r.txt" &&
    grep -q "Turns played by passive after the engine retired the script (3 lost in a row): 3." "$TMP/r.txt"; then ok; else
    bad "check: counts of a retired script"; tail -8 "$TMP/r.txt"; fi
if [ "$(grep -c '^    lost    .*lost its turn' "$TMP/r.txt")" = 3 ]; then ok; else
    bad "check: one 'lost' line per lost turn"; fi
# An endless loop: stopped at its budget, said so, never "at most 5000083 of 5000000".
expect 1 "a call ran over the 5000000 units allowed and was stopped" -- \
    "$BIN" check "$SCR/loop.lua" --role tsmc --scenario "$SCEN" --turns 2
"$BIN" check "$SCR/loop.lua" --role tsmc --scenario "$SCEN" --turns 2 >"$TMP/l.txt" 2>&1
if grep -q "at most 5000" "$TMP/l.txt"; then bad "check: the loop's budget still reads 'at most'"; else ok; fi

# Why a game ended: a short calendar played to its end, and the hub's default said with its month.
expect 0 "Why the game ended: the calendar ran out" -- \
    "$BIN" check "$SCR/good.lua" --role nvidia --scenario "$SCEN" --turns 500 --against passive
# Seed 6 (playbooks): the hub falls within the calendar; the month it did, told where and at the end.
"$BIN" check "$SCR/good.lua" --role nvidia --scenario "$SCEN" --turns 500 --seed 6 >"$TMP/d.txt" 2>&1
month=$(sed -n 's/^The hub (openai) defaulted in \([0-9-]*\); the game went on after it.$/\1/p' "$TMP/d.txt")
if [ -n "$month" ] && grep -A30 "^  turn [0-9]* ($month)" "$TMP/d.txt" | grep -q "^    !       openai defaulted"; then ok; else
    bad "check: the hub's default, its month at the end and in its turn"; grep -n "defaulted" "$TMP/d.txt" | head -3; fi
cli_end
