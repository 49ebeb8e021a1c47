#!/bin/sh
# Runs the closedloop binary as a user would: flags, files, exit codes, output, determinism.
# Usage: test_cli.sh BINARY SOURCE_DIR
. "$2/tests/cli_lib.sh"
cli_begin test_cli "$@"
SCEN="$SRC/assets/scenarios/closed-loop-2025.json"

expect 0 "Usage:" -- "$BIN" --help
expect 0 "Usage:" -- "$BIN" help
expect 0 "^closedloop [0-9]" -- "$BIN" --version
expect 2 "unknown option '--bogus'" -- "$BIN" --bogus
# The options of run and play, listed in the help from the option table the parser reads: each
# with its argument, its text from column 24; an option of play is not one of run, nor the reverse.
expect 0 "^  --autosave DIR        save after every turn" -- "$BIN" --help
expect 0 "^  --classroom           story mode" -- "$BIN" --help
expect 0 "^  --classroom           故事模式" -- "$BIN" --help --lang zh
expect 2 "unknown option '--classroom'" -- "$BIN" run --classroom
expect 2 "unknown option '--autosave'" -- "$BIN" play --autosave "$TMP/a"
expect 2 "unknown option '--role'" -- "$BIN" run --role nvidia
expect 2 "unknown option '--quiet=1'" -- "$BIN" --quiet=1
expect 0 "^closedloop [0-9]" -- "$BIN" --version --bogus
expect 2 "expects normal, large, projector or a number from 0.5 to 4, got '9'" -- "$BIN" play --scale=9
expect 2 "--size expects WIDTHxHEIGHT" -- "$BIN" play --size 300x200
expect 2 "--lab: expected ROLE=FILE.lua, got 'oracle'" -- "$BIN" play --lab oracle
expect 2 "--lab-out needs --lab" -- "$BIN" play --lab-out "$TMP/lab.json"
expect 2 "unknown option '--lab'" -- "$BIN" run --lab oracle=x.lua
expect 2 "unknown command 'fly'" -- "$BIN" fly
expect 2 "unexpected argument 'extra'" -- "$BIN" run extra
expect 2 "seed expects a whole number" -- "$BIN" --seed abc
expect 2 "seed expects a whole number" -- "$BIN" --seed -3
expect 2 "seed expects a whole number" -- "$BIN" --seed 18446744073709551616
expect 2 "turns expects a whole number from 1" -- "$BIN" --turns 0
expect 2 "turns expects a whole number from 1" -- "$BIN" --turns 1.5
expect 2 "needs a value" -- "$BIN" --scenario
expect 2 "expects ROLE=NAME" -- "$BIN" --strategy nvidia
expect 2 "unknown strategy 'foo'" -- "$BIN" --scenario "$SCEN" --strategy nvidia=foo
expect 2 "no role 'nobody'" -- "$BIN" --scenario "$SCEN" --strategy nobody=history
expect 2 "nope.json" -- "$BIN" --scenario "$TMP/nope.json"
expect 2 "truncated.json:[0-9]*:[0-9]*:" -- "$BIN" --scenario "$SRC/tests/data/bad/truncated.json"
expect 2 "negative_cash.json: \$.actors" -- "$BIN" --scenario "$SRC/tests/data/bad/negative_cash.json"
expect 1 "no-such-dir" -- "$BIN" --scenario "$SCEN" --quiet --json "$TMP/no-such-dir/h.json"

# The story as a user reads it.
expect 0 "Stargate" -- "$BIN" --scenario "$SCEN"
expect 0 "Oracle signs a \$300B compute contract" -- "$BIN" --scenario "$SCEN"
expect 0 "The end:" -- "$BIN" --scenario "$SCEN" --quiet
expect 0 "Strategies: openai=baseline" -- "$BIN" --scenario "$SCEN" --strategy all=baseline --turns 6

# The default scenario is found from the source tree and from the working folder.
for dir in "$SRC" "$TMP"; do
    if (cd "$dir" && "$BIN" --quiet 2>&1) | grep -q "The end:"; then ok; else bad "no default scenario found from $dir"; fi
done

