#!/usr/bin/env python3
"""The what-if scenarios: write them from the 2025 scenario, measure them, check their claims.

Usage:
  tools/whatifs.py make [--repo DIR]                   (re)write assets/scenarios/whatif-*.json
                                                        from closed-loop-2025.json, and their
                                                        classroom notes, assets/classroom/
                                                        whatif-*.json, from the 2025 notes
  tools/whatifs.py measure BINARY [--seeds N] [--repo DIR] [--jobs J]
                                                        play every what-if and the 2025 scenario
                                                        with history and with the playbooks over
                                                        seeds 1..N (default 50); print the tables
                                                        of docs/whatifs.md
  tools/whatifs.py check BINARY [--seeds N] [--repo DIR]
                                                        the test (tests/test_whatifs.sh): each
                                                        file is what `make` writes, its notes
                                                        fit it, it plays full games both ways,
                                                        and it shows the difference it claims
                                                        over seeds 1..N (default 9): seed by
                                                        seed against the 2025 game, or on rates
                                                        and medians

Each what-if is the 2025 scenario with only what the what-if changes: events removed or altered,
an actor's figures, a playbook's parameters (an actor's "playbook_params"). The changes are
written below, next to the claim each file is tested on. Reads the --json history of
`closedloop run`; `make` is the only command that writes into the repository.
"""
import copy
import json
import os
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

BASE = "assets/scenarios/closed-loop-2025.json"
HUB = "openai"


# ------------------------------------------------------------------------------------------------
# The what-ifs: what each changes

def event(sc, eid):
    for e in sc["events"]:
        if e["id"] == eid:
            return e
    raise KeyError(eid)


def drop_events(sc, *ids):
    for eid in ids:
        event(sc, eid)  # each must exist: a renamed event must not pass silently
    sc["events"] = [e for e in sc["events"] if e["id"] not in ids]


def actor(sc, aid):
    for a in sc["actors"]:
        if a["id"] == aid:
            return a
    raise KeyError(aid)


def microsoft_exclusive(sc):
    drop_events(sc, "msft-gives-up-exclusivity")
    actor(sc, "microsoft")["playbook_params"] = {"release": False}


def tsmc_yes(sc):
    e = event(sc, "tsmc-7t-refusal")
    e["id"] = "tsmc-7t-plan"
    e["accept"] = True
    e["title"] = "TSMC agrees to build chip plants around the world for $7 trillion"
    e["text"] = ("In this what-if C.C. Wei believes Altman. OpenAI owes the plan's instalments "
                 "from the first month. The game plays the 2024 answer in its first two months.")
    e["answer"] = "We will build them"
    actor(sc, "tsmc")["playbook_params"] = {"max_order": 7000, "max_exposure": 10}


def no_tpu_report(sc):
    drop_events(sc, "tpu-report")


def slow_revenue(sc):
    a = actor(sc, "openai")
    a["revenue_growth"] = a["revenue_growth"] / 2
    a["growth_floor"] = a["growth_floor"] / 2


def nvidia_no_financing(sc):
    drop_events(sc, "nvidia-invest")
    actor(sc, "nvidia")["playbook_params"] = {"invest": 0}


def no_tokyo(sc):
    drop_events(sc, "tokyo", "stargate")
    e = event(sc, "davos")  # there is no Stargate to shrug off
    e["title"] = "At Davos, Nadella says Microsoft's own $80B for data centres this year is enough"


WHATIFS = [
    {"file": "whatif-microsoft-exclusive.json", "make": microsoft_exclusive},
    {"file": "whatif-tsmc-yes.json", "make": tsmc_yes},
    {"file": "whatif-no-tpu-report.json", "make": no_tpu_report},
    {"file": "whatif-slow-revenue.json", "make": slow_revenue},
    {"file": "whatif-nvidia-no-financing.json", "make": nvidia_no_financing},
    {"file": "whatif-no-tokyo.json", "make": no_tokyo},
]

TEXTS = {}  # filled below: id, title, description, lesson per file

# ------------------------------------------------------------------------------------------------
# The classroom notes (assets/classroom/ID.json, story mode): the 2025 notes of the events each
# what-if keeps, a note for an event it changes, and its own question for the debrief.

BASE_NOTES = "assets/classroom/closed-loop-2025.json"

