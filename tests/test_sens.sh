#!/bin/sh
# closedloop sensitivity as a user runs it: the table, the CSV columns, the PNG, the same bytes
# for 1 and 2 threads, shards merged (closedloop merge and --from) equal one run, Chinese
# headings, and bad input refused with exit 2 and a message naming what was expected.
# Usage: test_sens.sh BINARY SOURCE_DIR
. "$2/tests/cli_lib.sh"
cli_begin test_sens "$@"
SCEN="$SRC/assets/scenarios/closed-loop-2025.json"

S="$BIN sensitivity --scenario $SCEN --quiet"
# Few parameters, seeds and trajectories: fast. The demand ceiling decides the hub's default in
# the 2025 scenario with history seats; a parameter that does nothing there (threat_decay only
# fades outside threats, which no history deal reads) gets 0.
P="--params-only --param market.demand_ceiling=20:200:log --param market.threat_decay=0.05:0.3
   --param market.day_noise=0.003:0.03:log --seeds 3 --trajectories 4"

# --- Morris: the table, the CSV, the chart, the evaluations.
expect 0 "Morris screening of hub_default over 3 parameters: 4 trajectories on a 4-level grid, 3 seeds a point (48 games)" -- \
    $S $P --threads 1 --csv "$TMP/m1.csv" --png "$TMP/m.png" --runs-csv "$TMP/r1.csv"
cp "$TMP/out" "$TMP/table1"
expect 0 "rank  parameter" -- cat "$TMP/table1"
# Ranked by mu*: the parameter that moves the default first, with mu* > 0.
if sed -n 4p "$TMP/table1" | grep -q "^   1  market.demand_ceiling"; then ok; else bad "demand_ceiling not ranked first"; cat "$TMP/table1"; fi
line=$(sed -n 1p "$TMP/m1.csv")
[ "$line" = "rank,param,low,high,scale,mu_star,mu,sigma,mu_star_conf" ] && ok || bad "Morris CSV columns: $line"
[ "$(wc -l <"$TMP/m1.csv")" -eq 4 ] && ok || bad "Morris CSV: one row per parameter"
grep -q "^1,market.demand_ceiling,20,200,log," "$TMP/m1.csv" && ok || bad "Morris CSV row 1"
grep -q ",market.day_noise,0.003,0.03,log," "$TMP/m1.csv" && ok || bad "the log scale in the CSV"
awk -F, 'NR > 1 && $2 == "market.demand_ceiling" { exit !($6 > 0) }' "$TMP/m1.csv" && ok || bad "mu* of demand_ceiling is 0"
awk -F, 'NR > 1 && $2 == "market.threat_decay" { exit !($6 == 0 && $8 == 0) }' "$TMP/m1.csv" && ok || bad "a parameter that does nothing has mu* 0"
# The chart: a PNG file.
if [ -s "$TMP/m.png" ] && head -c 8 "$TMP/m.png" | od -An -c | grep -q "P   N   G"; then ok; else bad "no PNG written"; fi
# The evaluations: a header, the columns, one row per point (4 trajectories x 4 points).
head -1 "$TMP/r1.csv" | grep -q "^# closedloop sensitivity 1 batch=[0-9a-f]* total=16 shard=0/1 method=morris outcome=hub_default seeds=3 " && ok || bad "runs header: $(head -1 "$TMP/r1.csv")"
[ "$(sed -n 2p "$TMP/r1.csv")" = "run,market.demand_ceiling,market.threat_decay,market.day_noise,hub_default" ] && ok || bad "runs columns"
[ "$(wc -l <"$TMP/r1.csv")" -eq 18 ] && ok || bad "runs rows"

# --- The same bytes with 2 threads.
$S $P --threads 2 --csv "$TMP/m2.csv" --runs-csv "$TMP/r2.csv" >"$TMP/table2" 2>&1
same "$TMP/table1" "$TMP/table2" "table, 1 and 2 threads"
same "$TMP/m1.csv" "$TMP/m2.csv" "CSV, 1 and 2 threads"
same "$TMP/r1.csv" "$TMP/r2.csv" "runs, 1 and 2 threads"

# --- Shards: merged by closedloop merge, or read together by --from: the same as one run.
for i in 0 1 2; do
    expect 0 "shard $i/3" -- $S $P --shard $i/3 --runs-csv "$TMP/s$i.csv"
