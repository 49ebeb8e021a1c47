#!/bin/sh
# test_script_help: every mistake of issue 16 made on purpose in a script of
# tests/data/scripts/mistakes gets a message naming script:line and the fix; an offer is followed
# from its constructor's ref to its answer through view.deal; dump and print of tables; the
# cookbook's scripts check clean. Usage: test_script_help.sh BINARY SOURCE_DIR
. "$2/tests/cli_lib.sh"
cli_begin test_script_help "$@"
SCEN="$SRC/assets/scenarios/closed-loop-2025.json"
M="$SRC/tests/data/scripts/mistakes"
chk() { # chk STATUS PATTERN SCRIPT ROLE [TURNS]
    expect "$1" "$2" -- "$BIN" check "$M/$3" --role "$4" --scenario "$SCEN" --turns "${5:-3}"
}

# Strict reads: a misspelt field of a record, of a deal, of the view; the nearest one named.
chk 1 "field.lua:4: view.self.cahs: no such field; did you mean 'cash'?" field.lua oracle
chk 1 "deal_field.lua:7: view.sentimnet: no such field; did you mean 'sentiment'?" deal_field.lua oracle
# {pass}: a constructor where its intent belongs.
chk 1 "pass_uncalled.lua:3: decide returned a list whose entry 1 is a function, not an intent (did you mean pass()?" pass_uncalled.lua oracle
# A misspelt decide: the script does not load; the line of the misspelt function.
chk 2 "decied.lua:3: the table the script returns has decied but no decide: did you mean decide?" decied.lua oracle
# A second return value: dropped, at the line of its intent.
chk 1 "two_returns.lua:5: return value dropped: decide returned 2 values and only the first counts" two_returns.lua oracle
# A view record stored in memory: the line of the store.
chk 1 "memory_record.lua:4: view.memory.me = a view table: memory keeps plain data" memory_record.lua oracle
# An endless loop: the budget said plainly, and the summary stops at the budget.
chk 1 "endless.lua:5: instruction budget exhausted: a call may spend 5000000 units and this one spent them all" endless.lua oracle 1
chk 1 "a call ran over the 5000000 units allowed and was stopped" endless.lua oracle 1
# A role that does not exist: the roles listed, the nearest one suggested.
expect 2 "no such role in closed-loop-2025; did you mean 'microsoft'?; the roles: openai, microsoft" -- \
    "$BIN" check "$M/field.lua" --role microsft --scenario "$SCEN"
expect 2 "the roles: openai, microsoft" -- "$BIN" check "$M/field.lua" --role zzz --scenario "$SCEN"
# print of a table shows it; dump with a depth; a record dumped whole; the output limit said.
chk 0 'print   {cash = 12.5, list = {1, 2, {...}}, name = "x"}' print_table.lua oracle 2
chk 0 'print   {a = {c = {...}}, b = 1}' print_table.lua oracle 2
chk 0 'print   record ok' print_table.lua oracle 2
chk 0 'output cut at 4096 bytes per call' print_table.lua oracle 2

# Deals by ref: the offer made in turn 3 is followed to its answer through view.deal.
chk 0 "print   made 3.1 now: nil" follow.lua oracle 10
chk 0 "print   ref 3.1 is deal [0-9]*: proposed" follow.lua oracle 10
chk 0 "print   answered [a-z]* in turn [0-9]*" follow.lua oracle 10
chk 0 "Verdict: clean" follow.lua oracle 10

# The cookbook: each worked strategy checks clean in its role.
for x in timed_exit:oracle hedge:microsoft diversify:nvidia rescue:softbank contrarian:amd; do
    expect 0 "Verdict: clean" -- "$BIN" check "$SRC/scripts/cookbook/${x%%:*}.lua" \
        --role "${x##*:}" --scenario "$SCEN" --turns 24
done
cli_end
