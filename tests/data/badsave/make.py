#!/usr/bin/env python3
"""Makes the bad saves of this folder from base.json (a good save of tests/data/minimal.json,
5 turns, a Lua seat and a human seat) and writes expected.txt: each file with a piece of the
message the loader must give. Run it from this folder after changing the save format.

base.json is made from the top of the repository with
  closedloop run --scenario tests/data/minimal.json --seed 42 --strategy openai=baseline \
      --strategy msft=human --strategy nvda=tests/data/scripts/memory_kinds.lua \
      --turns 5 --save tests/data/badsave/base.json --quiet
then its "saved_at" set to "2026-11-28T12:00:00Z" (so that it does not change from run to run).

old_model.json is not made here: it is a good save of version 1 (the base.json of before the
balance-sheet model, 2026-12), kept as it was, that the loader must refuse as an old model;
old_network.json likewise, a good save of version 2 (before exposure and circularity over the
whole network, 2026-12). ../save-v3.json, a good save of version 3 (before series by name,
2026-12), is the base.json of before: the loader must still read it."""
import json, re

base = open("base.json", encoding="utf-8").read()
cases = []

def case(name, text, want):
    open(name, "w", encoding="utf-8", newline="").write(text)
    cases.append((name, want))

def sub(old, new, count=1):
    assert old in base, old
    return base.replace(old, new, count)

def edit(fn):
    d = json.loads(base)
    fn(d)
    return json.dumps(d, ensure_ascii=False)

