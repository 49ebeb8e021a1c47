#!/usr/bin/env python3
"""Writes the crowded test scenarios: tests/data/crowd-20.json and tests/data/crowd-50.json.

A vendor-financing loop of the 1999-2001 telecom build-out, made up for the tests of the map's
label placement (tests/test_ui_crowd.c): long names ("Lucent Technologies Inc."), a hub that buys
from many vendors, loans from vendors to the hub and to outside carriers (edges between ring
nodes, not only spokes), market values spread over two orders of magnitude. The market block is
the 2025 scenario's, so the file loads whatever fields that block has.

    python3 tools/crowd_scenario.py          # rewrites both files
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

HUB = ("hub", "Pan-Atlantic Fibre Networks Holdings Ltd.")
VENDORS = [
    ("lucent", "Lucent Technologies Inc."),
    ("nortel", "Nortel Networks Corporation"),
    ("cisco", "Cisco Systems, Inc."),
    ("alcatel", "Alcatel Optical Networks S.A."),
    ("siemens", "Siemens Information & Communication Networks"),
    ("ericsson", "Telefonaktiebolaget LM Ericsson"),
    ("motorola", "Motorola Broadband Communications Inc."),
    ("corning", "Corning Optical Fiber Incorporated"),
    ("jdsu", "JDS Uniphase Corporation"),
    ("juniper", "Juniper Networks, Inc."),
    ("sycamore", "Sycamore Networks Inc."),
    ("ciena", "Ciena Corporation"),
    ("tellabs", "Tellabs Operations Inc."),
    ("adc", "ADC Telecommunications Inc."),
    ("scientific", "Scientific-Atlanta Technologies Inc."),
    ("marconi", "Marconi Communications plc"),
    ("fujitsu", "Fujitsu Network Communications Ltd."),
    ("nec", "NEC Corporation of America"),
    ("avici", "Avici Systems Technologies Inc."),
    ("redback", "Redback Networks Holdings Inc."),
]
CARRIERS = [
    ("winstar", "Winstar Communications Inc."),
    ("teligent", "Teligent Fixed Wireless Inc."),
    ("globalx", "Global Crossing Holdings Ltd."),
    ("level3", "Level 3 Communications, Inc."),
    ("qwest", "Qwest Communications International Inc."),
    ("metromedia", "Metromedia Fiber Network Services Inc."),
    ("williams", "Williams Communications Group Inc."),
    ("n360", "360networks Incorporated"),
    ("xo", "XO Communications LLC"),
    ("covad", "Covad Communications Group Inc."),
    ("northpoint", "NorthPoint Communications Holdings"),
    ("rhythms", "Rhythms NetConnections Inc."),
    ("pathnet", "Pathnet Telecommunications Inc."),
    ("iconet", "ICG Communications Corporation"),
    ("mcleod", "McLeodUSA Incorporated"),
    ("psinet", "PSINet Consulting Solutions Inc."),
    ("exodus", "Exodus Communications Inc."),
    ("genuity", "Genuity Internet Services Corporation"),
    ("allegiance", "Allegiance Telecom Company"),
    ("adelphia", "Adelphia Business Solutions Inc."),
    ("broadwing", "Broadwing Communications LLC"),
    ("flag", "FLAG Telecom Group Limited"),
    ("viatel", "Viatel Holding (Bermuda) Limited"),
    ("kpnqwest", "KPNQwest Technologies N.V."),
    ("enron", "Enron Broadband Services Corporation"),
    ("asia", "Asia Global Crossing Holdings Ltd."),
    ("storm", "Storm Telecommunications Group"),
    ("carrier1", "Carrier1 International S.A."),
    ("ebone", "Ebone Network Technologies B.V."),
]


def actor(aid, name, role, size, k):
    """An actor of market value about `size` $B."""
    price = 20.0 + 7.0 * (k % 9)
    return {
        "id": aid, "name": name, "role": role,
        "cash": round(size * 0.08, 2), "debt": round(size * 0.03, 2),
        "asset_vol": 0.3, "hub_share": 0,
        "revenue": round(size * 0.25, 2), "revenue_growth": 0.2, "growth_floor": 0.05,
        "growth_decay": 0.03, "opex_ratio": 0.7, "capex_budget": round(size * 0.05, 2),
        "shares": round(size / price, 4), "price": price,
        "compute_gw": 1 if role == "hub" else 0,
        "volatility": 0.06, "sentiment_beta": 0.8,
        "objective": {"value": 1, "compute": 1 if role == "hub" else 0, "exposure": -0.3,
                      "survival": 1},
        "baseline": {"fomo_weight": 0.5, "threat_weight": 0.3, "sentiment_weight": 0.4,
                     "risk_weight": 1, "threshold": 0.3, "budget_share": 0.2,
                     "max_exposure": 0.1, "kind": "chip_purchase", "months": 36,
                     "gw_per_billion": 0.01, "cooldown": 12, "min_coverage": 0},
    }


def deal(eid, month, kind, payer, payee, amount, months, title):
    return {"date": month, "type": "deal", "id": eid, "proposer": payer, "kind": kind,
            "payer": payer, "payee": payee, "amount": amount, "months": months,
            "accept": True, "title": title, "reason": "Grow the network.", "answer": "Agreed."}


def month(k):
    k += 1
    return "2000-%02d" % (1 + k) if k < 12 else "2001-%02d" % (1 + (k - 12) % 12)


def scenario(n_vendors, n_carriers):
    base = json.load(open(os.path.join(ROOT, "assets/scenarios/closed-loop-2025.json")))
    vendors, carriers = VENDORS[:n_vendors], CARRIERS[:n_carriers]
    n = 1 + n_vendors + n_carriers
    actors = [actor(HUB[0], HUB[1], "hub", 300, 0)]
    for k, (aid, name) in enumerate(vendors):
        actors.append(actor(aid, name, "giant", 250.0 / (1 + k * 0.7), k + 1))
    for k, (aid, name) in enumerate(carriers):
        actors.append(actor(aid, name, "outside", 40.0 / (1 + k * 0.5), k + 5))
    events = []
    # The hub buys from every vendor, and the first vendors lend it the money back.
    for k, (aid, _) in enumerate(vendors):
        events.append(deal("buy-" + aid, month(k % 6), "chip_purchase", HUB[0], aid,
                           10 + 4 * (k % 5), 24, "The hub orders equipment"))
        if k % 2 == 0:
            events.append(deal("loan-" + aid, month(k % 6), "loan", aid, HUB[0],
                               6 + 2 * (k % 3), 24, "The vendor lends to the hub"))
    # Vendors finance carriers' purchases: edges across the ring.
    for k, (cid, _) in enumerate(carriers):
        v = vendors[(3 * k) % n_vendors][0]
        events.append(deal("buy-%s-%s" % (cid, v), month(k % 8), "chip_purchase", cid, v,
                           3 + (k % 4), 24, "A carrier orders equipment"))
        if k % 3 == 0:
            events.append(deal("loan-%s-%s" % (v, cid), month(k % 8), "loan", v, cid,
                               2 + (k % 3), 24, "The vendor finances the carrier"))
        if k % 4 == 1:
            events.append(deal("sell-%s" % cid, month(k % 8), "chip_purchase", HUB[0], cid,
                               2 + (k % 3), 24, "The hub leases capacity"))
    events.sort(key=lambda e: e["date"])
    return {
        "format": "closedloop-scenario", "version": 1,
        "id": "crowd-%d" % n,
        "title": "The telecom build-out of 1999 to 2001, its vendors and their carriers "
                 "(%d firms, test data)" % n,
        "description": "A made-up vendor-financing loop with long names, for the map's "
                       "label placement tests.",
        "start": "2000-01", "end": "2002-12", "hub": HUB[0], "target_gw": 1000, "seed": 11,
        "market": base["market"], "actors": actors, "initial_deals": [], "events": events,
    }


def main():
    for nv, nc in ((10, 9), (20, 29)):
        s = scenario(nv, nc)
        path = os.path.join(ROOT, "tests/data/%s.json" % s["id"])
        with open(path, "w") as f:
            json.dump(s, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print(path, len(s["actors"]), "actors,", len(s["events"]), "events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