done
"$BIN" merge "$TMP/s1.csv" "$TMP/s2.csv" "$TMP/s0.csv" --out "$TMP/merged.csv" && ok || bad "merge of the shards"
same "$TMP/r1.csv" "$TMP/merged.csv" "merged shards"
"$BIN" sensitivity --from "$TMP/s0.csv,$TMP/s2.csv,$TMP/s1.csv" --csv "$TMP/m3.csv" >"$TMP/table3" 2>&1
same "$TMP/table1" "$TMP/table3" "table from the shards"
same "$TMP/m1.csv" "$TMP/m3.csv" "CSV from the shards"
"$BIN" sensitivity --from "$TMP/merged.csv" --csv "$TMP/m4.csv" >/dev/null 2>&1
same "$TMP/m1.csv" "$TMP/m4.csv" "CSV from the merged file"
expect 2 "point 2 of 16 is in none of the files" -- "$BIN" sensitivity --from "$TMP/s0.csv,$TMP/s1.csv"
expect 2 "point 0 is also in" -- "$BIN" sensitivity --from "$TMP/s0.csv,$TMP/merged.csv"
expect 2 "expected the first line of closedloop sensitivity --runs-csv" -- "$BIN" sensitivity --from "$TMP/m1.csv"
expect 2 "--from reads the settings from the runs files: --seeds cannot change them" -- \
    "$BIN" sensitivity --from "$TMP/merged.csv" --seeds 4
# Another screening's shard is refused.
$S $P --seeds 2 --shard 1/3 --runs-csv "$TMP/other1.csv" >/dev/null 2>&1
expect 2 "come from different screenings" -- "$BIN" sensitivity --from "$TMP/s0.csv,$TMP/other1.csv,$TMP/s2.csv"

# --- Sobol: the columns, and the indices within reason.
expect 0 "Sobol indices of score:nvidia over 2 parameters: 8 base samples, 2 seeds a point (64 games)" -- \
    $S --params-only --param actors.openai.revenue_growth=0.2:1.4 --param market.sentiment_gain=0.1:1.5 \
    --method sobol --samples 8 --seeds 2 --outcome score:nvidia --bootstrap 20 --csv "$TMP/sob.csv" --png "$TMP/sob.png"
[ "$(sed -n 1p "$TMP/sob.csv")" = "rank,param,low,high,scale,S1,S1_conf,ST,ST_conf" ] && ok || bad "Sobol CSV columns"
[ -s "$TMP/sob.png" ] && ok || bad "no Sobol PNG"

# --- The scenario's own ranges are screened when no --param is given.
NRANGES=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["sensitivity"]))' "$SCEN")
expect 0 "over $NRANGES parameters" -- $S --seeds 1 --trajectories 2 --levels 2 --bootstrap 0

# --- Chinese headings.
expect 0 "名次" -- $S $P --lang zh

# --- Bad input: exit 2, the flag and what was expected.
expect 0 "Usage: closedloop sensitivity" -- "$BIN" sensitivity --help
expect 2 "--method expects morris or sobol, got 'fast'" -- $S --method fast
expect 2 "unknown outcome 'collapse'" -- $S --outcome collapse
expect 2 "--outcome score: expected score:ROLE" -- $S --outcome score
expect 2 "no actor 'apple'" -- $S --outcome value:apple
expect 2 "hub_default is about the whole game" -- $S --outcome hub_default:openai
expect 2 "--param: unknown parameter 'market.jump_payed': expected one of target_gw" -- $S --param market.jump_payed=0.1:0.2
expect 2 "--param expects FIELD=LOW:HIGH" -- $S --param market.jump_payee=0.3
expect 2 "LOW (0.8) must be less than HIGH (0.3)" -- $S --param market.jump_payee=0.8:0.3
expect 2 "a log scale needs LOW > 0, got 0" -- $S --param market.day_noise=0:0.1:log
expect 2 "the scale is linear or log, got 'ln'" -- $S --param market.day_noise=0.1:0.2:ln
expect 2 "--param market.jump_alpha: values from 0.5 to 5 leave the accepted range" -- $S --param market.jump_alpha=0.5:5
expect 2 "--levels expects an even number" -- $S --levels 3
expect 2 "--samples is for --method sobol" -- $S --samples 10
expect 2 "--shard writes only its share" -- $S --shard 0/2
expect 2 "--seeds expects a whole number" -- $S --seeds 0
expect 2 "unknown option '--runs'" -- $S --runs 3
expect 2 "give at least one --param" -- $S --params-only
expect 2 "cannot read" -- "$BIN" sensitivity --from "$TMP/none.csv"

cli_end
