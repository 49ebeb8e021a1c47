#!/usr/bin/env python3
"""Measure, and optionally fit, the first-day reactions of the history run against the story.

Usage:
  tools/calibrate.py BINARY SCENARIO                 measure with the scenario as it is
  tools/calibrate.py BINARY SCENARIO --fit           grid-search the jump parameters
  tools/calibrate.py BINARY SCENARIO --typical N     the seed of 1..N whose reactions and total
                                                     sit closest to the medians over 1..N
  --seeds N   also measure seeds 1..N and fit the median over them (default: the scenario's seed)

The targets are the scenario's own: each deal event's "reaction" (the story's first-day change)
and the story's ~$630B of market value added on announcement days (facts sheet, "The hub").
Reads the --json history of `closedloop run`; writes nothing into the repository.
"""
import itertools
import json
import math
import os
import subprocess
import sys
import tempfile

TOTAL_TARGET = 630.0


def measure(binary, scenario_path, seed=None):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "h.json")
        cmd = [binary, "run", "--scenario", scenario_path, "--quiet", "--json", out]
        if seed is not None:
            cmd += ["--seed", str(seed)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        with open(out) as f:
            h = json.load(f)
    with open(scenario_path) as f:
        sc = json.load(f)
    deals = {d["tag"]: d for d in h["deals"] if d["tag"]}
    rows = []
    for ev in sc["events"]:
        if ev["type"] != "deal" or "reaction" not in ev:
            continue
        d = deals.get(ev["id"])
        for side in ("payer", "payee"):
            if side not in ev["reaction"]:
                continue
            actor = ev[side]
            got = None
            if d is not None and d["decided_turn"] >= 0:
                for e in h["events"]:
                    if (e["kind"] == "reaction" and e["actor"] == actor and e["other"] is None
                            and e["turn"] == d["decided_turn"]):
                        got = math.exp(e["change"]) - 1.0
            rows.append((ev["id"], actor, ev["reaction"][side], got))
    return rows, h["announced_value"]


def measure_median(binary, path, seeds):
    """Median over seeds of each reaction and of the total; seeds None: the scenario's own."""
    if not seeds:
        return measure(binary, path)
    runs = [measure(binary, path, s) for s in range(1, seeds + 1)]
    rows = []
    for k, (tag, actor, want, _) in enumerate(runs[0][0]):
        got = sorted(r[0][k][3] if r[0][k][3] is not None else -1.0 for r in runs)
        rows.append((tag, actor, want, got[len(got) // 2]))
    totals = sorted(r[1] for r in runs)
    return rows, totals[len(totals) // 2]


def typical_seed(binary, path, n):
    """The seed whose reactions and total are closest to the model's own medians (in standard
    deviations): a representative path, chosen without looking at the story's figures."""
    import statistics
    runs = {s: measure(binary, path, s) for s in range(1, n + 1)}
    cols = [[runs[s][0][k][3] for s in runs] for k in range(len(runs[1][0]))]
    cols.append([runs[s][1] for s in runs])
    med = [statistics.median(c) for c in cols]
    sd = [statistics.pstdev(c) or 1.0 for c in cols]

    def dist(s):
        vals = [r[3] for r in runs[s][0]] + [runs[s][1]]
        return sum(((v - m) / d) ** 2 for v, m, d in zip(vals, med, sd))

    return min(runs, key=dist)


def report(rows, total):
    for tag, actor, want, got in rows:
        g = "missing" if got is None else "%+.1f%%" % (got * 100)
        print("%-14s %-10s target %+.1f%%  measured %s" % (tag, actor, want * 100, g))
    print("market value added on announcement days: $%.0fB (story: about $%.0fB)" %
          (total, TOTAL_TARGET))


def loss(rows, total):
    err = 0.0
    for _, _, want, got in rows:
        err += ((got if got is not None else -1.0) - want) ** 2 / 0.03 ** 2
    return err + ((total - TOTAL_TARGET) / (0.1 * TOTAL_TARGET)) ** 2


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    binary, path = sys.argv[1], sys.argv[2]
    seeds = int(sys.argv[sys.argv.index("--seeds") + 1]) if "--seeds" in sys.argv else 0
    if "--typical" in sys.argv:
        n = int(sys.argv[sys.argv.index("--typical") + 1])
        print("typical seed of 1..%d: %d" % (n, typical_seed(binary, path, n)))
        return 0
    if "--fit" not in sys.argv:
        print("seed: the scenario's own")
        report(*measure(binary, path))
        if seeds:
            print("median over seeds 1..%d" % seeds)
            report(*measure_median(binary, path, seeds))
        return 0
    with open(path) as f:
        base = json.load(f)
    grid = {
        "jump_payee": [0.45, 0.5, 0.55],
        "jump_alpha": [1.0, 1.25, 1.5],
        "fomo_gain": [0.6, 1.0, 1.4],
        "jump_payer": [0.03],
        "circular_discount": [0.25, 0.5, 0.75, 1.0],
    }
    best = None
    with tempfile.TemporaryDirectory() as tmp:
        trial = os.path.join(tmp, "s.json")
        for values in itertools.product(*grid.values()):
            sc = json.loads(json.dumps(base))
            sc["market"].update(dict(zip(grid.keys(), values)))
            with open(trial, "w") as f:
                json.dump(sc, f)
            rows, total = measure_median(binary, trial, seeds)
            l = loss(rows, total)
            if best is None or l < best[0]:
                best = (l, dict(zip(grid.keys(), values)), rows, total)
    print("best:", best[1], "loss %.2f" % best[0])
    report(best[2], best[3])
    return 0


if __name__ == "__main__":
    sys.exit(main())
