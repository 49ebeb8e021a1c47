#!/bin/sh
# Keeps the strategy author's documents in step with the API:
#  (a) the example of docs/strategy-api.md, scripts/examples/cautious_vendor.lua, plays 24 turns
#      as Oracle with "Verdict: clean" (exit 0);
#  (b) scripts/closedloop.d.lua declares exactly the global functions the sandbox defines (asked
#      of the sandbox itself by a script that prints their names in its init);
#  (c) scripts/closedloop.d.lua is valid Lua for the engine's own compiler;
#  (d) the example of the section "Reasons in English and Chinese" (its first lua block) checks
#      clean as Google, and a game with it shows its reason in English with --lang en and in
#      Chinese with --lang zh, and the two games' records (--json) are the same.
# Usage: test_api_docs.sh BINARY SOURCE_DIR
. "$2/tests/cli_lib.sh"
cli_begin test_api_docs "$@"
SCEN="$SRC/assets/scenarios/closed-loop-2025.json"
DECL="$SRC/scripts/closedloop.d.lua"
show() { sed 's/^/  | /' "$1" | tail -n "${2:-12}"; }

# The playbooks the check plays against are found from the source tree.
cd "$SRC" || exit 2

# (a) The example checks clean.
"$BIN" check scripts/examples/cautious_vendor.lua --role oracle --scenario "$SCEN" \
    >"$TMP/example.out" 2>&1
rc=$?
if [ "$rc" -ne 0 ]; then
    bad "closedloop check scripts/examples/cautious_vendor.lua --role oracle exited $rc, expected 0"
    show "$TMP/example.out"
elif ! grep -q '^Verdict: clean\.$' "$TMP/example.out"; then
    bad "the example's check does not say 'Verdict: clean.'"
    show "$TMP/example.out"
else ok; fi

# (b) Global functions: what the sandbox defines against what closedloop.d.lua declares.
cat >"$TMP/globals.lua" <<'EOF'
-- Prints every global function's name (pairs walks keys in a fixed, sorted order), then a count.
local S = {}
function S.init(view)
  local n = 0
  for name, value in pairs(_G) do
    if type(value) == "function" then
      print("global " .. name)
      n = n + 1
    end
  end
  print("globals " .. n)
end
function S.decide(view) return {} end
return S
EOF
"$BIN" check "$TMP/globals.lua" --role oracle --scenario "$SCEN" --turns 1 >"$TMP/globals.out" 2>&1
rc=$?
sed -n 's/^ *print  *global \([A-Za-z_][A-Za-z0-9_]*\)$/\1/p' "$TMP/globals.out" |
    LC_ALL=C sort -u >"$TMP/sandbox.txt"
count=$(sed -n 's/^ *print  *globals \([0-9][0-9]*\)$/\1/p' "$TMP/globals.out")
got=$(wc -l <"$TMP/sandbox.txt" | tr -d ' ')
if [ "$rc" -ne 0 ] || [ -z "$count" ]; then
    bad "the script listing the sandbox's globals did not run cleanly (exit $rc)"
    show "$TMP/globals.out"
elif [ "$count" != "$got" ]; then
    bad "the sandbox has $count global functions but the check output shows $got of them"
    show "$TMP/globals.out"
elif ! grep -qx propose "$TMP/sandbox.txt"; then
    bad "the sandbox's globals lack propose: the listing is not what this test expects"
    show "$TMP/globals.out"
else
    ok
    sed -n 's/^function \([A-Za-z_][A-Za-z0-9_]*\)(.*$/\1/p' "$DECL" | LC_ALL=C sort -u \
        >"$TMP/declared.txt"
    LC_ALL=C comm -23 "$TMP/sandbox.txt" "$TMP/declared.txt" >"$TMP/undeclared.txt"
    LC_ALL=C comm -13 "$TMP/sandbox.txt" "$TMP/declared.txt" >"$TMP/phantom.txt"
    if [ -s "$TMP/undeclared.txt" ]; then
        bad "defined by the sandbox but not declared in scripts/closedloop.d.lua:" \
            "$(tr '\n' ' ' <"$TMP/undeclared.txt")"
    else ok; fi
    if [ -s "$TMP/phantom.txt" ]; then
        bad "declared in scripts/closedloop.d.lua but not defined by the sandbox:" \
            "$(tr '\n' ' ' <"$TMP/phantom.txt")"
    else ok; fi