# Determinism: same seed, same bytes; another seed, other bytes.
"$BIN" --scenario "$SCEN" --quiet --seed 11 --json "$TMP/a.json" >/dev/null
"$BIN" --scenario "$SCEN" --quiet --seed 11 --json "$TMP/b.json" >/dev/null
"$BIN" --scenario "$SCEN" --quiet --seed 12 --json "$TMP/c.json" >/dev/null
if cmp -s "$TMP/a.json" "$TMP/b.json"; then ok; else bad "same seed gave different --json"; fi
if cmp -s "$TMP/a.json" "$TMP/c.json"; then bad "seeds 11 and 12 gave the same --json"; else ok; fi
"$BIN" --scenario "$SCEN" --quiet --strategy all=baseline --seed 5 --json "$TMP/d.json" >/dev/null
"$BIN" --scenario "$SCEN" --quiet --strategy all=baseline --seed 5 --json "$TMP/e.json" >/dev/null
if cmp -s "$TMP/d.json" "$TMP/e.json"; then ok; else bad "baseline: same seed gave different --json"; fi

# --turns stops early and says so; --json - goes to standard output and is valid JSON.
"$BIN" --scenario "$SCEN" --quiet --turns 12 --json - 2>/dev/null | sed -n '/^{/,$p' >"$TMP/t.json"
if python3 - "$TMP/t.json" <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))
assert h["turns_played"] == 12, h["turns_played"]
assert h["end"] == "turn_limit", h["end"]
assert len(h["turns"]) == 13
assert h["turns"][0]["month"] == "2024-10" and h["turns"][12]["month"] == "2025-10"
PY
then ok; else bad "--turns 12 --json -: wrong history"; fi

# No arguments and no display: the game is played headless, and the map, the charts and the
# debrief are drawn as PNG files in the working folder, which the output names.
mkdir "$TMP/bare"
(cd "$TMP/bare" && env -u DISPLAY -u WAYLAND_DISPLAY "$BIN" >"$TMP/bare.out" 2>&1)
got=$?
bare=$(cd "$TMP/bare" && pwd -P)
if [ "$got" = 0 ] && grep -q "cannot open a window" "$TMP/bare.out" && grep -q "The end:" "$TMP/bare.out" &&
   grep -q "Drew map.png, charts.png and debrief.png in $bare\." "$TMP/bare.out"; then ok
