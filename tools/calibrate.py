#!/usr/bin/env python3
"""Fit the 2025 scenario to the facts sheet by the method of simulated moments; report held-out
facts, confidence ranges and which mechanisms the data can tell from zero (docs/calibration.md).

Usage (from the repository root, after building):
  tools/calibrate.py                     measure the scenario as it is: medians over seeds 1..101
                                         of every fitted and held-out fact
  tools/calibrate.py --fit               fit, bootstrap, identification table; print the report
  tools/calibrate.py --fit --write       the same, then write the fitted values into the scenario,
                                         the report into docs/calibration.md (between its
                                         calib:begin/end markers), pick the typical default seed
                                         and regenerate the what-ifs (tools/whatifs.py make)
  tools/calibrate.py --typical           the seed of 1..101 closest to the medians
Options: --probe PATH (default build/cl_calib), --scenario FILE, --seeds FROM:TO (default 1:101),
         --boot B (bootstrap resamples, default 200), --quick (B = 40, identification without
         the second column), --json FILE (every number of the report, for scripts)

The measuring is done by cl_calib (tools/cl_calib.c), which plays history mode on the seeds once
per line of parameter settings; this script only chooses the settings and does the arithmetic.
Pure Python (no numpy): the machine this runs on has neither numpy nor scipy.
"""
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import time

SCENARIO = "assets/scenarios/closed-loop-2025.json"
DOC = "docs/calibration.md"

# ------------------------------------------------------------------------------------------------
# The facts (/work/shared/reference/closed-loop-facts.md, restated in docs/calibration.md).
# Each fitted fact: the figure, the range its wording allows (lo, hi), the sheet's words.
# The range is the fact's own precision: "rose 11%" is rounded to a whole point, "almost 40%"
# is below 40 (we allow 36..40 and aim at its middle), "about $13B" is rounded to a whole billion
# or so (12..14). The loss aims at the middle of each range; the bootstrap draws within it.

FIT_FACTS = [
    # key, figure, lo, hi, label, source
    ("softbank", 0.11, 0.105, 0.115, "SoftBank first-day move on Stargate",
     "SoftBank: \"SoftBank shares rose 11% after the announcement\""),
    ("oracle", 0.38, 0.36, 0.40, "Oracle first-day move on the $300B contract",
     "Oracle: \"shares rose almost 40%\""),
    ("amd", 0.24, 0.235, 0.245, "AMD first-day move on the MI450 deal",
     "AMD: \"AMD shares +24% that day\""),
    ("revenue", 13.0, 12.0, 14.0, "OpenAI revenue over 2025, $B",
     "The hub: \"Annual revenue about $13B\""),
]

HELD_OUT = [
    # key, figure, lo, hi, label, source, how it is judged
    ("total", 630.0, 630.0 * 0.85, 630.0 * 1.15,
     "market value added to the partners on announcement days, $B",
     "The hub: \"about $630B of combined market value added ... on the first trading day\"",
     "median within 15%"),
    ("oracle_value", 1000.0, 900.0, 1100.0, "Oracle's market value just after its jump, $B",
     "Oracle: \"market value close to $1 trillion\"", "median within 10% of $1T"),
    ("highs", 2.0, 2.0, 12.0,
     "months of 2025 in which the listed companies' combined value set a new high",
     "The hub: \"repeated record highs of US tech indices\"", "median at least 2"),
]

# The parameters fitted, their transform for the search (log: positive) and what pins each.
FIT_PARAMS = [
    ("market.jump_payee", "log", "the payees' level (Oracle, AMD)"),
    ("market.jump_payer", "log", "the payer's level (SoftBank)"),
    ("market.fomo_gain", "log", "the rise from Oracle's jump to AMD's, beyond their sizes"),
    ("actors.openai.revenue_growth", "log", "OpenAI's 2025 revenue"),
]
# The shape parameter held in the first column of the identification table: the one parameter
# the Oracle-versus-AMD contrast can pin once the levels are fitted (see MECHANISMS).
SHAPE = "market.fomo_gain"

