#!/bin/sh
# test_seats: a scenario of another industry whose roles have no playbook (tests/data/fibre-loop.json,
# eight actors, two borrowers) plays in every command, its roles on baseline with one note naming
# them; a playbook asked for by a role's name is refused; the scripts folder is found from
# anywhere; impossible starts are refused at load with the JSON path and exit 2.
# Usage: test_seats.sh BINARY SOURCE_DIR
. "$2/tests/cli_lib.sh"
cli_begin test_seats "$@"
unset DISPLAY WAYLAND_DISPLAY # play draws PNG files headless
FIB="$SRC/tests/data/fibre-loop.json"
C25="$SRC/assets/scenarios/closed-loop-2025.json"

# expect STATUS PATTERN -- command...: as cli_lib's, with stderr kept apart in $TMP/err (the notes
# are counted there).
expect() {
    want=$1; pattern=$2; shift 3
    "$@" >"$TMP/out" 2>"$TMP/err"
    got=$?
    cat "$TMP/out" "$TMP/err" >"$TMP/all"
    if [ "$got" != "$want" ]; then bad "$* exited $got, expected $want"; sed 's/^/  | /' "$TMP/all" | head -5; return; fi
    if ! grep -q -- "$pattern" "$TMP/all"; then bad "$*: output lacks '$pattern'"; sed 's/^/  | /' "$TMP/all" | head -5; return; fi
    ok
}
# The note of the last command: exactly one line on stderr, naming these roles.
note_is() {
    n=$(grep -c "note: the scenario names no playbook for" "$TMP/err")
    if [ "$n" != 1 ]; then bad "$1: $n notes on stderr, expected 1"; sed 's/^/  | /' "$TMP/err" | head -5; return; fi
    if ! grep -q "note: the scenario names no playbook for $2: " "$TMP/err"; then bad "$1: the note does not name '$2'"; grep note "$TMP/err"; return; fi
    ok
}
no_note() {
    if grep -q "names no playbook" "$TMP/err"; then bad "$1: a note where every role was seated"; grep note "$TMP/err"; return; fi
    ok
}
ALL8="netlayer, fibreworks, switchgear, metrolink, routerhaus, towerline, firstharbor and glasscable"

# --- Every command plays it ----------------------------------------------------------------
expect 0 "Strategies: netlayer=baseline, fibreworks=baseline" -- "$BIN" --scenario "$FIB" --strategy all=playbook --turns 6
note_is "run all=playbook" "$ALL8"
expect 0 "Strategies: netlayer=history" -- "$BIN" --scenario "$FIB" --turns 6
no_note "run (history by default)"
expect 0 "fibreworks=passive, switchgear=baseline" -- "$BIN" --scenario "$FIB" --strategy all=playbook --strategy fibreworks=passive --turns 2
note_is "run all=playbook fibreworks=passive" "netlayer, switchgear, metrolink, routerhaus, towerline, firstharbor and glasscable"
expect 0 "提示：情景没有为" -- "$BIN" --lang zh --scenario "$FIB" --strategy all=playbook --turns 2
# play with no display: headless, every role on its playbook by default, so baseline here.
mkdir -p "$TMP/play" "$TMP/class"
(cd "$TMP/play" && SDL_VIDEODRIVER=dummy "$BIN" play --no-start --scenario "$FIB" --quit-after-turns 4 >"$TMP/out" 2>"$TMP/err")
if [ $? = 0 ] && grep -q "playing headless" "$TMP/err" && [ -s "$TMP/play/map.png" ]; then ok; else bad "play --no-start headless"; head -5 "$TMP/err"; fi
note_is "play --no-start" "$ALL8"
(cd "$TMP/play" && SDL_VIDEODRIVER=dummy "$BIN" play --scenario "$FIB" --quit-after-turns 2 >"$TMP/out" 2>"$TMP/err")
if [ $? = 0 ]; then ok; else bad "play (its default) headless"; head -5 "$TMP/err"; fi
note_is "play" "$ALL8"
(cd "$TMP/class" && SDL_VIDEODRIVER=dummy "$BIN" play --classroom --no-start --scenario "$FIB" --strategy metrolink=history --quit-after-turns 3 >"$TMP/out" 2>"$TMP/err")
if [ $? = 0 ] && [ -s "$TMP/class/lesson.png" ]; then ok; else bad "play --classroom headless"; head -5 "$TMP/err"; fi
note_is "play --classroom" "netlayer, fibreworks, switchgear, routerhaus, towerline, firstharbor and glasscable"
expect 0 "" -- "$BIN" batch --scenario "$FIB" --runs 3 --out "$TMP/b.csv"
note_is "batch" "$ALL8"
if [ "$(grep -c "^[0-9]" "$TMP/b.csv")" = 3 ]; then ok; else bad "batch: expected 3 rows"; fi
expect 0 "" -- "$BIN" batch --scenario "$FIB" --runs 2 --strategy all=history --out "$TMP/h.csv"
no_note "batch all=history"
expect 0 "Tournament for fibreworks" -- "$BIN" tournament --scenario "$FIB" --role fibreworks --runs 2 baseline passive
note_is "tournament" "netlayer, switchgear, metrolink, routerhaus, towerline, firstharbor and glasscable"
expect 0 "Tournament for fibreworks" -- "$BIN" tournament --scenario "$FIB" --role fibreworks --runs 2 --strategy all=history baseline passive
no_note "tournament all=history"
expect 0 "Tournament for openai" -- "$BIN" tournament --scenario "$C25" --role openai --runs 1 --strategy all=history baseline passive
expect 2 "the entrants play fibreworks" -- "$BIN" tournament --scenario "$FIB" --role fibreworks --runs 1 --strategy fibreworks=history baseline
expect 0 "Morris screening" -- "$BIN" sensitivity --scenario "$FIB" --param market.sentiment_gain=0.2:1 --seeds 2 --trajectories 2 --strategy all=playbook --quiet
note_is "sensitivity all=playbook" "$ALL8"
expect 0 "" -- "$BIN" check "$SRC/tests/data/scripts/good.lua" --role fibreworks --scenario "$FIB" --turns 3
note_is "check (against playbook)" "$ALL8"
# The 2025 scenario names a playbook for every role: no note.
expect 0 "" -- "$BIN" batch --scenario "$C25" --runs 1 --out "$TMP/c.csv"
no_note "batch of the 2025 scenario"