case("truncated.json", base[: len(base) // 2], "truncated.json:")
case("empty.json", "", "empty.json:1:1: not valid JSON")
case("not_json.json", "closedloop save, turn 5\n", "not valid JSON")
case("top_array.json", "[1, 2, 3]\n", "expected a save")
case("wrong_format.json", sub('"format":"closedloop-save"', '"format":"closedloop-history"'),
     "$.format: expected \"closedloop-save\" (this is not a save)")
case("unknown_version.json", sub('"version":4', '"version":99'), "unknown version 99")
case("wrong_type.json", re.sub(r'("id":"msft","debt":)[^,]*', r'\1"12"', base, 1),
     "$.world.actors[1].debt: expected a finite number")
case("nan.json", re.sub(r'("sentiment_x":)[^,]*', r'\1NaN', base, 1), "not valid JSON")
case("inf.json", re.sub(r'("sentiment_x":)[^,]*', r'\g<1>1e400', base, 1),
     "$.world.sentiment_x: expected a finite number >= -1e+06, got a number beyond the range of a double")
case("absurd.json", re.sub(r'("id":"nvda","debt":[^,]*,"credit_limit":[^,]*,"revenue":[^,]*,"growth":[^,]*,"shares":[^,]*,"price":)[^,]*', r'\g<1>1e308', base, 1),
     "$.world.actors[2].price: expected")
case("negative_shares.json", re.sub(r'("id":"nvda","debt":[^,]*,"credit_limit":[^,]*,"revenue":[^,]*,"growth":[^,]*,"shares":)[^,]*', r'\g<1>-5', base, 1),
     "$.world.actors[2].shares: expected a finite number in [0, 1e+15], got -5")
case("unknown_key.json", sub('"world":{"turn":5,', '"world":{"turn":5,"cheat":1,'),
     "$.world.cheat: unknown key")
case("duplicate_key.json", sub('"turn":5,\n', '"turn":5,\n"turn":6,\n'), "$.turn: duplicate key")
case("bad_flow_index.json", sub('[0,3,0,', '[0,99,0,'), "$.world.flows[0][1]: expected a whole number in 0..3")
flow = re.search(r'\[0,3,0,(\d\.)([0-8])(\d*),', base)  # one flow 0.1 larger than booked
case("books.json", sub(flow.group(0), '[0,3,0,%s%d%s,' % (flow.group(1), int(flow.group(2)) + 1, flow.group(3))),
     "$.world.cash[0]: the flows add up to")
case("altered_scenario.json", sub('Minimal loop', 'Minimal lop'), "$.scenario.hash: the scenario text does not match its hash")
case("bad_rng.json", sub('"6fd9da738313a50e"', '"6fd9da738313a50z"'), "$.seats[2].rng[0]: expected 16 lower-case hex digits")
case("zero_rng.json", re.sub(r'"rng":\[[^\]]*\]', '"rng":["0000000000000000","0000000000000000","0000000000000000","0000000000000000"]', base, 1),
     "all-zero state")
case("bad_parent.json", sub('"proposer":0,"parent":-1,"status":"proposed"', '"proposer":0,"parent":5,"status":"proposed"'),
     "$.world.deals[1].parent: expected an integer in -1..0, got 5")
case("bad_status.json", sub('"status":"proposed"', '"status":"signed"'), "$.world.deals[1].status")
case("memory_dup_key.json", sub('["draws",', '["turns",1],["draws",'), "key twice")
case("memory_table_key.json", sub('["draws",', '[[["a",1]],1],["draws",'), "a key must be a number, a string or a boolean")
deep = '["deep",' + '[["x",' * 40 + '1' + ']]' * 40 + '],'
case("memory_deep.json", sub('["draws",', deep + '["draws",'), "nested deeper than 32")
case("bad_plays.json", sub('"plays":"baseline"', '"plays":"robot"'), "$.seats[0].plays")
case("bad_queue.json", sub('"queue":[]', '"queue":[{"kind":"steal","deal":-1,"history_event":-1,"reason":""}]'),
     "$.seats[1].queue[0].kind")
case("lua_field_on_native.json", sub('"plays":"baseline"}', '"plays":"baseline","memory":[]}'),
     "$.seats[0].memory: only a seat that plays lua has memory")
case("snapshots_missing.json", edit(lambda d: d["world"]["snapshots"].pop()), "$.world.snapshots: expected an array of at least 6 items")
case("turn_beyond.json", edit(lambda d: d.update(turn=500)), "$.turn: expected at most 24")
case("bad_seed.json", sub('"seed":"42"', '"seed":"-42"'), "$.seed: expected a whole number")
case("wrong_role.json", sub('{"role":"openai"', '{"role":"google"'), "$.seats[0].role: expected \"openai\"")
case("bad_terms.json", sub('"kind":"compute","payer":0,"payee":1,"amount":125', '"kind":"compute","payer":0,"payee":0,"amount":125'),
     "$.world.deals[1].terms: compute: payer and payee are the same actor")
case("event_kind.json", re.sub(r'(\[\d+,)"proposed"', r'\1"invented"', base, 1), "expected an event kind")
case("series_unknown.json", sub('"series":["cash",', '"series":["cash_flow",'),
     "$.world.series[0]: expected the name of a series")
case("series_missing.json", sub('"series":["cash",', '"series":['),
     "$.world.series: expected the series \"cash\" too")
case("series_twice.json", sub('"series":["cash","debt",', '"series":["cash","cash",'),
     "$.world.series[1]: expected each series once, got \"cash\" again (first at $.world.series[0])")
case("series_row_short.json", re.sub(r'("actors":\[\[)[^,]*,', r'\1', base, 1),
     "$.world.snapshots[0].actors[0]: expected an array of 17 items, got 16")
case("series_v3_key.json", sub('"version":4', '"version":3'), "$.world.series: unknown key")
case("script_altered.json", sub('-- Fills view.memory', '-- Fills the memory'), "$.scripts[0].hash: the script text does not match")

cases.append(("old_model.json", "$.version: version 1 is a save of the model before balance sheets"))
cases.append(("old_network.json", "$.version: version 2 is a save from before exposure and circularity"))

with open("expected.txt", "w") as f:
    f.write("# file<TAB>a piece of the message the loader must give (made by make.py)\n")
    for n, w in cases:
        f.write(f"{n}\t{w}\n")