# The market mechanisms tested against their null. Each: the parameter, its null, the value it
# has when on (the scenario's value before this calibration), and the decision with its reason.
# A dropped mechanism is set to its null in the scenario (--write) and in every run of the fit.
MECHANISMS = [
    ("market.fomo_gain", 0.0, 0.6, "fit",
     "FOMO contagion, the article's thesis: fitted as the one shape parameter the data pin"),
    ("market.jump_alpha", 1.0, 1.25, "drop",
     "the size elasticity: competes with FOMO for the one contrast the data have (Oracle vs "
     "AMD); held at its null 1, a jump proportional to the deal's size"),
    ("market.circular_discount", 0.0, 0.5, "keep",
     "circular financing, named by the article: an assumption (half the money that comes back "
     "is looked through); it too competes with FOMO for the one contrast"),
    ("market.sentiment_gain", 0.0, 0.5, "drop",
     "enthusiasm amplifying the jumps: the three reactions cannot tell it from the jump "
     "levels; enthusiasm still moves prices monthly (sentiment_beta) and the hub's raises"),
    ("market.rival_spill", 0.0, -0.02, "drop",
     "rivals losing a share of a giant's jump: no fact measures a rival's move on the day"),
    ("market.growth_optimism", 0.0, 0.5, "keep",
     "an assumption: the article's thesis that the market's enthusiasm rests on the hub (its "
     "value follows the mood); it acts mostly after 2025, where the facts sheet has no figure"),
]
DROPPED = {m: null for m, null, on, dec, why in MECHANISMS if dec == "drop"}


# ------------------------------------------------------------------------------------------------
# The probe: one cl_calib process, one JSON line per settings line.

class Probe:
    def __init__(self, exe, scenario, seeds):
        self.cmd = [exe, "--scenario", scenario, "--seeds", seeds]
        self.p = subprocess.Popen(self.cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  text=True, bufsize=1)
        self.cache = {}
        self.evals = 0

    def run(self, settings):
        key = tuple(sorted((k, round(v, 10)) for k, v in settings.items()))
        if key in self.cache:
            return self.cache[key]
        self.p.stdin.write(" ".join("%s=%.10g" % kv for kv in key) + "\n")
        self.p.stdin.flush()
        line = self.p.stdout.readline()
        if not line:
            sys.exit("calibrate: %s stopped (settings %s)" % (" ".join(self.cmd), key))
        d = json.loads(line)
        self.evals += 1
        self.cache[key] = d
        return d

    def close(self):
        self.p.stdin.close()
        self.p.wait()


def per_seed(d):
    """The per-seed columns of a probe answer, by fact key."""
    cols = {}
    for t, r in zip(d["targets"], d["reaction"]):
        cols[t["actor"]] = [x if x is not None else -1.0 for x in r["got"]]
        if t["actor"] == "oracle":
            cols["oracle_value"] = [x if x is not None else 0.0 for x in r["value_after"]]
    for k in ("total", "revenue", "highs", "hub_default"):
        cols[k] = d[k]
    return cols


def median(xs):
    return statistics.median(xs)


def moments(d, idx=None):
    """Medians over the seeds (or over the resample idx) of every fact."""
    cols = per_seed(d)
    out = {}
    for k, c in cols.items():
        out[k] = median(c if idx is None else [c[i] for i in idx])
    return out


# ------------------------------------------------------------------------------------------------
# The loss: squared misses of the medians, in units of each fact's tolerance (its own precision
# and the noise of a median over the seeds, added in quadrature): a chi-square-like number, so
# that a worsening of 3.84 is significant at 5% for one restriction.

def tolerances(d, boot_idx):
    tol = {}
    cols = per_seed(d)
    for key, fig, lo, hi, *_ in FIT_FACTS:
        meds = [median([cols[key][i] for i in idx]) for idx in boot_idx]
        se = statistics.pstdev(meds)
        tol[key] = math.sqrt(se ** 2 + ((hi - lo) / 2) ** 2)
    return tol


def loss(m, tol, targets=None):
    t = targets or {k: fig for k, fig, *_ in FIT_FACTS}
    return sum(((m[k] - t[k]) / tol[k]) ** 2 for k in t)


# ------------------------------------------------------------------------------------------------
# Search: Nelder-Mead in transformed coordinates.