# --- A playbook asked for by the role's name, that it has not, is refused --------------------
expect 2 "strategy fibreworks=playbook: the scenario names no playbook for fibreworks: choose baseline, history, passive or a .lua file" -- "$BIN" --scenario "$FIB" --strategy fibreworks=playbook
expect 2 "strategy fibreworks=playbook: the scenario names no playbook for fibreworks: choose baseline" -- "$BIN" batch --scenario "$FIB" --strategy fibreworks=playbook
expect 2 "the scenario names no playbook for fibreworks" -- "$BIN" tournament --scenario "$FIB" --role fibreworks --runs 1 playbook baseline

# --- The scripts folder --------------------------------------------------------------------------
# From any working folder, the playbooks are found beside the binary.
(cd "$TMP" && "$BIN" --scenario "$C25" --strategy all=playbook --turns 2 >"$TMP/out" 2>"$TMP/err")
if [ $? = 0 ] && grep -q "nvidia=.*nvidia_bind.lua" "$TMP/out"; then ok; else bad "playbooks from another working folder"; head -5 "$TMP/err"; fi
mkdir -p "$TMP/empty"
expect 2 "openai=playbook: $TMP/empty/openai_orchestrate.lua: cannot open" -- env CLOSEDLOOP_SCRIPTS="$TMP/empty" "$BIN" --scenario "$C25" --strategy all=playbook --turns 1
cp "$SRC/tests/data/scripts/good.lua" "$TMP/empty/nvidia_bind.lua"
expect 0 "nvidia=$TMP/empty/nvidia_bind.lua" -- env CLOSEDLOOP_SCRIPTS="$TMP/empty" "$BIN" --scenario "$C25" --strategy nvidia=playbook --turns 1
# A playbook beside the scenario file is its own.
mkdir -p "$TMP/own"
sed 's/"name": "Fibreworks Optical Systems",/"name": "Fibreworks Optical Systems", "playbook": "lender.lua",/' "$FIB" >"$TMP/own/loop.json"
cp "$SRC/tests/data/scripts/good.lua" "$TMP/own/lender.lua"
expect 0 "fibreworks=$TMP/own/lender.lua, switchgear=baseline" -- "$BIN" --scenario "$TMP/own/loop.json" --strategy all=playbook --turns 2
note_is "a playbook beside the scenario" "netlayer, switchgear, metrolink, routerhaus, towerline, firstharbor and glasscable"
expect 0 "" -- "$BIN" batch --scenario "$TMP/own/loop.json" --runs 1 --strategy fibreworks=playbook --out "$TMP/o.csv"

# --- Impossible starts, refused at load -------------------------------------------------------
bad_start() { # SED-EXPRESSION PATTERN
    sed "$1" "$FIB" >"$TMP/bad.json"
    for cmd in "" batch; do
        if [ -z "$cmd" ]; then expect 2 "$2" -- "$BIN" --scenario "$TMP/bad.json" --turns 1
        else expect 2 "$2" -- "$BIN" batch --scenario "$TMP/bad.json" --runs 1; fi
    done
}
bad_start 's/"debt": 2.5,/"debt": 60,/' 'bad.json: \$.actors\[3\].debt: expected at most \$[0-9.]*B, the debt lenders carry for "metrolink" at its opening value (down to a distance to default of market.lender_dd = 1), got \$60B'
bad_start 's/"cash": 3,/"cash": -3,/' 'bad.json: \$.actors\[3\].cash: expected a finite number >= 0, got -3'
bad_start 's/"shares": 0.4,/"shares": 0,/' 'bad.json: \$.actors\[3\].shares: expected a finite number > 0, got 0'
bad_start 's/"payer": "switchgear",/"payer": "nortel",/' 'bad.json: \$.initial_deals\[1\].payer: expected an actor id ("netlayer", "fibreworks",.* got "nortel"'
bad_start 's/"payer": "switchgear",/"payer": "metrolink",/' 'bad.json: \$.initial_deals\[1\].payee: expected an actor other than the payer, got "metrolink" again'
sed 's/"debt": 2.5,/"debt": 60,/' "$FIB" >"$TMP/bad.json"
expect 2 "\$.actors\[3\].debt：应不超过.*\"metrolink\"" -- "$BIN" --lang zh --scenario "$TMP/bad.json" --turns 1

cli_end
