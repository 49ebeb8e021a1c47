#!/usr/bin/env python3
"""The crypto-lending cascade of 2022: check what the scenario claims about the record.

Usage:
  tools/crypto_claims.py check BINARY [--seeds N] [--repo DIR]
                                  the test (tests/test_crypto.sh): over seeds 1..N (default 9),
                                  with `history` seats the failures come in the record's months
                                  and order and each lender's write-down is within the range of
                                  the figure the record gives (docs/crypto-2022-facts.md); with
                                  the scenario's playbooks no failure comes from a date, the
                                  narration never tells a failure that did not happen (nor with
                                  Three Arrows alone played freely), and the losses follow the
                                  loans (a lender that did not lend loses nothing)
  tools/crypto_claims.py measure BINARY [--seeds N] [--repo DIR]
                                  print the tables of docs/crypto-2022-facts.md ("What the game
                                  plays"): failures and write-downs, both ways, over seeds 1..N

Reads the --json history of `closedloop run`; writes only into a temporary folder (a variant of
the scenario is written beside the original, for its playbooks folder, and removed).
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile

SCENARIO = "assets/scenarios/crypto-2022.json"

# The failures of the record (month, firm), in order; the events that play them.
FAILURES = [("2022-05", "terra"), ("2022-06", "threeac"), ("2022-07", "voyager"),
            ("2022-07", "celsius"), ("2022-11", "ftx"), ("2022-11", "blockfi"),
            ("2023-01", "genesis")]
SURVIVORS = ["gemini", "dcg"]

# What each event of the story takes as having happened: the failures it tells of. The story must
# not tell it (a news item) or play it (a deal) before those firms have failed.
TELLS_OF = {
    "terra-fails": ["terra"], "threeac-default": ["threeac"], "dcg-note": ["threeac"],
    "voyager-files": ["voyager", "threeac"], "ftx-blockfi-line": ["threeac"],
    "celsius-files": ["celsius"], "ftx-voyager-bid": ["voyager"], "ftx-files": ["ftx"],
    "genesis-halts": ["ftx"], "blockfi-files": ["blockfi", "ftx"],
    "binance-voyager-bid": ["voyager"], "genesis-files": ["genesis"], "voyager-plan": ["voyager"],
    "threeac-estimate": ["threeac"], "celsius-emerges": ["celsius"],
    "gemini-earn-repaid": ["genesis"], "ftx-plan": ["ftx"], "blockfi-repaid": ["blockfi"],
    "genesis-distributes": ["genesis"], "ftx-plan-approved": ["ftx"],
}

# Who lost what, with history seats: (lender, failed firm, low, high, the record). The ranges
# hold what the record gives: the claim times one minus the share its creditors recovered in the
# end (docs/crypto-2022-facts.md, its rows in brackets).
WRITEDOWNS = [
    ("genesis", "threeac", 1.1, 1.4,
     "$2.36B lent, its claim after selling the collateral $1.2B [13]; 45.74% recovered [19]: "
     "$1.28B"),
    ("voyager", "threeac", 0.30, 0.40, "$650M-$675M lent [14], 45.74% recovered [19]: $0.35B"),
    ("celsius", "threeac", 0.02, 0.05, "$40.6M-$75M lent [16], 45.74% recovered [19]: $0.04B"),
    ("ftx", "voyager", 0.03, 0.08,
     "Voyager drew $75M of Alameda's lines [25], 35.72% recovered [29]: $0.05B"),
    ("gemini", "genesis", 0.15, 0.25,
     "Earn's $766M-$900M at Genesis [43], 77% recovered [45]: $0.18B-$0.21B"),
    ("blockfi", "ftx", 0.0, 0.0,
     "$1.0B at FTX and Alameda [33], repaid in full in the end [35, 39]: nothing lost"),
    ("genesis", "ftx", 0.0, 0.0, "$175M at FTX [41]; FTX repaid its creditors in full [39]"),
]


def month_of(start, turn):
    y, m = map(int, start.split("-"))
    k = y * 12 + m - 1 + turn
    return "%04d-%02d" % (k // 12, k % 12 + 1)


def play(binary, repo, scenario, seed, strategy, out):
    seats = ["--strategy", "all=" + strategy] if "=" not in strategy else \
        ["--strategy", "all=history", "--strategy", strategy]
    r = subprocess.run([binary, "run", "--scenario", scenario, "--seed", str(seed)] + seats +
                       ["--json", out, "--quiet"], cwd=repo,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise RuntimeError("%s seed %d %s: exit %d: %s" % (scenario, seed, strategy, r.returncode,
                                                           r.stderr.strip()))
    with open(out) as f:
        return json.load(f)


def failures(h):
    """[(month, firm)] in the order the game played them."""
    return [(month_of(h["start"], e["turn"]), e["actor"]) for e in h["events"]
            if e["kind"] == "default"]


def writedowns(h):
    """{(lender, failed firm): $B written off}."""
    w = {}
    for e in h["events"]:
        if e["kind"] == "writedown":
            key = (e["actor"], e["other"])
            w[key] = w.get(key, 0.0) + e["amount"]
    return w


def narration_lies(h, sc):
    """Events told or played before the failures they tell of (TELLS_OF)."""
    ids = {e["id"] for e in sc["events"]}
    missing = sorted(set(TELLS_OF) - ids)
    bad = ["event %s of the claims is not in the scenario" % x for x in missing]
    fell = {}
    for e in h["events"]:
        if e["kind"] == "default":
            fell.setdefault(e["actor"], e["turn"])

    def lie(eid, turn, how):
        for firm in TELLS_OF.get(eid, ()):
            if not (firm in fell and fell[firm] <= turn):
                bad.append("%s: %s in turn %d, %s %s" % (
                    eid, how, turn, firm,
                    "fell in turn %d" % fell[firm] if firm in fell else "never fell"))

    for d in h["deals"]:
        if d["tag"] in TELLS_OF:
            lie(d["tag"], d["proposed_turn"] + 1, "made")
    for e in h["events"]:
        if e["kind"] == "news" and e["scenario_event"] in TELLS_OF:
            lie(e["scenario_event"], e["turn"], "told")
    return bad


def failures_from_dates(h, missed_to_default):
    """With free seats: failures not preceded by missed payments (the model's own failures are)."""
    missed = {}
    bad = []
    for e in h["events"]:
        if e["kind"] == "missed":
            missed.setdefault(e["actor"], set()).add(e["turn"])
        elif e["kind"] == "default":
            t = e["turn"]
            run = all(t - k in missed.get(e["actor"], ()) for k in range(missed_to_default))
            if not run:
                bad.append("%s failed in turn %d without %d months of missed payments" % (
                    e["actor"], t, missed_to_default))
    return bad


def variant(repo, tmp, name, change):
    """A copy of the scenario changed by `change`, written beside it (for its playbooks)."""
    with open(os.path.join(repo, SCENARIO)) as f:
        sc = json.load(f)
    change(sc)
    path = os.path.join(os.path.dirname(SCENARIO), ".claims-%d-%s.json" % (os.getpid(), name))
    with open(os.path.join(repo, path), "w") as f:
        json.dump(sc, f, indent=2)
    return path, sc


def no_voyager_loan(sc):
    """Voyager never lent Three Arrows, and lends to no one in the game."""
    sc["initial_deals"] = [d for d in sc["initial_deals"] if d["tag"] != "voyager-threeac"]
    for a in sc["actors"]:
        if a["id"] == "voyager":
            a["playbook_params"] = {"max_exposure": 0}


def run_all(binary, repo, seeds, tmp):
    with open(os.path.join(repo, SCENARIO)) as f:
        sc = json.load(f)
    runs = {"history": [], "playbook": [], "variant": [], "mixed": []}
    vpath, vsc = variant(repo, tmp, "no-voyager-loan", no_voyager_loan)
    try:
        for seed in seeds:
            for mode in ("history", "playbook"):
                out = os.path.join(tmp, "%s-%d.json" % (mode, seed))
                runs[mode].append(play(binary, repo, SCENARIO, seed, mode, out))
            out = os.path.join(tmp, "variant-%d.json" % seed)
            runs["variant"].append(play(binary, repo, vpath, seed, "playbook", out))
            out = os.path.join(tmp, "mixed-%d.json" % seed)
            runs["mixed"].append(play(binary, repo, SCENARIO, seed, "threeac=playbook", out))
    finally:
        os.remove(os.path.join(repo, vpath))
    return sc, vsc, runs


def check(binary, repo, seeds):
    bad = []
    with tempfile.TemporaryDirectory() as tmp:
        sc, vsc, runs = run_all(binary, repo, seeds, tmp)
    missed_to_default = sc["market"]["missed_to_default"]
    for seed, h in zip(seeds, runs["history"]):
        got = failures(h)
        if got != FAILURES:
            bad.append("history, seed %d: failures %s, the record %s" % (seed, got, FAILURES))
        for firm in SURVIVORS:
            if any(f == firm for _, f in got):
                bad.append("history, seed %d: %s failed; it did not" % (seed, firm))
        w = writedowns(h)
        for lender, firm, lo, hi, why in WRITEDOWNS:
            x = w.get((lender, firm), 0.0)
            if not (lo - 1e-9 <= x <= hi + 1e-9):
                bad.append("history, seed %d: %s wrote off $%.3fB on %s, expected $%g-%gB (%s)" % (
                    seed, lender, x, firm, lo, hi, why))
        # The losses follow the loans: who loses on 3AC is who lent to it.
        lenders = {d["payer"] for d in sc["initial_deals"]
                   if d["payee"] == "threeac" and d["kind"] == "loan"}
        losers = {a for (a, f) in w if f == "threeac"}
        if losers != lenders:
            bad.append("history, seed %d: %s lost on 3AC, its lenders were %s" % (
                seed, sorted(losers), sorted(lenders)))
        bad += ["history, seed %d: %s" % (seed, x) for x in narration_lies(h, sc)]
    # Three Arrows played freely, the others by history: the story never has it fail unless
    # its payments fail, nor makes the deals that answered its failure.
    for seed, h in zip(seeds, runs["mixed"]):
        bad += ["threeac=playbook, seed %d: %s" % (seed, x) for x in narration_lies(h, sc)]
        bad += ["threeac=playbook, seed %d: %s" % (seed, x)
                for x in failures_from_dates({"events": [e for e in h["events"]
                                                         if e["actor"] == "threeac"]},
                                             missed_to_default)]
    three_ac_losers = 0
    for seed, h, v in zip(seeds, runs["playbook"], runs["variant"]):
        for x in failures_from_dates(h, missed_to_default):
            bad.append("playbooks, seed %d: %s" % (seed, x))
        bad += ["playbooks, seed %d: %s" % (seed, x) for x in narration_lies(h, sc)]
        w, wv = writedowns(h), writedowns(v)
        if w.get(("voyager", "threeac"), 0.0) > 0.0:
            three_ac_losers += 1
        if wv.get(("voyager", "threeac"), 0.0) > 0.0:
            bad.append("playbooks without Voyager's loan, seed %d: Voyager still lost $%.3fB on "
                       "3AC" % (seed, wv[("voyager", "threeac")]))
        if wv.get(("genesis", "threeac"), 0.0) <= 0.0 and w.get(("genesis", "threeac"), 0.0) > 0:
            bad.append("playbooks without Voyager's loan, seed %d: Genesis's loss on 3AC went "
                       "too" % seed)
    if three_ac_losers == 0:
        bad.append("playbooks: Voyager never lost on 3AC, so the variant shows nothing")
    for x in bad:
        print("FAIL: " + x)
    print("crypto claims: %d seeds, %d failed" % (len(seeds), len(bad)))
    return 1 if bad else 0


def measure(binary, repo, seeds):
    with tempfile.TemporaryDirectory() as tmp:
        sc, vsc, runs = run_all(binary, repo, seeds, tmp)
    for mode in ("history", "playbook", "variant"):
        hs = runs[mode]
        print("\n%s (seeds %d-%d)\n" % (mode, seeds[0], seeds[-1]))
        print("| firm | fails in (seeds) |")
        print("| --- | --- |")
        firms = [a["id"] for a in sc["actors"]]
        for firm in firms:
            months = {}
            for h in hs:
                for m, f in failures(h):
                    if f == firm:
                        months[m] = months.get(m, 0) + 1
            told = ", ".join("%s (%d)" % (m, k) for m, k in sorted(months.items())) or "-"
            print("| %s | %s |" % (firm, told))
        print("\n| lender | on | median write-down $B | seeds with one |")
        print("| --- | --- | --- | --- |")
        keys = sorted({k for h in hs for k in writedowns(h)})
        for k in keys:
            xs = [writedowns(h).get(k, 0.0) for h in hs]
            print("| %s | %s | %.3f | %d |" % (k[0], k[1], statistics.median(xs),
                                                 sum(1 for x in xs if x > 0)))
    return 0


def main(argv):
    if len(argv) < 3 or argv[1] not in ("check", "measure"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    binary = os.path.abspath(argv[2])
    n, repo = 9, os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    args = argv[3:]
    while args:
        if args[0] == "--seeds" and len(args) > 1 and args[1].isdigit() and int(args[1]) > 0:
            n, args = int(args[1]), args[2:]
        elif args[0] == "--repo" and len(args) > 1:
            repo, args = os.path.abspath(args[1]), args[2:]
        else:
            print("crypto_claims.py: unknown argument %s" % args[0], file=sys.stderr)
            return 2
    seeds = list(range(1, n + 1))
    return (check if argv[1] == "check" else measure)(binary, repo, seeds)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
