#!/bin/sh
# A scenario carries its world: a newcomer's scenario of another industry (telecom vendor
# financing, 2000-2002; tests/data/telecom/) plays headless in English and in Chinese, and nothing
# it shows (the story, the final table, the debrief, the PNGs' texts, --json, batch CSV,
# tournament board, sensitivity, the help) says a word of 2025's loop; its own words (Tbps,
# network gear) and names (朗讯科技) show instead, its playbooks come from its own folder and its
# classroom notes from its own file. A scenario whose words name a key the engine lacks is
# refused with the JSON path.
# Usage: test_words.sh BINARY SOURCE_DIR
. "$2/tests/cli_lib.sh"
cli_begin test_words "$@"
SCEN="$SRC/tests/data/telecom/telecom-2000.json"

# Words of 2025's loop that no output of another loop may show, in a person's text.
WORDS='GW|[Cc]hips?\b|[Cc]ompute|OpenAI|Nvidia|NVIDIA|Stargate|SoftBank|Oracle|Microsoft|Broadcom|TSMC|AMD|2025|data.cent|算力|芯片|英伟达|软银|甲骨文|微软|博通|台积电|星际之门|数据中心|人工智能|AI'
# In files for programs, deal kinds and field names are the format's identifiers
# (chip_purchase, compute_gw): only names and years there.
NAMES='OpenAI|Nvidia|Stargate|SoftBank|Oracle|Microsoft|Broadcom|TSMC|(^|[^0-9.])2025([^0-9]|$)|算力|芯片'

# clean FILE WHAT [PATTERN]: FILE holds none of the words.
clean() {
    pat=${3:-$WORDS}
    if grep -nE "$pat" "$1" >"$TMP/hits"; then
        bad "$2 shows a word of 2025's loop:"; head -5 "$TMP/hits" | sed 's/^/  | /'
    else ok; fi
}
# has FILE WHAT PATTERN: FILE shows PATTERN.
has() {
    if grep -qE "$3" "$1"; then ok; else bad "$2 lacks '$3'"; head -5 "$1" | sed 's/^/  | /'; fi
}
# run0 OUT -- command...: exits 0, stdout+stderr in OUT.
run0() {
    out=$1; shift 2
    "$@" >"$out" 2>&1
    st=$?
    if [ $st -ne 0 ]; then bad "$* exited $st"; tail -5 "$out" | sed 's/^/  | /'; else ok; fi
}

for L in en zh; do
    # The story with history seats, then free strategies with the scenario's own playbooks.
    mkdir -p "$TMP/png-$L"
    run0 "$TMP/hist-$L" -- "$BIN" run --scenario "$SCEN" --lang $L --json "$TMP/hist-$L.json" \
        --png "$TMP/png-$L"
    clean "$TMP/hist-$L" "run --lang $L"
    clean "$TMP/hist-$L.json" "run --json --lang $L" "$NAMES"
    run0 "$TMP/free-$L" -- "$BIN" run --scenario "$SCEN" --lang $L --seed 3 \
        --strategy all=baseline --strategy lucent=playbook --strategy winstar=playbook
    clean "$TMP/free-$L" "run with playbooks --lang $L"
    for f in map charts debrief; do
        [ -s "$TMP/png-$L/$f.png" ] && ok || bad "run --png --lang $L wrote no $f.png"
    done
    # Batch, tournament and sensitivity: their messages and files.
    run0 "$TMP/batch-$L" -- "$BIN" batch --scenario "$SCEN" --lang $L --runs 3 \
        --strategy all=baseline --strategy lucent=playbook --out "$TMP/batch-$L.csv"
    clean "$TMP/batch-$L" "batch --lang $L"
    clean "$TMP/batch-$L.csv" "batch CSV --lang $L" "$NAMES"
    run0 "$TMP/sens-$L" -- "$BIN" sensitivity --scenario "$SCEN" --lang $L --seeds 1 \
        --param market.jump_payee=0.4:1.2 --param actors.lucent.revenue_growth=0.05:0.2 \
        --csv "$TMP/sens-$L.csv"
    clean "$TMP/sens-$L" "sensitivity --lang $L"
    clean "$TMP/sens-$L.csv" "sensitivity CSV --lang $L" "$NAMES"
    run0 "$TMP/tour-$L" -- "$BIN" tournament --scenario "$SCEN" --lang $L --role lucent \
        "$SRC/tests/data/telecom/strategies/lucent_lend.lua" \
        "$SRC/tests/data/telecom/strategies/cautious.lua" --runs 2 --out "$TMP/tour-$L.csv"
    clean "$TMP/tour-$L" "tournament --lang $L"
    clean "$TMP/tour-$L.csv" "tournament board --lang $L" "$NAMES"
    "$BIN" --help --lang $L >"$TMP/help-$L" 2>&1
    clean "$TMP/help-$L" "--help --lang $L" 'OpenAI|Nvidia|nvidia|openai|Stargate|AI|算力|芯片'
done
# Its own words and names show, in each language.
has "$TMP/hist-en" "the English story" 'Tbps'
has "$TMP/hist-en" "the English story" 'network gear purchase'
has "$TMP/hist-zh" "the Chinese story" '朗讯科技'
has "$TMP/hist-zh" "the Chinese story" '网络设备采购'
has "$TMP/hist-zh" "the Chinese story" '流量每一百天翻一番'
clean "$TMP/hist-zh" "the Chinese story (English names left)" 'Lucent|Winstar|Nortel|Traffic doubles'
has "$TMP/free-zh" "the Chinese story of the playbooks" '我们的贷款买的是我们自己的设备'

# The playbooks are the scenario's own (strategies/ beside it), whatever the working folder.
(cd "$TMP" && "$BIN" run --scenario "$SCEN" --strategy lucent=playbook --quiet >"$TMP/cwd" 2>&1) &&
    ok || { bad "a playbook beside the scenario is not found from another folder"; tail -3 "$TMP/cwd"; }

# A scenario's word for a key the engine lacks is refused, with the path, exit 2.
sed 's/"subtitle": "the telecom/"subtitel": "the telecom/' "$SCEN" >"$TMP/typo.json"
"$BIN" run --scenario "$TMP/typo.json" --quiet >"$TMP/typo" 2>&1
st=$?
[ $st -eq 2 ] && ok || bad "a word for no engine key exited $st, expected 2"
has "$TMP/typo" "the refusal" 'typo.json: \$\.lang\.en\.strings\.start\.subtitel: '
# The 2025 scenario keeps its own words.
"$BIN" run --quiet >"$TMP/y2025" 2>&1
has "$TMP/y2025" "the 2025 story" ' GW '

cli_end