def to_x(names, values):
    tr = {n: t for n, t, _ in FIT_PARAMS}
    return [math.log(values[n]) if tr.get(n) == "log" else values[n] for n in names]


def from_x(names, x):
    tr = {n: t for n, t, _ in FIT_PARAMS}
    return {n: (math.exp(v) if tr.get(n) == "log" else v) for n, v in zip(names, x)}


def nelder_mead(f, x0, step=0.15, max_evals=150, ftol=1e-3):
    n = len(x0)
    pts = [list(x0)] + [[x0[j] + (step if j == i else 0.0) for j in range(n)] for i in range(n)]
    vals = [f(p) for p in pts]
    evals = n + 1
    while evals < max_evals:
        order = sorted(range(n + 1), key=lambda i: vals[i])
        pts, vals = [pts[i] for i in order], [vals[i] for i in order]
        if vals[0] < ftol or abs(vals[-1] - vals[0]) < ftol * 0.1:
            break
        c = [sum(p[j] for p in pts[:-1]) / n for j in range(n)]
        xr = [c[j] + (c[j] - pts[-1][j]) for j in range(n)]
        fr = f(xr)
        evals += 1
        if fr < vals[0]:
            xe = [c[j] + 2 * (c[j] - pts[-1][j]) for j in range(n)]
            fe = f(xe)
            evals += 1
            pts[-1], vals[-1] = (xe, fe) if fe < fr else (xr, fr)
        elif fr < vals[-2]:
            pts[-1], vals[-1] = xr, fr
        else:
            xc = [c[j] + 0.5 * (pts[-1][j] - c[j]) for j in range(n)]
            fc = f(xc)
            evals += 1
            if fc < vals[-1]:
                pts[-1], vals[-1] = xc, fc
            else:
                for i in range(1, n + 1):
                    pts[i] = [pts[0][j] + 0.5 * (pts[i][j] - pts[0][j]) for j in range(n)]
                    vals[i] = f(pts[i])
                    evals += 1
    i = min(range(n + 1), key=lambda k: vals[k])
    return pts[i], vals[i]


