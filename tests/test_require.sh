#!/bin/sh
# require and scripts/lib, run as a user would:
#  (a) a script that requires a module of its own scripts/lib (the folder beside the one
#      CLOSEDLOOP_SCRIPTS names) checks clean, and one that writes into the module's table, asks
#      for a bad name or a missing module, or loops forever in a module fails with its own
#      script:line;
#  (b) the playbooks with the shared tune() of scripts/lib/playbook.lua play the same games, to
#      the byte, as the same playbooks with tune() written out in each (as they were before the
#      move): the 2025 scenario (run --json, and batch rows), a what-if that sets playbook_params,
#      and crypto-2022 (whose playbooks sit beside the scenario, require the same module and are
#      tuned by the scenario).
# Usage: test_require.sh BINARY SOURCE_DIR
. "$2/tests/cli_lib.sh"
cli_begin test_require "$@"
SCEN="$SRC/assets/scenarios/closed-loop-2025.json"

# expect RC TEXT -- command...: the command exits RC and its output holds TEXT (as fixed text, not
# a pattern as cli_lib's expect takes it).
expect() {
    want=$1 text=$2
    shift 3
    "$@" >"$TMP/out" 2>&1
    rc=$?
    if [ "$rc" -ne "$want" ]; then
        bad "exit $rc, expected $want: $*"
        sed 's/^/  | /' "$TMP/out" | tail -n 8
    elif ! grep -qF -- "$text" "$TMP/out"; then
        bad "'$text' not in the output of: $*"
        sed 's/^/  | /' "$TMP/out" | tail -n 8
    else
        ok
    fi
}

# (a) A scripts folder of our own.
mkdir -p "$TMP/s/strategies" "$TMP/s/lib"
cat >"$TMP/s/lib/helper.lua" <<'EOF'
local M = {limit = 3}
function M.first(list, n)
  local out = {}
  for k = 1, math.min(n, #list) do out[k] = list[k] end
  return out
end
return M
EOF
printf 'local n = 0\nwhile true do n = n + 1 end\n' >"$TMP/s/lib/spin.lua"
cat >"$TMP/s/strategies/uses.lua" <<'EOF'
local helper = require("helper")
local S = {}
function S.decide(view)
  local offers = helper.first(view.offers_to_me, helper.limit)
  return {pass("nothing to do")}
end
return S
EOF
printf 'local S = {}\nfunction S.decide(view)\n  require("helper").limit = 9\nend\nreturn S\n' \
    >"$TMP/s/strategies/writes.lua"
printf 'local S = {}\n\nlocal m = require("../helper")\nreturn S\n' >"$TMP/s/strategies/badname.lua"
printf 'local S = {}\nlocal m = require("absent")\nreturn S\n' >"$TMP/s/strategies/missing.lua"
printf 'local S = {}\nfunction S.decide(view)\n  require("spin")\nend\nreturn S\n' \
    >"$TMP/s/strategies/spins.lua"
export CLOSEDLOOP_SCRIPTS="$TMP/s/strategies"
expect 0 "Verdict: clean" -- "$BIN" check "$TMP/s/strategies/uses.lua" --role oracle \
    --scenario "$SCEN" --against passive --turns 3
expect 1 "writes.lua:3: the module 'helper' is read-only" -- "$BIN" check \
    "$TMP/s/strategies/writes.lua" --role oracle --scenario "$SCEN" --against passive --turns 2
expect 2 "badname.lua:3: require: bad module name '../helper'" -- "$BIN" check \
    "$TMP/s/strategies/badname.lua" --role oracle --scenario "$SCEN" --against passive
expect 2 "missing.lua:2: require: no module 'absent'" -- "$BIN" check \
    "$TMP/s/strategies/missing.lua" --role oracle --scenario "$SCEN" --against passive
expect 1 "spins.lua:3: instruction budget exhausted" -- "$BIN" check \
    "$TMP/s/strategies/spins.lua" --role oracle --scenario "$SCEN" --against passive --turns 2

# (b) The playbooks with tune() written out again, beside the real ones.
unset CLOSEDLOOP_SCRIPTS
inline() { # inline FILE: the playbook with its require of playbook.lua replaced by the code
    awk '
    /^local tune = require\("playbook"\)\.tuner\(P\)$/ {
        print "local tuned = false"
        print "local function tune(view)"
        print "  if tuned then return end"
        print "  tuned = true"
        print "  for k, v in pairs(view.params.playbook) do"
        print "    if type(P[k]) ~= type(v) then"
        print "      error(string.format(\"playbook_params.%s: not a %s parameter of this playbook\", k, type(v)), 2)"
        print "    end"
        print "    P[k] = v"
        print "  end"
        print "end"
        n++
        next
    }
    { print }
    END { if (n != 1) exit 1 }' "$1"
}
for dir in scripts/strategies assets/scenarios/crypto-2022; do
    mkdir -p "$TMP/inline/$dir" "$TMP/shared/$dir"
    for f in "$SRC/$dir"/*.lua; do
        b=$(basename "$f")
        cp "$f" "$TMP/shared/$dir/$b"
        if inline "$f" >"$TMP/inline/$dir/$b"; then ok; else
            bad "$dir/$b does not require playbook.lua once"
        fi
    done
done
cp -r "$SRC/scripts/lib" "$TMP/shared/scripts/lib"
cp "$SRC/assets/scenarios/crypto-2022.json" "$TMP/inline/assets/scenarios/"
cp "$SRC/assets/scenarios/crypto-2022.json" "$TMP/shared/assets/scenarios/"
for v in inline shared; do
    # Played from the same folder, so that the paths in the outputs agree.
    rm -rf "$TMP/w"
    cp -r "$TMP/$v" "$TMP/w"
    (
        cd "$TMP/w" || exit 2
        export CLOSEDLOOP_SCRIPTS="$TMP/w/scripts/strategies"
        "$BIN" run --scenario "$SCEN" --strategy all=playbook --json "$TMP/$v.json" >"$TMP/$v.txt" &&
            "$BIN" batch --scenario "$SCEN" --runs 6 --out "$TMP/$v.csv" --quiet &&
            "$BIN" run --scenario assets/scenarios/crypto-2022.json --strategy all=playbook \
                --json "$TMP/$v.crypto.json" >"$TMP/$v.crypto.txt" &&
            "$BIN" run --scenario "$SRC/assets/scenarios/whatif-nvidia-no-financing.json" \
                --strategy all=playbook --json "$TMP/$v.whatif.json" >"$TMP/$v.whatif.txt"
    ) && ok || bad "the $v playbooks did not play"
done
for f in json txt crypto.json crypto.txt whatif.json whatif.txt; do
    same "$TMP/inline.$f" "$TMP/shared.$f" "the games ($f)"
done
# A batch's first line fingerprints the scripts' texts, which differ; its rows must not.
tail -n +2 "$TMP/inline.csv" >"$TMP/inline.rows"
tail -n +2 "$TMP/shared.csv" >"$TMP/shared.rows"
same "$TMP/inline.rows" "$TMP/shared.rows" "the batch rows"
[ -s "$TMP/shared.rows" ] && ok || bad "the batch wrote no rows"
cli_end