NOTES = {
    "whatif-microsoft-exclusive.json": {
        "replace": {"oracle-300b": (
            "In the story Oracle signs a $300B cloud contract with OpenAI this month and its shares "
            "jump almost 40%. Here Microsoft still holds the exclusivity, and a cloud contract with "
            "anyone else is refused until it ends. Chips are not cloud: Nvidia, AMD and Broadcom can "
            "still sign.",
            "Oracle's biggest day never comes. Who is better off for it: OpenAI, Oracle, or "
            "Microsoft?")},
        "debrief": "Was the exclusivity a cage for OpenAI, or a brake that protected it?",
    },
    "whatif-tsmc-yes.json": {
        "replace": {"tsmc-7t-refusal": ("tsmc-7t-plan", (
            "TSMC says yes to a $7 trillion plan for chip factories around the world: about $700B "
            "a year for ten years, owed by a company with about $13B of revenue a year. Watch "
            "TSMC's shares on the day, and then watch the hub's bills.",
            "The market marks both companies down on the day of the biggest order in history. What "
            "would it take for OpenAI to pay for it?"))},
        "debrief": "Was C.C. Wei's refusal the decision that kept the loop going?",
    },
    "whatif-no-tpu-report.json": {
        "debrief": "Without the TPU report, what finally made Nvidia move, and what did the delay "
                   "change for everyone else?",
    },
    "whatif-slow-revenue.json": {
        "debrief": "The deals were the same, but the market paid less for them on the day. What "
                   "did investors see, and when could they have seen it?",
    },
    "whatif-nvidia-no-financing.json": {
        "replace": {"amd-warrants": (
            "AMD grants OpenAI warrants for up to 160 million AMD shares, about 10% of the company, "
            "vesting as the systems are deployed. In this what-if Nvidia puts no money into OpenAI, "
            "so AMD is the one vendor paying its customer to buy from it.",
            "Why would the challenger subsidise the customer when the leader does not?")},
        "debrief": "Did Nvidia's money make OpenAI safer or only bigger? Compare when the hub "
                   "defaults with and without it.",
    },
    "whatif-no-tokyo.json": {
        "replace": {"davos": (
            "At Davos Nadella says Microsoft's own $80B for data centres this year is enough. "
            "Supply has to meet real demand from customers; excitement on the supply side alone "
            "can take you off course. In this what-if there is no Stargate for him to answer.",
            "With no giant bet on the table, who is under pressure to move first?")},
        "debrief": "Did SoftBank's bet start the race, or would the others have run anyway?",
    },
}


def build_notes(repo, w, sc):
    """The classroom notes of what-if w, whose scenario is sc (a dict)."""
    with open(os.path.join(repo, BASE_NOTES)) as f:
        notes = json.load(f)
    spec = NOTES[w["file"]]
    ids = {e["id"] for e in sc["events"]}
    lessons = []
    for l in notes["lessons"]:
        r = spec.get("replace", {}).get(l["event"])
        if r is not None:
            event, (explain, question) = (r[0], r[1]) if isinstance(r[1], tuple) else (l["event"], r)
            l = {"event": event, "explain": explain, "question": question}
        if l["event"] in ids:
            lessons.append(l)
    out = {"format": notes["format"], "version": notes["version"], "scenario": sc["id"],
           "lessons": lessons, "debrief": notes.get("debrief", []) + [spec["debrief"]]}
    return dump(out) + "\n"


# ------------------------------------------------------------------------------------------------
# Writing a scenario file: one line for small objects, as the 2025 file is laid out

WIDTH = 100


def dump(v, indent=0):
    one = json.dumps(v, ensure_ascii=False)
    pad = " " * indent
    if not isinstance(v, (dict, list)) or len(pad) + len(one) <= WIDTH:
        return one
    inner = " " * (indent + 2)
    if isinstance(v, list):
        return "[\n" + ",\n".join(inner + dump(x, indent + 2) for x in v) + "\n" + pad + "]"
    # An object: scalar members packed on lines, nested ones a line each.
    lines, cur = [], ""
    for k, x in v.items():
        item = json.dumps(k, ensure_ascii=False) + ": " + dump(x, indent + 2)
        scalar = not isinstance(x, (dict, list)) or "\n" not in item
        if (indent > 0 and scalar and len(inner) + len(cur) + len(item) + 2 <= WIDTH
                and "\n" not in item):
            cur = cur + ", " + item if cur else item
            continue
        if cur:
            lines.append(cur)
        if "\n" in item or len(inner) + len(item) > WIDTH:
            lines.append(item)
            cur = ""
        else:
            cur = item
    if cur:
        lines.append(cur)
    return "{\n" + ",\n".join(inner + ln for ln in lines) + "\n" + pad + "}"