fi

# (c) The annotations compile: run as a script, they define their stubs and return nothing, which
# the loader reports only after compiling and running the whole file.
"$BIN" check "$DECL" --role oracle --scenario "$SCEN" --turns 1 >"$TMP/decl.out" 2>&1
if ! grep -q "the script must return a table with a decide function (it returned nil)" \
    "$TMP/decl.out"; then
    bad "scripts/closedloop.d.lua does not compile and run as Lua 5.4"
    show "$TMP/decl.out"
else ok; fi

# (d) The reasons example: extracted from the document, checked, played in both languages.
DOC="$SRC/docs/strategy-api.md"
awk '/^### Reasons in English and Chinese$/ { sec = 1; next }
     sec && /^```lua$/ { code = 1; next }
     code && /^```$/ { exit }
     code { print }' "$DOC" >"$TMP/google_tpus.lua"
if ! grep -q 'zh = "TPU按月出租"' "$TMP/google_tpus.lua"; then
    bad "no lua example with zh = \"TPU按月出租\" under '### Reasons in English and Chinese' in $DOC"
else
    ok
    "$BIN" check "$TMP/google_tpus.lua" --role google --scenario "$SCEN" >"$TMP/reasons.out" 2>&1
    rc=$?
    if [ "$rc" -ne 0 ] || ! grep -q '^Verdict: clean\.$' "$TMP/reasons.out"; then
        bad "the reasons example's check exited $rc or is not 'Verdict: clean.'"
        show "$TMP/reasons.out"
    else ok; fi
    for lang in en zh; do
        "$BIN" run --lang "$lang" --scenario "$SCEN" --strategy all=playbook \
            --strategy "google=$TMP/google_tpus.lua" --turns 24 --json "$TMP/reasons.$lang.json" \
            >"$TMP/reasons.$lang" 2>&1
        rc=$?
        if [ "$rc" -eq 0 ]; then ok; else
            bad "the reasons example's run --lang $lang exited $rc"
            show "$TMP/reasons.$lang"
        fi
    done
    if ! grep -q 'TPUs for rent, by the month' "$TMP/reasons.en" ||
        grep -q 'TPU按月出租' "$TMP/reasons.en"; then
        bad "run --lang en does not show the English reason (and only it)"
        grep -n 'TPU' "$TMP/reasons.en" | sed 's/^/  | /'
    else ok; fi
    if ! grep -q 'TPU按月出租' "$TMP/reasons.zh" ||
        grep -q 'TPUs for rent, by the month' "$TMP/reasons.zh"; then
        bad "run --lang zh does not show the Chinese reason (and only it)"
        grep -n 'TPU' "$TMP/reasons.zh" | sed 's/^/  | /'
    else ok; fi
    if LC_ALL=C grep -q "$(printf '\037')" "$TMP/reasons.en" "$TMP/reasons.zh"; then
        bad "a story shows the separator byte 0x1F of a reason in two languages"
    else ok; fi
    # The same game: its whole record as data (--json) is the same in both languages, and holds
    # the reason with both parts.
    if ! cmp -s "$TMP/reasons.en.json" "$TMP/reasons.zh.json"; then
        bad "the game's record (--json) differs between --lang en and --lang zh"
    elif ! grep -q 'TPUs for rent, by the month\\u001fTPU按月出租' "$TMP/reasons.en.json"; then
        bad "the game's record (--json) does not keep the reason's two parts"
    else ok; fi
fi

[ "$fail" -eq 0 ] && echo "test_api_docs: the examples check clean; closedloop.d.lua declares the $got global functions the sandbox defines; the reasons example speaks English and Chinese"
cli_end
