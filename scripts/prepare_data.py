#!/usr/bin/env python3
"""Copies the sourced region data (../shared/data) into scenarios/data, filling the gaps the model
needs with the estimates documented in scenarios/data/README.md. Run from the project root:

    python3 scripts/prepare_data.py ../shared/data scenarios/data

Every filled cell says ESTIMATE in its row's note; source columns are kept as they are.
"""
import csv
import math
import shutil
import sys

src, dst = sys.argv[1], sys.argv[2]

# Zones: Baoding and Xiong'an have no separate 2010 census count (data README). Xiong'an's 2010
# residents are estimated by its end-2022 resident population (S13), i.e. assuming no net change
# 2010-2022; Baoding takes the rest of the combined 2010 count of S08.
BAODING_WITH_XIONGAN_2010 = 11194382  # S08: Baoding incl. Dingzhou and the Xiong'an counties
XIONGAN_2022 = 1273500  # S13: Xiong'an end-2022 resident population

with open(f"{src}/zones.csv", newline="") as f:
    zones = list(csv.DictReader(f))
fields = list(zones[0].keys())
for z in zones:
    if z["id"] == "xiongan":
        z["pop_2010"] = str(XIONGAN_2022)
        z["source_ids"] = z["source_ids"] + ";S13"
        z["note"] = ("ESTIMATE pop_2010: end-2022 resident population of S13 (1273500) taken for 2010, "
                     "i.e. no net change 2010-2022 assumed (likely an overestimate); " + z["note"])
    if z["id"] == "baoding":
        z["pop_2010"] = str(BAODING_WITH_XIONGAN_2010 - XIONGAN_2022)
        z["source_ids"] = z["source_ids"] + ";S13"
        z["note"] = ("ESTIMATE pop_2010: S08's combined 2010 count 11194382 minus the xiongan estimate "
                     "1273500; " + z["note"])
with open(f"{dst}/zones.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    w.writerows(zones)

# Links: rail links without a published time get straight-line distance between the zone points
# at an assumed average intercity speed of 150 km/h (stops included).
RAIL_KMH = 150.0
points = {z["id"]: (float(z["lat"]), float(z["lon"])) for z in zones}


def km(a, b):
    (la1, lo1), (la2, lo2) = points[a], points[b]
    p1, p2 = math.radians(la1), math.radians(la2)
    dp, dl = p2 - p1, math.radians(lo2 - lo1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


with open(f"{src}/links.csv", newline="") as f:
    links = list(csv.DictReader(f))
for l in links:
    if not l["minutes"]:
        d = km(l["from_id"], l["to_id"])
        l["minutes"] = str(round(d / RAIL_KMH * 60))
        l["note"] = (f"ESTIMATE minutes: straight-line {d:.1f} km between zone points at an assumed "
                     f"{RAIL_KMH:.0f} km/h; " + l["note"])
with open(f"{dst}/links.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(links[0].keys()), lineterminator="\n")
    w.writeheader()
    w.writerows(links)

for name in ("policy_events.csv", "targets.csv", "sources.csv"):
    shutil.copy(f"{src}/{name}", f"{dst}/{name}")