def build(repo, w, notes=False):
    """The text of what-if w's scenario file (notes: of its classroom notes)."""
    with open(os.path.join(repo, BASE)) as f:
        sc = json.load(f)
    sc = copy.deepcopy(sc)
    w["make"](sc)
    t = TEXTS[w["file"]]
    out = {}
    for k, v in sc.items():  # the base's order, with the texts in place
        out[k] = v
        if k == "description":
            out["lesson"] = t["lesson"]
    out["id"], out["title"], out["description"] = t["id"], t["title"], t["description"]
    if notes:
        return build_notes(repo, w, out)
    return dump(out) + "\n"


def outputs(repo, w):
    """(path, text) of each file `make` writes for what-if w."""
    return [(os.path.join(repo, "assets/scenarios", w["file"]), build(repo, w)),
            (os.path.join(repo, "assets/classroom", w["file"]), build(repo, w, notes=True))]


def cmd_make(repo):
    for w in WHATIFS:
        for path, text in outputs(repo, w):
            with open(path, "w") as f:
                f.write(text)
            print("wrote", path)


# ------------------------------------------------------------------------------------------------
# Playing and measuring

def play(binary, scenario, seed, strategy, tmp):
    out = os.path.join(tmp, "h-%s-%d-%s.json" % (os.path.basename(scenario), seed, strategy))
    r = subprocess.run([binary, "run", "--scenario", scenario, "--seed", str(seed), "--strategy",
                        "all=" + strategy, "--json", out, "--quiet"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise SystemExit("%s seed %d %s: exit %d: %s" % (scenario, seed, strategy, r.returncode,
                                                          r.stderr.strip()))
    with open(out) as f:
        h = json.load(f)
    os.remove(out)
    return h


def summary(h, initial_tags):
    """The figures of one game that docs/whatifs.md reports."""
    turns = h["turns"]
    first, last = turns[0]["actors"], turns[-1]["actors"]
    joined = {}
    for d in h["deals"]:
        if d["decided_turn"] is None or d["tag"] in initial_tags:
            continue
        if d["status"] in ("proposed", "rejected", "expired", "countered"):
            continue
        if d["payer"] == HUB:
            other = d["payee"]
        elif d["payee"] == HUB:
            other = d["payer"]
        else:
            continue
        if other and other != "world" and (other not in joined or d["decided_turn"] < joined[other]):
            joined[other] = d["decided_turn"]
    invest = sum(d["paid"] for d in h["deals"]
                 if d["kind"] in ("equity", "loan") and d["payee"] == HUB)
    signed = [d for d in h["deals"]
              if d["decided_turn"] is not None and d["tag"] not in initial_tags
              and d["status"] not in ("proposed", "rejected", "expired", "countered")]
    # The calendar runs on after the hub's default: its month is the default event's.
    fell = [e["turn"] for e in h["events"] if e["kind"] == "default" and e["actor"] == HUB]
    until = fell[0] + 1 if fell else h["turns_played"]
    return {
        "collapse": bool(fell),
        "turns": until,
        "lev": max(t["leverage"] for t in turns[1:until + 1]),
        "announced": h["announced_value"],
        "created": sum(b["market_value"] - a["market_value"]
                       for a, b in zip(first, last) if a["id"] != HUB),
        "gw": last[0]["compute_owned"] + last[0]["compute_contracted"],
        "circ": max(a["circularity"] for t in turns for a in t["actors"]),
        "joined": joined,
        "invested": invest,
        "committed": sum(d["amount"] for d in signed if d["payer"] == HUB),
        "defaulted": {a["id"] for a in last if a["defaulted"]},
        "deals": h["deals"],
    }


def measure(binary, repo, files, strategies, seeds, jobs=2):
    res = {}
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(jobs) as pool:
        for f in files:
            path = os.path.join(repo, "assets/scenarios", f)
            with open(path) as fh:
                tags = {d["tag"] for d in json.load(fh).get("initial_deals", [])}
            for s in strategies:
                futs = [pool.submit(play, binary, path, seed, s, tmp) for seed in seeds]
                res[(f, s)] = [summary(x.result(), tags) for x in futs]
    return res


def med(rows, key):
    return statistics.median(r[key] for r in rows)


def month(turn, start="2024-11"):
    y, m = int(start[:4]), int(start[5:]) - 1 + int(turn)
    return "%04d-%02d" % (y + m // 12, m % 12 + 1)


def joined_table(rows):
    who = {}
    for r in rows:
        for k, t in r["joined"].items():
            who.setdefault(k, []).append(t)
    out = []
    for k, ts in sorted(who.items(), key=lambda kv: (statistics.median(kv[1]), kv[0])):
        out.append("%s %s (%d%%)" % (k, month(statistics.median(ts)), 100 * len(ts) // len(rows)))
    return ", ".join(out) if out else "nobody"


def against_base(base, rows):
    """Seed by seed against the 2025 game: (sooner, same, later, survives, extra) among the seeds
    where the 2025 game ends in default, and extra: seeds that default here only."""
    out = [0, 0, 0, 0, 0]
    for b, w in zip(base, rows):
        if b["collapse"]:
            out[3 if not w["collapse"] else 0 if w["turns"] < b["turns"] else
                1 if w["turns"] == b["turns"] else 2] += 1
        elif w["collapse"]:
            out[4] += 1
    return out


def cmd_measure(binary, repo, n, jobs):
    files = ["closed-loop-2025.json"] + [w["file"] for w in WHATIFS]
    seeds = list(range(1, n + 1))
    res = measure(binary, repo, files, ["history", "playbook"], seeds, jobs)
    for s in ("history", "playbook"):
        print("\n### With `%s`, seeds 1-%d\n" % (s, n))
        print("| scenario | hub defaults | mean default | hub leverage peak | hub commits "
              "| value on news days | peak circularity | partners' value change | hub GW at end |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for f in files:
            rows = res[(f, s)]
            col = [r for r in rows if r["collapse"]]
            when = month(round(statistics.mean(r["turns"] - 1 for r in col))) if col else "-"
            print("| %s | %d%% | %s | %.1f | $%.0fB | $%.0fB | %.0f%% | $%+.0fB | %.1f |" % (
                f.replace(".json", ""), round(100 * len(col) / len(rows)), when, med(rows, "lev"),
                med(rows, "committed"), med(rows, "announced"), 100 * med(rows, "circ"),
                med(rows, "created"), med(rows, "gw")))
        print("\nSeed by seed against the 2025 game (of the seeds in which it ends in default, how "
              "many default here sooner / the same month / later / not at all; + seeds that "
              "default only here):\n")
        base = res[("closed-loop-2025.json", s)]
        for f in files[1:]:
            print("- %s: %d / %d / %d / %d; +%d" % ((f.replace(".json", ""),) +
                                                     tuple(against_base(base, res[(f, s)]))))
        print("\nWho signed with the hub, median month of the first deal (share of seeds):\n")
        for f in files:
            print("- %s: %s" % (f.replace(".json", ""), joined_table(res[(f, s)])))


# ------------------------------------------------------------------------------------------------
# The claims

def first_deal(rows, who, never=999):
    """Median turn of who's first deal with the hub, a seed without one counting as `never`."""
    return statistics.median(r["joined"].get(who, never) for r in rows)


def default_turn(rows, never=999):
    """Mean turn of the hub's default, a seed it survives counting as `never`: later and less
    often both raise it (since the demand each game draws decides whether the hub fails, a median
    over seeds is mostly `never`)."""
    return statistics.mean(r["turns"] if r["collapse"] else never for r in rows)


def defaults(rows):
    return sum(r["collapse"] for r in rows)


def sooner_in_most(base, rows):
    """The hub defaults in every seed in which the 2025 game ends in default, sooner in most."""
    sooner, same, later, survives, _ = against_base(base, rows)
    return survives == 0 and sooner > same + later


def later_in_most(base, rows):
    """Of the seeds in which the 2025 game ends in default, the hub defaults later or not at all
    in most."""
    sooner, same, later, survives, _ = against_base(base, rows)
    return later + survives > sooner + same


def claims(res, f):
    """(what, holds) pairs for what-if f against the 2025 scenario. The demand each game draws
    (sim_demand) decides most of whether the hub fails, and a seed draws the same world in every
    what-if; so the claims compare seed by seed where they can (against_base), or rates and
    medians by a margin that holds on 9 seeds and on 50 (docs/whatifs.md)."""
    b = lambda s: res[("closed-loop-2025.json", s)]
    w = lambda s: res[(f, s)]
    out = []
    if f == "whatif-microsoft-exclusive.json":
        for s in ("history", "playbook"):
            kept = all(not any(d["tag"] == "msft-exclusivity" and d["status"] == "released"
                               for d in r["deals"]) for r in w(s))
            out.append(("%s: Microsoft never releases its exclusivity" % s, kept))
        out.append(("history: Oracle's $300B cloud contract is never signed",
                    first_deal(w("history"), "oracle") == 999))
        out.append(("playbook: Oracle's first deal with the hub comes later",
                    first_deal(w("playbook"), "oracle") > first_deal(b("playbook"), "oracle")))
        out.append(("history: the hub's leverage peak is lower",
                    med(w("history"), "lev") < med(b("history"), "lev")))
        out.append(("history: the hub never defaults sooner than in the 2025 game",
                    against_base(b("history"), w("history"))[0] == 0))
        for s in ("history", "playbook"):
            out.append(("%s: where the 2025 game ends in default, the hub defaults later or not "
                        "at all in most seeds" % s, later_in_most(b(s), w(s))))
    elif f == "whatif-tsmc-yes.json":
        out.append(("history: TSMC signs in the first months",
                    first_deal(w("history"), "tsmc") <= 2))
        out.append(("history: the hub defaults within a year in every seed",
                    all(r["collapse"] and r["turns"] <= 12 for r in w("history"))))
        out.append(("history: TSMC defaults with it in every seed",
                    all("tsmc" in r["defaulted"] for r in w("history"))))
        out.append(("history: the announcement days lose the partners value",
                    med(w("history"), "announced") < 0))
        # The budget rules (docs/budget-rules.md) refuse the plan as larger than the whole
        # company, so the hub's playbook never asks and the game is the 2025 game.
        out.append(("playbook: TSMC never signs with the hub",
                    first_deal(w("playbook"), "tsmc") == 999))
        same = all((x["collapse"], x["turns"], x["lev"], x["announced"]) ==
                   (y["collapse"], y["turns"], y["lev"], y["announced"])
                   for x, y in zip(w("playbook"), b("playbook")))
        out.append(("playbook: every seed plays as the 2025 game does", same))
    elif f == "whatif-no-tpu-report.json":
        out.append(("history: Nvidia's first deal comes in the same month",
                    first_deal(w("history"), "nvidia") == first_deal(b("history"), "nvidia")))
        out.append(("playbook: Nvidia's first deal comes later, or never",
                    first_deal(w("playbook"), "nvidia") > first_deal(b("playbook"), "nvidia")))
        out.append(("playbook: the hub rents no TPUs",
                    first_deal(w("playbook"), "google") == 999))
        out.append(("playbook: the hub defaults more often or sooner",
                    default_turn(w("playbook")) < default_turn(b("playbook"))))
    elif f == "whatif-slow-revenue.json":
        out.append(("history: the hub's leverage peak is higher",
                    med(w("history"), "lev") > med(b("history"), "lev")))
        out.append(("history: the hub defaults more often",
                    defaults(w("history")) > defaults(b("history"))))
        out.append(("history: the hub defaults in every seed the 2025 game does, sooner in most",
                    sooner_in_most(b("history"), w("history"))))
        out.append(("history: the announcement days add less value",
                    med(w("history"), "announced") < med(b("history"), "announced")))
        out.append(("playbook: the hub commits less",
                    med(w("playbook"), "committed") < med(b("playbook"), "committed")))
        out.append(("playbook: the hub defaults less often",
                    defaults(w("playbook")) < defaults(b("playbook"))))
    elif f == "whatif-nvidia-no-financing.json":
        for s in ("history", "playbook"):
            nv = all(not any(d["payer"] == "nvidia" and d["payee"] == HUB and
                             d["kind"] in ("equity", "loan", "guarantee") and
                             d["status"] not in ("proposed", "rejected", "expired", "countered")
                             for d in r["deals"]) for r in w(s))
            out.append(("%s: Nvidia puts no money into the hub" % s, nv))
            out.append(("%s: the hub defaults in every seed the 2025 game does, sooner in most"
                        % s, sooner_in_most(b(s), w(s))))
    elif f == "whatif-no-tokyo.json":
        for s in ("history", "playbook"):
            out.append(("%s: SoftBank never signs with the hub" % s,
                        first_deal(w(s), "softbank") == 999))
        # Played as recorded, without Stargate's 10 GW the hub earns less (its revenue meets its
        # compute cap, sim_demand) and owes less: it fails in the same worlds.
        out.append(("history: the hub defaults in the same seeds as in the 2025 game",
                    all(x["collapse"] == y["collapse"] for x, y in zip(w("history"),
                                                                       b("history")))))
        out.append(("history: the announcement days add less value",
                    med(w("history"), "announced") < med(b("history"), "announced")))
        out.append(("playbook: the hub's leverage peak is lower",
                    med(w("playbook"), "lev") < med(b("playbook"), "lev")))
        sooner, same, later, _, _ = against_base(b("playbook"), w("playbook"))
        out.append(("playbook: where both games end in default, the hub defaults later in most "
                    "seeds", later > sooner + same))
    return out


def cmd_check(binary, repo, n):
    fails = 0
    for w in WHATIFS:
        for path, text in outputs(repo, w):
            with open(path) as f:
                if f.read() != text:
                    print("FAIL: %s is not what `tools/whatifs.py make` writes" % path)
                    fails += 1
    # The classroom notes name events of their scenario, once each, within the loader's limits
    # (engine/data/dat_lesson.h; the headless window does not read them).
    for w in WHATIFS:
        with open(os.path.join(repo, "assets/scenarios", w["file"])) as f:
            sc = json.load(f)
        with open(os.path.join(repo, "assets/classroom", w["file"])) as f:
            notes = json.load(f)
        ids = [l["event"] for l in notes["lessons"]]
        ok = (notes["scenario"] == sc["id"] and len(set(ids)) == len(ids)
              and set(ids) <= {e["id"] for e in sc["events"]}
              and all(0 < len(l["explain"].encode()) < 1024 and
                      0 < len(l["question"].encode()) < 512 for l in notes["lessons"])
              and len(notes["debrief"]) <= 8
              and all(0 < len(q.encode()) < 512 for q in notes["debrief"]))
        print("%s: %s: its classroom notes fit its scenario" % ("ok" if ok else "FAIL", w["file"]))
        fails += not ok
    # The playbook parameters a what-if sets are ones its playbooks have: their check is clean.
    for w in WHATIFS:
        path = os.path.join(repo, "assets/scenarios", w["file"])
        with open(path) as f:
            actors = json.load(f)["actors"]
        for a in actors:
            if "playbook_params" not in a:
                continue
            r = subprocess.run([binary, "check", "scripts/strategies/" + a["playbook"], "--role",
                                a["id"], "--scenario", path], cwd=repo, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
            ok = r.returncode == 0
            print("%s: %s: %s's playbook checks clean with its playbook_params" % (
                "ok" if ok else "FAIL", w["file"], a["id"]))
            if not ok:
                print("  | " + "\n  | ".join(r.stdout.splitlines()[-8:]))
                fails += 1
    # A loaded save runs the playbooks afresh: they must take the scenario's parameters again
    # (Nvidia would otherwise invest in the months after the load).
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(repo, "assets/scenarios/whatif-nvidia-no-financing.json")
        j1, j2, sv = (os.path.join(tmp, x) for x in ("straight.json", "loaded.json", "s.json"))
        run = lambda *a: subprocess.run([binary, "run", "--quiet"] + list(a), cwd=repo,
                                        stdout=subprocess.DEVNULL).returncode
        rc = (run("--scenario", path, "--strategy", "all=playbook", "--turns", "14", "--json", j1)
              or run("--scenario", path, "--strategy", "all=playbook", "--turns", "5", "--save", sv)
              or run("--load", sv, "--turns", "9", "--json", j2))
        ok = rc == 0
        if ok:
            with open(j1, "rb") as f1, open(j2, "rb") as f2:
                ok = f1.read() == f2.read()
        print("%s: whatif-nvidia-no-financing.json: saved after 5 months, loaded and played on, "
              "the game is the same" % ("ok" if ok else "FAIL"))
        fails += not ok
    files = ["closed-loop-2025.json"] + [w["file"] for w in WHATIFS]
    res = measure(binary, repo, files, ["history", "playbook"], list(range(1, n + 1)))
    for w in WHATIFS:
        for what, ok in claims(res, w["file"]):
            print("%s: %s: %s" % ("ok" if ok else "FAIL", w["file"], what))
            fails += not ok
    return 1 if fails else 0


def main(argv):
    args = argv[1:]
    opt = lambda name, default: (args[args.index(name) + 1] if name in args else default)
    repo = opt("--repo", os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    if not args or args[0] not in ("make", "measure", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    if args[0] == "make":
        cmd_make(repo)
        return 0
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = args[1]
    if args[0] == "measure":
        cmd_measure(binary, repo, int(opt("--seeds", 50)), int(opt("--jobs", 2)))
        return 0
    return cmd_check(binary, repo, int(opt("--seeds", 9)))


# ------------------------------------------------------------------------------------------------
# The texts: a title and a menu line, and the paragraph for a class

TEXTS.update({
    "whatif-microsoft-exclusive.json": {
        "id": "whatif-microsoft-exclusive",
        "title": "What if Microsoft had kept its exclusivity?",
        "description": (
            "The 2025 story, except that Microsoft never gives up being OpenAI's only cloud: the "
            "exclusivity runs to the end of its term (December 2025 in this model), so until then "
            "no rival may sell the hub cloud capacity. Chip leases, chip purchases and "
            "co-development are not covered by it."),
        "lesson": (
            "What changes: in the story Microsoft, OpenAI's only cloud for six years, let the "
            "exclusivity go in January 2025 and kept what it valued most (the training "
            "supercomputers, 20% of OpenAI's revenue, free use of the models). Here it holds on "
            "until the contract ends (December 2025 in this model, an assumption) and its playbook "
            "never releases it. What to watch: Oracle's $300B contract of September 2025 is a "
            "cloud purchase, so it cannot be signed while the exclusivity binds. Played as "
            "recorded, that contract never happens: the hub's leverage peak falls from about 7.6 "
            "to 6.3 years of revenue, and it defaults less often and later (in 34% of 50 games "
            "instead of 40%; never sooner than in the same game of the 2025 story, and later or "
            "not at all in 18 of the 20 games that end in default there). With the playbooks, "
            "Oracle waits and signs in early 2026 instead; the hub defaults about as often as in "
            "the 2025 game (40% against 42%), but later in most games. The chip deals of Nvidia, "
            "AMD and Broadcom are not cloud purchases and go ahead either way. To discuss: an "
            "exclusive contract looks like a cage for the hub. Could it also have been a brake "
            "that kept OpenAI from over-committing? Why would Microsoft give up a right that "
            "slowed its rivals down?"),
    },
    "whatif-tsmc-yes.json": {
        "id": "whatif-tsmc-yes",
        "title": "What if TSMC had accepted the $7 trillion plan?",
        "description": (
            "The 2025 story, except that TSMC says yes in 2024 to OpenAI's $7 trillion plan for "
            "chip plants around the world, the plan C.C. Wei found too aggressive to believe. "
            "OpenAI owes the plan's instalments from the start."),
        "lesson": (
            "What changes: at TSMC's 2024 shareholder meeting C.C. Wei said Altman was too "
            "aggressive to believe, and turned the $7 trillion plan down. Here TSMC accepts it. "
            "What to watch: the plan is paid over ten years, about $700B a year, by a company with "
            "about $13B of yearly revenue. Played as recorded, the market does not cheer: it "
            "weighs the order against what the two companies are worth, and on the day it marks "
            "down both OpenAI and TSMC by about half. TSMC must pay for the plants before it "
            "delivers them and cannot pay its own bills; OpenAI owes about a hundred years of its "
            "revenue over the next twelve months. OpenAI defaults in February 2025 in every one of "
            "50 games, before Nvidia, Oracle, AMD or Broadcom have signed anything, and TSMC "
            "defaults with it. With the playbooks the plan never happens at all: the budget rules "
            "refuse a deal larger than the whole company, so OpenAI's playbook does not even ask, "
            "and the game is exactly the 2025 game. To discuss: the refusal is often told as a "
            "snub or a missed chance. Was it the decision that kept the loop going? Who would have "
            "paid if the market had believed the plan?"),
    },
    "whatif-no-tpu-report.json": {
        "id": "whatif-no-tpu-report",
        "title": "What if nobody had reported OpenAI renting Google's TPUs?",
        "description": (
            "The 2025 story without The Information's June 27 report that OpenAI had started "
            "renting Google's TPUs, the news that brought Nvidia back to the table. Play it with "
            "the playbooks: played as recorded, Nvidia's deal still comes on its date."),
        "lesson": (
            "What changes: the report of June 27, 2025 is removed. In the story it was the push "
            "that made Jensen Huang call Altman and restart stalled talks, which ended in a lease "
            "of up to 5 million chips (about $350B) and the right to invest up to $100B. What to "
            "watch (with the playbooks; played as recorded, Nvidia's dated deal comes on its date "
            "anyway and the game hardly changes): with no outside threat, Nvidia waits until its "
            "rivals are bound to the hub and rewarded by the market. Its first deal slips from "
            "July to about December 2025, and AMD, Oracle and Broadcom, who follow the leader, "
            "slip with it to early 2026. The hub rents no TPUs. The loop breaks more often, not "
            "less: the hub defaults in 56% of 50 games instead of 42%, and sooner in 15 of the 21 "
            "games that end in default in the 2025 game too. To discuss: who gained from the leak? "
            "In this model, how much of a giant's decision is about the hub, and how much about "
            "its rivals? Why might a later, more crowded rush be harder on the hub?"),
    },
    "whatif-slow-revenue.json": {
        "id": "whatif-slow-revenue",
        "title": "What if OpenAI's revenue had grown half as fast?",
        "description": (
            "The 2025 story, but OpenAI's revenue grows half as fast: 45% a year at first instead "
            "of 90%, fading toward 5% instead of 10%. Every deal is the same; only the money to "
            "pay for them changes."),
        "lesson": (
            "What changes: the hub's revenue starts at the same $13B a year, but its growth is "
            "halved (45% a year at first, fading toward 5%; the 2025 scenario's 90% and 10% are "
            "the model's assumptions, close to OpenAI's own projections). What to watch, played as "
            "recorded: the commitments are the same (Stargate, Oracle's $300B, Nvidia's $350B "
            "lease, AMD, Broadcom), so the gap between what the hub owes and what it earns opens "
            "faster. Its leverage (payments due over the next year, over a year's revenue) peaks "
            "near 16 instead of 8, and the hub defaults more often and sooner: in 52% of 50 games "
            "instead of 40%, in every game that ends in default in the 2025 game too, and about a "
            "year sooner in most of them. The market sees it coming: the partners gain about $280B "
            "on announcement days instead of about $660B, because deals are priced on the revenue "
            "that must pay for them. With the playbooks the same market holds the hub back: its "
            "deals are judged by what investors think it can carry, so it signs less (Oracle and "
            "Broadcom sign in fewer games, Microsoft a year later) and defaults less often than in "
            "the 2025 game (18% of games instead of 42%). To discuss: in the story, commitments of "
            "hundreds of billions rest on about $13B of revenue. Which number should an investor "
            "watch: the size of the deals, or the growth of the revenue behind them? Is a market "
            "that refuses a deal a brake or an obstacle?"),
    },
    "whatif-nvidia-no-financing.json": {
        "id": "whatif-nvidia-no-financing",
        "title": "What if Nvidia had offered no financing?",
        "description": (
            "The 2025 story, but Nvidia only leases its chips: it does not take the right to "
            "invest up to $100B in OpenAI to help pay for them. No circular money from Nvidia."),
        "lesson": (
            "What changes: in the story Nvidia leases OpenAI up to 5 million chips (about $350B) "
            "and also takes the right to invest up to $100B, gigawatt by gigawatt, so that OpenAI "
            "can pay for them: a vendor financing its own customer. Here the lease stays and the "
            "investment goes (the dated deal is removed; Nvidia's playbook invests 0). What to "
            "watch: the circularity of Nvidia's sales, the share of what the hub pays Nvidia that "
            "Nvidia itself put in, falls to zero. The hub has less money coming in: in every one "
            "of 50 games that ends in default in the 2025 game, it defaults here too, and sooner "
            "in nearly all of them, by a month or two (played as recorded or with the playbooks; "
            "with the playbooks three more games end in default, 48% instead of 42%). Where demand "
            "is strong enough, the hub survives without Nvidia's money as it does with it. To "
            "discuss: circular financing makes the partners' sales look bigger, but in this model "
            "it also keeps the hub alive a little longer. Who is safer without it, Nvidia or "
            "OpenAI? Is money that goes round in a circle fake, or just risky?"),
    },
    "whatif-no-tokyo.json": {
        "id": "whatif-no-tokyo",
        "title": "What if SoftBank had never met Altman?",
        "description": (
            "The 2025 story without the Tokyo meeting of November 2024: Altman never spends those "
            "days at Masayoshi Son's estate, SoftBank is never courted, and there is no $500B "
            "Stargate."),
        "lesson": (
            "What changes: the Tokyo meeting and the Stargate announcement of January 2025 are "
            "removed (in the story, Stargate sent SoftBank's shares up 11% and lit the whole "
            "industry's fear of missing out). What to watch: played as recorded, the other deals "
            "still come on their dates. Without the $500B build the hub owes less but also has "
            "less compute to earn with (about 35 GW at the end instead of 45), and it defaults in "
            "exactly the same games as in the 2025 game (40% of 50), at about the same months; the "
            "announcement days add less value (about $480B instead of $660B). With the playbooks "
            "SoftBank never joins, Nvidia still moves when the TPU report comes out and the others "
            "follow it, more slowly; the hub's leverage peak is about half (4.9 instead of 8.6), "
            "and where both games end in default it lasts about eight months longer, though it "
            "defaults a little more often (48% of games instead of 42%). To discuss: the article "
            "says SoftBank's bet started the race. In this model, does one bet start the race, or "
            "would the others have run anyway? If you could remove a single deal to save the hub, "
            "which would it be, and why that one?"),
    },
})

if __name__ == "__main__":
    sys.exit(main(sys.argv))