def solve(a, b):
    """a x = b by Gaussian elimination with partial pivoting (a is small and square)."""
    n = len(b)
    m = [list(row) + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        if abs(m[p][c]) < 1e-12:
            return None
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for k in range(c, n + 1):
                m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


class Fitter:
    def __init__(self, probe, base, tol):
        self.probe, self.base, self.tol = probe, base, tol

    def settings(self, names, x, fixed=None):
        s = dict(DROPPED)
        s.update(fixed or {})
        s.update(from_x(names, x))
        return s

    def fit(self, names, start, fixed=None, max_evals=150):
        """Minimises the loss over names (others at the scenario's values or `fixed`)."""
        f = lambda x: loss(moments(self.probe.run(self.settings(names, x, fixed))), self.tol)
        x, l = nelder_mead(f, to_x(names, start), max_evals=max_evals)
        return from_x(names, x), l

    def jacobian(self, names, at, h=0.03):
        """d median / d x (x the transformed parameters), central differences."""
        keys = [k for k, *_ in FIT_FACTS]
        x0 = to_x(names, at)
        cols = []
        for j in range(len(names)):
            xp, xm = list(x0), list(x0)
            xp[j] += h
            xm[j] -= h
            mp = moments(self.probe.run(self.settings(names, xp)))
            mm = moments(self.probe.run(self.settings(names, xm)))
            cols.append([(mp[k] - mm[k]) / (2 * h) for k in keys])
        return [[cols[j][i] for j in range(len(names))] for i in range(len(keys))]


# ------------------------------------------------------------------------------------------------
# Reports

def pct(x):
    return "%+.1f%%" % (100 * x)


def fmt_fact(key, v):
    if key in ("softbank", "oracle", "amd"):
        return pct(v)
    if key == "highs":
        return "%.0f" % v
    return "$%.0fB" % v if v >= 100 else "$%.1fB" % v


def fmt_param(v):
    return "%.3g" % v


def measure_report(d):
    m = moments(d)
    n = len(d["total"])
    lines = ["medians over seeds %d..%d:" % tuple(d["seeds"])]
    for key, fig, lo, hi, label, *_ in FIT_FACTS:
        lines.append("  fit    %-62s fact %-7s model %s" % (label, fmt_fact(key, fig),
                                                             fmt_fact(key, m[key])))
    for key, fig, lo, hi, label, *_ in HELD_OUT:
        lines.append("  held   %-62s fact %-7s model %s" % (label, fmt_fact(key, fig),
                                                             fmt_fact(key, m[key])))
    lines.append("  the hub defaulted by December 2025 in %d of %d games" %
                 (sum(d["hub_default"]), n))
    return "\n".join(lines)


def held_out_verdict(key, m):
    for k, fig, lo, hi, *_ in HELD_OUT:
        if k == key:
            return lo <= m <= hi
    return None


def scenario_values(path, names):
    with open(path) as f:
        sc = json.load(f)
    out = {}
    for n in names:
        parts = n.split(".")
        if parts[0] == "market":
            out[n] = sc["market"][parts[1]]
        else:
            a = next(a for a in sc["actors"] if a["id"] == parts[1])
            out[n] = a[parts[2]]
    return out


def write_scenario(path, values, seed=None):
    """Rewrites the numbers in place in the scenario's text, so that the file keeps its layout."""
    with open(path) as f:
        text = f.read()
    for n, v in values.items():
        parts = n.split(".")
        num = "%.3g" % v
        if parts[0] == "market":
            start = text.index('"market"')
        else:
            start = text.index('"id": "%s"' % parts[1])
        pat = re.compile(r'("%s":\s*)(-?[0-9.eE+-]+)' % re.escape(parts[-1]))
        mt = pat.search(text, start)
        text = text[:mt.start(2)] + num + text[mt.end(2):]
    if seed is not None:
        text = re.sub(r'("seed":\s*)[0-9]+', lambda mt: mt.group(1) + str(seed), text, count=1)
    with open(path, "w") as f:
        f.write(text)


def typical_seed(d):
    """The seed whose reactions and total sit closest to the medians, in standard deviations."""
    cols = per_seed(d)
    keys = ["softbank", "oracle", "amd", "total"]
    med = {k: median(cols[k]) for k in keys}
    sd = {k: statistics.pstdev(cols[k]) or 1.0 for k in keys}
    n = len(cols["total"])
    best = min(range(n), key=lambda i: sum(((cols[k][i] - med[k]) / sd[k]) ** 2 for k in keys))
    return d["seeds"][0] + best


def arg(flag, default):
    return sys.argv[sys.argv.index(flag) + 1] if flag in sys.argv else default


def main():
    if "--help" in sys.argv or "-h" in sys.argv:
        print(__doc__)
        return 0
    t0 = time.time()
    exe = arg("--probe", "build/cl_calib")
    scen = arg("--scenario", SCENARIO)
    seeds = arg("--seeds", "1:101")
    quick = "--quick" in sys.argv
    nboot = int(arg("--boot", "40" if quick else "200"))
    if not os.path.exists(exe):
        sys.exit("calibrate: %s not found: build first (cmake --build build --target cl_calib)"
                 % exe)
    probe = Probe(exe, scen, seeds)
    base = probe.run(dict(DROPPED))
    if "--typical" in sys.argv:
        print("typical seed of %d..%d: %d" % (base["seeds"][0], base["seeds"][1],
                                              typical_seed(base)))
        return 0
    if "--fit" not in sys.argv:
        print(measure_report(base))
        return 0

    rng = random.Random(2025)
    n = len(base["total"])
    boot_idx = [[rng.randrange(n) for _ in range(n)] for _ in range(nboot)]
    tol = tolerances(base, boot_idx[:100])
    fitter = Fitter(probe, base, tol)
    names = [p for p, *_ in FIT_PARAMS]
    start = scenario_values(scen, names)
    report = {"seeds": base["seeds"], "tolerance": tol, "start": start,
              "start_loss": loss(moments(base), tol)}

    # 1. The fit.
    best, best_loss = fitter.fit(names, start)
    d_best = probe.run(dict(DROPPED, **best))
    m_best = moments(d_best)
    report.update(fitted=best, loss=best_loss, medians=m_best)
    print("fit: %s  loss %.3f (start %.3f), %d evaluations" % (
        ", ".join("%s=%s" % (k, fmt_param(v)) for k, v in best.items()), best_loss,
        report["start_loss"], probe.evals))

    # 2. Confidence ranges: bootstrap the seeds and draw each fact within its stated precision,
    # refit by Gauss-Newton from the fit with the fit's Jacobian (two steps; each costs one run).
    jac = fitter.jacobian(names, best)
    keys = [k for k, *_ in FIT_FACTS]
    x_best = to_x(names, best)
    draws, boot_loss_at_best = [], []
    for b, idx in enumerate(boot_idx):
        tgt = {k: rng.uniform(lo, hi) for k, fig, lo, hi, *_ in FIT_FACTS}
        boot_loss_at_best.append(loss(moments(d_best, idx), tol, tgt))
        x = list(x_best)
        for _ in range(2):
            m = moments(probe.run(fitter.settings(names, x)), idx)
            dx = solve(jac, [tgt[k] - m[k] for k in keys])
            if dx is None:
                break
            x = [xi + min(max(di, -0.5), 0.5) for xi, di in zip(x, dx)]
        draws.append(from_x(names, x))
    ranges = {}
    for p in names:
        vals = sorted(dr[p] for dr in draws)
        ranges[p] = (vals[int(0.05 * (len(vals) - 1))], vals[int(0.95 * (len(vals) - 1))])
    boot_loss_at_best.sort()
    noise95 = boot_loss_at_best[int(0.95 * (len(boot_loss_at_best) - 1))]
    report.update(ranges=ranges, noise95=noise95, boot=nboot)
    # Held-out facts: the median at the fit, and its 5-95% range over the same resamples.
    held = {}
    cols = per_seed(d_best)
    for key, *_ in HELD_OUT:
        meds = sorted(median([cols[key][i] for i in idx]) for idx in boot_idx)
        held[key] = (m_best[key], meds[int(0.05 * (nboot - 1))], meds[int(0.95 * (nboot - 1))])
    report["held_out"] = held
    report["hub_default_2025"] = sum(d_best["hub_default"])

    # 3. Identification: each mechanism switched to its other state (a kept one to its null, a
    # dropped one back on), the level parameters refitted; first with the shape (fomo_gain)
    # held at its fit, then with it refitted too. The change of the loss against the fit's.
    ident = []
    levels = [p for p in names if p != SHAPE]
    for mech, null, on, decision, why in MECHANISMS:
        alt = on if decision == "drop" else null
        fixed = {mech: alt}
        if mech not in best:
            fixed[SHAPE] = best[SHAPE]
        s1, l1 = fitter.fit(levels, {p: best[p] for p in levels}, fixed, max_evals=80)
        row = {"param": mech, "decision": decision, "why": why, "null": null, "on": on,
               "value": null if decision == "drop" else best.get(mech, on), "alt": alt,
               "loss_shape_held": l1,
               "total_shape_held": moments(probe.run(fitter.settings(
                   levels, to_x(levels, s1), fixed)))["total"]}
        if mech != SHAPE and not quick:
            s2, l2 = fitter.fit(names, best, {mech: alt}, max_evals=120)
            row["loss_shape_free"] = l2
            row["refit_shape_free"] = s2
        ident.append(row)
        print("  %-26s at %-5g: loss %.2f (shape held)%s" % (
            mech, alt, l1, "" if "loss_shape_free" not in row else
            ", %.2f (shape refitted)" % row["loss_shape_free"]))
    report["identification"] = ident
    report["evaluations"] = probe.evals
    report["seconds"] = time.time() - t0
    probe.close()

    md = markdown(report)
    print(md)
    if "--json" in sys.argv:
        with open(arg("--json", ""), "w") as f:
            json.dump(report, f, indent=1, sort_keys=True)
    if "--write" in sys.argv:
        write_back(scen, report, md, exe, seeds)
    return 0


def markdown(r):
    out = []
    out.append("Measured on seeds %d..%d, %d bootstrap resamples, %d runs of cl_calib in %.0f s."
               % (r["seeds"][0], r["seeds"][1], r["boot"], r["evaluations"], r["seconds"]))
    out.append("")
    out.append("Fitted facts (loss %.2f at the fit; it was %.2f with the values before the fit):"
               % (r["loss"], r["start_loss"]))
    out.append("")
    out.append("| fact | figure | allowed by its wording | tolerance in the loss | model median |")
    out.append("| --- | --- | --- | --- | --- |")
    for key, fig, lo, hi, label, src in FIT_FACTS:
        out.append("| %s | %s | %s .. %s | %s | %s |" % (
            label, fmt_fact(key, fig), fmt_fact(key, lo), fmt_fact(key, hi),
            fmt_fact(key, r["tolerance"][key]).lstrip("+"), fmt_fact(key, r["medians"][key])))
    out.append("")
    out.append("| parameter | before | fitted | 90% range (bootstrap) | pinned by |")
    out.append("| --- | --- | --- | --- | --- |")
    for p, _, what in FIT_PARAMS:
        lo, hi = r["ranges"][p]
        out.append("| `%s` | %s | **%s** | %s .. %s | %s |" % (
            p, fmt_param(r["start"][p]), fmt_param(r["fitted"][p]), fmt_param(lo),
            fmt_param(hi), what))
    out.append("")
    out.append("Held-out facts (not in the loss), the model's median at the fit and its 90% range "
               "over the resamples:")
    out.append("")
    out.append("| fact | figure | model median | 90% range | judged | verdict |")
    out.append("| --- | --- | --- | --- | --- | --- |")
    for key, fig, lo, hi, label, src, how in HELD_OUT:
        m, a, b = r["held_out"][key]
        out.append("| %s | %s | %s | %s .. %s | %s | %s |" % (
            label, fmt_fact(key, fig), fmt_fact(key, m), fmt_fact(key, a), fmt_fact(key, b), how,
            "**hit**" if held_out_verdict(key, m) else "**miss**"))
    out.append("")
    out.append("Identification: each mechanism switched to its other state (a kept one to its "
               "null, a dropped one back to its value before this calibration), the other "
               "fitted parameters refitted. The loss is in noise units (the fit's own loss over "
               "the resamples has its 95th percentile at %.2f); a change of the loss by more "
               "than 3.84 (chi-square, one restriction, 5%%) tells the mechanism from its null." %
               r["noise95"])
    out.append("")
    out.append("| parameter | in the scenario | tested at | loss then, fomo_gain held | "
               "fomo_gain refitted | told from null? | total then | decision |")
    out.append("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in r["identification"]:
        l1 = row["loss_shape_held"]
        l2 = row.get("loss_shape_free")
        if row["decision"] == "drop":
            told = r["loss"] - l1 > 3.84 and (l2 is None or r["loss"] - l2 > 3.84)
        else:
            told = l1 - r["loss"] > 3.84 and (l2 is None or l2 - r["loss"] > 3.84)
        out.append("| `%s` | %s | %g | %.2f | %s | %s | $%.0fB | %s: %s |" % (
            row["param"], fmt_param(row["value"]), row["alt"], l1,
            "-" if l2 is None else "%.2f" % l2, "yes" if told else "no",
            row["total_shape_held"], row["decision"], row["why"]))
    return "\n".join(out)


def write_back(scen, report, md, exe, seeds):
    write_scenario(scen, dict(DROPPED, **report["fitted"]))
    probe = Probe(exe, scen, seeds)
    seed = typical_seed(probe.run({}))
    probe.close()
    write_scenario(scen, {}, seed)
    print("wrote %s (default seed %d, the typical one)" % (scen, seed))
    if os.path.exists(DOC):
        with open(DOC) as f:
            text = f.read()
        a, b = "<!-- calib:begin -->", "<!-- calib:end -->"
        if a in text and b in text:
            text = text[:text.index(a) + len(a)] + "\n" + md + "\n" + text[text.index(b):]
            with open(DOC, "w") as f:
                f.write(text)
            print("wrote %s" % DOC)
    subprocess.run([sys.executable, "tools/whatifs.py", "make"], check=True)


if __name__ == "__main__":
    sys.exit(main())