else bad "closedloop with no arguments and no display exited $got"; sed 's/^/  | /' "$TMP/bare.out" | tail -5; fi
for f in map charts debrief lesson; do
    if [ "$(head -c 8 "$TMP/bare/$f.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; then ok
    else bad "closedloop with no arguments wrote no $f.png"; fi
done

# The lab with no display: its script played once in its role, --lab-out the run's history (the
# same bytes as run --json with the same seats).
LAB="$SRC/scripts/cookbook/timed_exit.lua"
env -u DISPLAY -u WAYLAND_DISPLAY "$BIN" play --seed 3 --lab "oracle=$LAB" --lab-out "$TMP/lab.json" \
  --png "$TMP/labpng" >/dev/null 2>&1
"$BIN" run --quiet --seed 3 --strategy all=playbook --strategy "oracle=$LAB" --json "$TMP/lab_run.json" >/dev/null
if cmp -s "$TMP/lab.json" "$TMP/lab_run.json"; then ok; else bad "play --lab headless: --lab-out is not run --json"; fi

# Pictures of the last month, drawn with no display.
mkdir "$TMP/png"
expect 0 "Drew .*map.png" -- "$BIN" --scenario "$SCEN" --quiet --turns 12 --png "$TMP/png"
if [ -s "$TMP/png/map.png" ] && [ -s "$TMP/png/charts.png" ] && [ -s "$TMP/png/debrief.png" ] &&
   [ -s "$TMP/png/lesson.png" ] &&
   [ "$(head -c 8 "$TMP/png/map.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; then ok
else bad "--png did not write four PNG files"; fi
expect 1 "no-such-dir/map.png" -- "$BIN" --scenario "$SCEN" --quiet --turns 2 --png "$TMP/no-such-dir"
expect 2 "png expects a folder" -- "$BIN" --png=

# Lua strategies in any role, and the check command.
SCR="$SRC/tests/data/scripts"
expect 0 "Strategies: openai=.*openai_orchestrate.lua" -- "$BIN" --scenario "$SCEN" --strategy all=playbook --turns 3
expect 0 "The end:" -- "$BIN" --scenario "$SCEN" --strategy nvidia="$SCR/good.lua" --quiet
expect 2 "syntax_error.lua:3:" -- "$BIN" --scenario "$SCEN" --strategy nvidia="$SCR/syntax_error.lua"
expect 2 "nope.lua" -- "$BIN" --scenario "$SCEN" --strategy nvidia="$TMP/nope.lua"
expect 0 "Verdict: clean" -- "$BIN" check "$SCR/good.lua" --role nvidia --scenario "$SCEN" --turns 12
expect 0 "Budget: at most" -- "$BIN" check "$SRC/scripts/strategies/nvidia_bind.lua" --role nvidia --scenario "$SCEN"
expect 1 "runtime_error.lua:4:" -- "$BIN" check "$SCR/runtime_error.lua" --role amd --scenario "$SCEN" --turns 4
expect 1 "retired" -- "$BIN" check "$SCR/runtime_error.lua" --role amd --scenario "$SCEN" --turns 6
expect 1 "nvdia" -- "$BIN" check "$SCR/bad_intents.lua" --role oracle --scenario "$SCEN" --turns 2
expect 1 "loop.lua" -- "$BIN" check "$SCR/loop.lua" --role tsmc --scenario "$SCEN" --turns 2
expect 2 "syntax_error.lua:3:" -- "$BIN" check "$SCR/syntax_error.lua" --role amd --scenario "$SCEN"
expect 2 "needs a script and a role" -- "$BIN" check "$SCR/good.lua"
expect 2 "no such role" -- "$BIN" check "$SCR/good.lua" --role nobody --scenario "$SCEN"
# Lua games are deterministic too.
"$BIN" --scenario "$SCEN" --quiet --strategy all=playbook --seed 3 --json "$TMP/l1.json" >/dev/null
"$BIN" --scenario "$SCEN" --quiet --strategy all=playbook --seed 3 --json "$TMP/l2.json" >/dev/null
if cmp -s "$TMP/l1.json" "$TMP/l2.json"; then ok; else bad "playbooks: same seed gave different --json"; fi

# Saves and replays: N turns, save, load, M more is the same record as N + M straight.
for strat in history baseline playbook; do
    for n in 1 17; do
        "$BIN" --scenario "$SCEN" --quiet --strategy all=$strat --seed 21 --turns $((n + 9)) --json "$TMP/straight.json" >/dev/null
        "$BIN" --scenario "$SCEN" --quiet --strategy all=$strat --seed 21 --turns $n --save "$TMP/s.json" >/dev/null
        "$BIN" run --load "$TMP/s.json" --quiet --turns 9 --json "$TMP/resumed.json" >/dev/null
        if cmp -s "$TMP/straight.json" "$TMP/resumed.json"; then ok; else bad "$strat: save after $n turns, load, 9 more differs from $((n + 9)) straight"; fi
    done
done
expect 0 "Going on from .*s.json after 17 turns" -- "$BIN" run --load "$TMP/s.json" --turns 2
expect 0 "The end:" -- "$BIN" run --load "$TMP/s.json" --scenario "$SCEN" --quiet --turns 1
expect 2 "another scenario" -- "$BIN" run --load "$TMP/s.json" --scenario "$SRC/tests/data/minimal.json" --quiet
expect 2 "drop --seed (--strategy ROLE=FILE seats ROLE anew" -- "$BIN" run --load "$TMP/s.json" --seed 3
# run --load --strategy ROLE=FILE: ROLE seated anew in the loaded game (the others as saved);
# a role the scenario lacks, or a file that does not load, refused with exit 2; play --load
# still refuses --strategy.
expect 0 "oracle=[^ ]*timed_exit.lua" -- "$BIN" run --load "$TMP/s.json" --strategy "oracle=$SRC/scripts/cookbook/timed_exit.lua" --turns 1
expect 0 "nvidia=[^ ]*nvidia_bind.lua" -- "$BIN" run --load "$TMP/s.json" --strategy "oracle=$SRC/scripts/cookbook/timed_exit.lua" --turns 1
expect 2 "no role 'microsft'.*microsoft" -- "$BIN" run --load "$TMP/s.json" --strategy microsft=passive
expect 2 "oracle=.*nope.lua: .*nope.lua" -- "$BIN" run --load "$TMP/s.json" --strategy "oracle=$TMP/nope.lua"
expect 2 "drop --seed and --strategy" -- "$BIN" play --load "$TMP/s.json" --strategy oracle=passive
"$BIN" run --load "$TMP/s.json" --quiet --json "$TMP/kept.json" >/dev/null
"$BIN" run --load "$TMP/s.json" --quiet --strategy all=passive --json "$TMP/reseated.json" >/dev/null
if cmp -s "$TMP/kept.json" "$TMP/reseated.json"; then bad "run --load --strategy all=passive played as the saved seats"; else ok; fi
expect 2 "load expects a file name" -- "$BIN" run --load=
expect 2 "nope.json: cannot open" -- "$BIN" run --load "$TMP/nope.json"
expect 2 "truncated.json:[0-9]*:[0-9]*: not valid JSON" -- "$BIN" run --load "$SRC/tests/data/badsave/truncated.json"
expect 2 "negative_shares.json: \$.world.actors\[2\].shares" -- "$BIN" run --load "$SRC/tests/data/badsave/negative_shares.json"
expect 2 "unknown version 99" -- "$BIN" run --load "$SRC/tests/data/badsave/unknown_version.json"
# A save of version 3 (series in a fixed order) still goes on; saved again, it is version 4 with
# its series named, and one named wrongly is refused with its path.
expect 0 "Going on from .*save-v3.json after 5 turns" -- "$BIN" run --load "$SRC/tests/data/save-v3.json" --turns 1 --save "$TMP/v4.json"
if grep -q '"version":4' "$TMP/v4.json" && grep -q '"series":\["cash","debt",' "$TMP/v4.json"; then ok; else bad "a v3 save saved again is not version 4 with named series"; fi
sed 's/"series":\["cash",/"series":["cash_flow",/' "$TMP/v4.json" >"$TMP/v4bad.json"
expect 2 "v4bad.json: \$.world.series\[0\]: expected the name of a series" -- "$BIN" run --load "$TMP/v4bad.json"
expect 1 "no-such-dir" -- "$BIN" --scenario "$SCEN" --quiet --turns 2 --save "$TMP/no-such-dir/s.json"
# Autosaves: the newest 5 kept.
"$BIN" --scenario "$SCEN" --quiet --turns 8 --autosave "$TMP/auto" >/dev/null
if [ "$(ls "$TMP/auto" | grep -c '^autosave-.*\.json$')" = 5 ] && [ -f "$TMP/auto/autosave-000008-t0008.json" ]; then ok; else bad "--autosave did not keep the newest 5"; ls "$TMP/auto"; fi
expect 0 "Going on from .* after 8 turns" -- "$BIN" run --load "$TMP/auto/autosave-000008-t0008.json" --turns 1
# Replays play back to the same end; a changed script or a changed end is named.
cp "$SCR/good.lua" "$TMP/mine.lua"
expect 0 "The end:" -- "$BIN" --scenario "$SCEN" --quiet --strategy all=playbook --strategy nvidia="$TMP/mine.lua" --turns 20 --replay "$TMP/r.json"
expect 0 "the same end" -- "$BIN" replay "$TMP/r.json"
echo "-- edited" >> "$TMP/mine.lua"
expect 2 "mine.lua (nvidia) changed since the replay was recorded" -- "$BIN" replay "$TMP/r.json"
expect 2 "replay needs a file" -- "$BIN" replay
expect 2 "this is not a replay" -- "$BIN" replay "$TMP/s.json"
expect 2 "replay records a game from its first turn" -- "$BIN" run --load "$TMP/s.json" --replay "$TMP/x.json"

# Languages: --lang, else the locale. The help, a usage error and a bad scenario file in Chinese.
ZHENV="env LANG=zh_CN.UTF-8"
expect 0 "--lang en|zh" -- "$BIN" --help
expect 0 "LANG=zh_CN.UTF-8 means Chinese" -- "$BIN" --help
expect 0 "用法：" -- "$BIN" --help --lang zh
expect 0 "--lang en|zh *帮助、消息和窗口使用的语言" -- "$BIN" --lang=zh --help
expect 0 "LANG=zh_CN.UTF-8即为中文" -- "$BIN" --help --lang zh
expect 0 "用法：" -- $ZHENV "$BIN" --help
expect 0 "用法：closedloop batch" -- $ZHENV "$BIN" batch --help
expect 0 "Usage:" -- $ZHENV "$BIN" --help --lang en
expect 2 "closedloop: --turns应为1到100000之间的整数，收到“0”" -- "$BIN" --turns 0 --lang zh
expect 2 "closedloop: 未知选项“--bogus”" -- $ZHENV "$BIN" --bogus
expect 2 "turns expects a whole number from 1" -- $ZHENV "$BIN" --lang en --turns 0
expect 2 "negative_cash.json: \$.actors\[2\].cash: 应为不小于0的有限数，实际是-5" -- "$BIN" --lang zh --scenario "$SRC/tests/data/bad/negative_cash.json"
expect 2 "truncated.json:[0-9]*:[0-9]*: 不是有效的JSON" -- $ZHENV "$BIN" --scenario "$SRC/tests/data/bad/truncated.json"
expect 2 "negative_cash.json: \$.actors\[2\].cash: expected a finite number >= 0, got -5" -- $ZHENV "$BIN" --scenario "$SRC/tests/data/bad/negative_cash.json" --lang en
expect 2 "nope.json: 无法打开：" -- "$BIN" run --load "$TMP/nope.json" --lang zh
expect 0 "名次 *策略 *平均得分" -- "$BIN" tournament --lang zh --role nvidia passive baseline --runs 2 --threads 1 --scenario "$SCEN"
expect 0 "结论：没有问题。" -- "$BIN" check "$SCR/good.lua" --role nvidia --scenario "$SCEN" --turns 2 --lang zh
# Only en and zh, named whatever the language.
expect 2 "--lang expects en (English) or zh (Simplified Chinese), got 'fr'" -- "$BIN" --lang fr --help
expect 2 "--lang expects en (English) or zh (Simplified Chinese), got 'zh_CN'" -- "$BIN" --help --lang=zh_CN
expect 2 "--lang needs a language: en (English) or zh" -- "$BIN" --help --lang
expect 2 "--lang只接受en（英语）或zh（简体中文），收到“fr”" -- $ZHENV "$BIN" --lang fr
# A broken Chinese table (in a copy of the data folder, scenarios too): named with its file and
# JSON path when Chinese was asked for by name (exit 2); English with a warning when Chinese
# only came from the locale.
mkdir -p "$TMP/data"
cp -r "$SRC/assets/lang" "$SRC/assets/scenarios" "$TMP/data/"
printf '{"strings": {"cli": {"oops": 5}}}\n' >"$TMP/data/lang/zh/zz.json"
expect 2 "the zh string tables do not load: .*lang/zh/zz.json: \$.strings.cli.oops: expected a text (a string), got number 5" -- env CLOSEDLOOP_DATA="$TMP/data" "$BIN" --lang zh --help
expect 0 "Usage:" -- env CLOSEDLOOP_DATA="$TMP/data" LANG=zh_CN.UTF-8 "$BIN" --help
env CLOSEDLOOP_DATA="$TMP/data" LANG=zh_CN.UTF-8 "$BIN" --quiet --turns 2 >"$TMP/fb.out" 2>"$TMP/fb.err"
if [ $? = 0 ] && grep -q "zz.json: \$.strings.cli.oops: .*; speaking English" "$TMP/fb.err" && grep -q "The end:" "$TMP/fb.out"; then ok
else bad "a broken zh table from the locale: no English game with a warning"; sed 's/^/  | /' "$TMP/fb.err" | head -3; fi
printf '{"strings": {"cli": {"oops": "x",}}}\n' >"$TMP/data/lang/zh/zz.json"
expect 2 "lang/zh/zz.json:1:[0-9]*: not valid JSON: trailing comma" -- env CLOSEDLOOP_DATA="$TMP/data" "$BIN" --lang zh --version
rm "$TMP/data/lang/zh/zz.json"
expect 0 "结局：" -- env CLOSEDLOOP_DATA="$TMP/data" "$BIN" --lang zh --quiet --turns 2

# A run stopped by --turns is not at its end: its table and verdict say "so far" (issue 14).
expect 0 "^Sentiment so far (the game goes on): " -- "$BIN" --quiet --turns 1
if ! grep -q "at the end" "$TMP/out" && grep -q "did not default so far\|defaulted" "$TMP/out"; then ok; else bad "--turns 1 says 'at the end': $(grep 'at the end' "$TMP/out")"; fi
expect 0 "^目前的市场情绪（游戏尚未结束）：" -- "$BIN" --lang zh --quiet --turns 1
if ! grep -q "期末市场情绪\|期末违约概率" "$TMP/out"; then ok; else bad "--turns 1 in Chinese says 期末: $(grep "期末市场情绪\|期末违约概率" "$TMP/out")"; fi

cli_end
