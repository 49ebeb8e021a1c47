#!/bin/sh
# test_worlds: the debrief places the game among 100 others like it, headless as a user runs it.
# `play --png` with no display writes the debrief with its histogram and says its sentence; the
# same game says the same and draws the same bytes again; the count of worlds where the loop
# broke is the one `batch --seed S --runs 100` with the same seats finds (the documented seeds);
# the sentence comes in Chinese too.
. "$2/tests/cli_lib.sh"
cli_begin test_worlds "$@"
cd "$TMP" || exit 2
S="$SRC/assets/scenarios/closed-loop-2025.json"

# No display: play falls back to the headless run with PNG files, every role its playbook.
mkdir -p a b
expect 0 'In 100 worlds like this one the loop broke in [0-9]*' -- \
  env DISPLAY= "$BIN" play --scenario "$S" --seed 7 --png a
cp "$TMP/out" "$TMP/out_a"
if [ -s a/debrief.png ]; then ok; else bad "play --png wrote no debrief.png"; fi
expect 0 'yours broke in month\|yours held to the end' -- env DISPLAY= "$BIN" play --scenario "$S" --seed 7 --png b
same a/debrief.png b/debrief.png "the debrief of the same game"
n=$(sed -n 's/.*In 100 worlds like this one the loop broke in \([0-9]*\).*/\1/p' "$TMP/out_a" | head -1)

# The same seeds as a batch of 100 runs from the game's seed, the same seats.
"$BIN" batch --scenario "$S" --seed 7 --runs 100 --quiet --out runs.csv >/dev/null 2>&1
col=$(grep -v '^#' runs.csv | head -1 | tr ',' '\n' | grep -n '^collapse_turn$' | cut -d: -f1)
m=$(grep -v '^#' runs.csv | tail -n +2 | cut -d, -f"$col" | grep -c '[1-9]')
if [ -n "$n" ] && [ "$n" = "$m" ]; then ok; else bad "the debrief says $n broke, the batch $m"; fi

# run --png with the same seats: the same worlds.
mkdir -p c
expect 0 "broke in $n " -- env DISPLAY= "$BIN" run --scenario "$S" --seed 7 --strategy all=playbook --png c

# In Chinese.
mkdir -p z
expect 0 '个与此类似的世界里' -- env DISPLAY= CLOSEDLOOP_LANG=zh "$BIN" run --scenario "$S" --seed 7 --strategy all=playbook --png z
cli_end
