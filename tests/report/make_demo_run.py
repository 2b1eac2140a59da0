#!/usr/bin/env python3
"""Writes a synthetic output folder of realistic size (36 zones, 2010-2035, 14 sectors, a dozen
levers) in the format the engine writes, for looking at report.html before real runs exist and for
checking that the report stays readable at full size. The numbers are invented: rough base-year
populations and plausible trends, not model results.

    tests/report/make_demo_run.py OUT_DIR [--scenario baseline|no_policy] [--seed N]
"""
import argparse
import json
import math
import os
import random

# id, name, province, functional area, lat, lon, area km2, residents 2010 (persons)
ZONES = [
    ("dongcheng", "Dongcheng", "Beijing", "core", 39.93, 116.42, 41.8, 919000),
    ("xicheng", "Xicheng", "Beijing", "core", 39.91, 116.37, 50.7, 1243000),
    ("chaoyang", "Chaoyang", "Beijing", "central_urban", 39.95, 116.49, 470.8, 3545000),
    ("haidian", "Haidian", "Beijing", "central_urban", 39.99, 116.28, 430.8, 3281000),
    ("fengtai", "Fengtai", "Beijing", "central_urban", 39.84, 116.28, 305.8, 2112000),
    ("shijingshan", "Shijingshan", "Beijing", "central_urban", 39.92, 116.20, 84.3, 616000),
    ("tongzhou", "Tongzhou", "Beijing", "sub_center", 39.88, 116.70, 906.3, 1184000),
    ("shunyi", "Shunyi", "Beijing", "plain", 40.13, 116.65, 1019.9, 877000),
    ("changping", "Changping", "Beijing", "plain", 40.22, 116.23, 1343.5, 1661000),
    ("daxing", "Daxing", "Beijing", "plain", 39.73, 116.34, 1036.3, 1365000),
    ("fangshan", "Fangshan", "Beijing", "plain", 39.72, 116.07, 1989.5, 945000),
    ("mentougou", "Mentougou", "Beijing", "ecological", 39.94, 116.02, 1447.9, 290000),
    ("huairou", "Huairou", "Beijing", "ecological", 40.38, 116.60, 2122.6, 373000),
    ("pinggu", "Pinggu", "Beijing", "ecological", 40.14, 117.12, 950.1, 416000),
    ("miyun", "Miyun", "Beijing", "ecological", 40.40, 116.90, 2229.5, 468000),
    ("yanqing", "Yanqing", "Beijing", "ecological", 40.46, 115.97, 1993.8, 317000),
    ("tianjin_city", "Tianjin city districts", "Tianjin", "city", 39.13, 117.20, 2080.0, 6500000),
    ("binhai", "Binhai New Area", "Tianjin", "city", 39.03, 117.70, 2270.0, 2480000),
    ("wuqing", "Wuqing", "Tianjin", "county", 39.38, 117.04, 1574.0, 910000),
    ("baodi_jizhou", "Baodi and Jizhou", "Tianjin", "county", 39.82, 117.38, 3040.0, 1530000),
    ("jinghai_ninghe", "Jinghai and Ninghe", "Tianjin", "county", 38.95, 116.92, 2890.0, 1620000),
    ("xiongan", "Xiong'an New Area", "Hebei", "xiongan", 39.03, 115.93, 1770.0, 1050000),
    ("baoding", "Baoding (rest)", "Hebei", "city", 38.87, 115.46, 20400.0, 10190000),
    ("langfang", "Langfang (rest)", "Hebei", "city", 39.52, 116.70, 5100.0, 3230000),
    ("sanhe", "Sanhe", "Hebei", "north_three", 39.98, 117.08, 643.0, 650000),
    ("xianghe", "Xianghe", "Hebei", "north_three", 39.76, 117.00, 458.0, 340000),
    ("dachang", "Dachang", "Hebei", "north_three", 39.89, 116.99, 176.0, 120000),
    ("shijiazhuang", "Shijiazhuang", "Hebei", "city", 38.04, 114.51, 14530.0, 10160000),
    ("tangshan", "Tangshan", "Hebei", "city", 39.63, 118.18, 13472.0, 7580000),
    ("qinhuangdao", "Qinhuangdao", "Hebei", "city", 39.94, 119.60, 7813.0, 2990000),
    ("zhangjiakou", "Zhangjiakou", "Hebei", "city", 40.81, 114.88, 36797.0, 4350000),
    ("chengde", "Chengde", "Hebei", "city", 40.95, 117.96, 39519.0, 3470000),
    ("cangzhou", "Cangzhou", "Hebei", "city", 38.30, 116.84, 14056.0, 7130000),
    ("hengshui", "Hengshui", "Hebei", "city", 37.74, 115.67, 8815.0, 4340000),
    ("xingtai", "Xingtai", "Hebei", "city", 37.07, 114.50, 12486.0, 7100000),
    ("handan", "Handan", "Hebei", "city", 36.61, 114.49, 12065.0, 9170000),
]

SECTORS = [  # id, jobs per resident in the core, elsewhere
    ("public_administration", 0.10, 0.02), ("finance", 0.12, 0.01),
    ("central_soe_hq", 0.06, 0.002), ("business_services", 0.09, 0.03),
    ("it_scitech", 0.05, 0.02), ("consumer_services", 0.10, 0.08),
    ("wholesale_logistics", 0.06, 0.04), ("general_manufacturing", 0.03, 0.10),
    ("education", 0.05, 0.03), ("health", 0.05, 0.025), ("research", 0.03, 0.006),
    ("biomedicine", 0.005, 0.005), ("new_energy_vehicles", 0.001, 0.004),
    ("culture_tourism", 0.03, 0.01),
]

POLICY = {  # yearly growth of residents from 2014 (baseline); no_policy keeps the trend
    "core": -0.015, "central_urban": -0.004, "sub_center": 0.035, "xiongan": 0.11,
    "north_three": 0.03,
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--scenario", default="baseline")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    policy = args.scenario != "no_policy"
    years = list(range(2010, 2036))
    groups = {
        "core": ["dongcheng", "xicheng"],
        "six_central": ["dongcheng", "xicheng", "chaoyang", "haidian", "fengtai", "shijingshan"],
        "central_urban": ["dongcheng", "xicheng", "chaoyang", "haidian", "fengtai", "shijingshan"],
        "sub_center": ["tongzhou"],
        "xiongan": ["xiongan"],
        "north_three": ["sanhe", "xianghe", "dachang"],
        "beijing": [z[0] for z in ZONES if z[2] == "Beijing"],
        "tianjin": [z[0] for z in ZONES if z[2] == "Tianjin"],
        "hebei": [z[0] for z in ZONES if z[2] == "Hebei"],
    }
    group_of = {}
    for g, zs in groups.items():
        for z in zs:
            group_of.setdefault(z, []).append(g)

    zone_rows = {}
    for zid, name, prov, area, lat, lon, km2, pop in ZONES:
        res = []
        r = float(pop)
        for y in years:
            res.append(r)
            g = 0.012 if prov != "Hebei" else 0.006
            if policy and y >= 2014:
                g = POLICY.get(area, g * 0.8)
                if zid == "xiongan" and y < 2018:
                    g = 0.02
            r *= 1 + g + rng.uniform(-0.002, 0.002)
        core = area == "core"
        per = {}
        for i, y in enumerate(years):
            m = {"residents": round(res[i])}
            total = 0
            for s, c_core, c_else in SECTORS:
                share = c_core if core else (c_else * (3 if area == "central_urban" else 1))
                if policy and y >= 2015 and s in ("general_manufacturing", "wholesale_logistics"):
                    share *= (0.93 if core or area == "central_urban" else 1.02) ** (y - 2014)
                if policy and y >= 2019 and zid == "tongzhou" and s == "public_administration":
                    share *= 3
                jobs = round(res[i] * share * 1.5)
                m["jobs." + s] = jobs
                m["firms." + s] = max(1, jobs // 40)
                total += jobs
            m["jobs"] = total
            m["firms"] = sum(v for k, v in m.items() if k.startswith("firms."))
            m["institutions"] = round(res[i] / 20000)
            m["staff"] = round(res[i] * 0.02)
            m["rent_housing"] = round((1.0 + (0.045 if core else 0.03) * i * rng.uniform(0.7, 1.3)), 4)
            m["rent_commercial"] = round((1.0 + (0.02 if core else 0.015) * i * rng.uniform(0.5, 1.5)), 4)
            base_commute = 22 + 20 * math.exp(-((lat - 39.92) ** 2 + (lon - 116.4) ** 2) * 8)
            m["commute_minutes"] = round(base_commute + 0.1 * i + rng.uniform(-1, 1), 2)
            m["value_added"] = total * (280000 if prov == "Beijing" else 160000)
            m["service_load.school"] = round(rng.uniform(0.7, 1.3), 3)
            m["service_load.hospital"] = round(rng.uniform(0.7, 1.4), 3)
            m["service_load.elderly"] = round(rng.uniform(0.6, 1.2), 3)
            m["jobs_housing_ratio"] = round(total / res[i], 4)
            per[y] = m
        zone_rows[zid] = per

    def aggregate(zids, y):
        out = {}
        n = sum(zone_rows[z][y]["residents"] for z in zids)
        for k in zone_rows[zids[0]][y]:
            vals = [zone_rows[z][y][k] for z in zids]
            if k.startswith(("rent_", "commute", "service_load")):
                w = [zone_rows[z][y]["residents"] for z in zids]
                out[k] = round(sum(v * wi for v, wi in zip(vals, w)) / n, 4)
            else:
                out[k] = sum(vals)
        out["jobs_housing_ratio"] = round(out["jobs"] / out["residents"], 4)
        return out

    lines = ["year,zone,metric,value"]
    all_z = [z[0] for z in ZONES]
    core2014 = sum(zone_rows[z][2014]["residents"] for z in groups["core"])
    for i, y in enumerate(years):
        ents = {z: zone_rows[z][y] for z in all_z}
        for g, zs in groups.items():
            ents[g] = aggregate(zs, y)
        reg = aggregate(all_z, y)
        bj = ents["beijing"]["residents"]
        reg.update({
            "births": round(reg["residents"] * 0.009), "deaths": round(reg["residents"] * 0.006),
            "immigrants": round(reg["residents"] * 0.004), "emigrants": round(reg["residents"] * 0.003),
            "movers.resident": round(reg["residents"] * 0.02), "movers.firm": 3000 + 100 * i,
            "movers.institution": 2 if policy and y in (2019, 2023, 2025) else 0,
            "core_residents_vs_2014": round(ents["core"]["residents"] / core2014, 4),
            "beijing_residents_vs_cap": round(bj / 23e6, 4),
            "noncapital_jobs_relocated_share": round(min(0.3, max(0, (y - 2014) * 0.012)) if policy else 0, 4),
            "disparity_cv": round(0.62 - (0.006 if policy else 0.002) * i, 4),
            "disparity_theil": round(0.16 - (0.002 if policy else 0.0005) * i, 4),
            "subsidy_paid": (2.0e9 + 1e8 * i) if policy and y >= 2017 else 0,
        })
        ents["region"] = reg
        for e, m in ents.items():
            for k, v in m.items():
                lines.append(f"{y},{e},{k},{v}")
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "metrics.csv"), "w") as f:
        f.write("\n".join(lines) + "\n")

    flows = ["year,agent,from,to,count"]
    coords = {z[0]: (z[4], z[5]) for z in ZONES}
    for y in years[1:]:
        for a in all_z:
            for b in all_z:
                if a == b:
                    continue
                d = math.hypot(coords[a][0] - coords[b][0], coords[a][1] - coords[b][1]) + 0.1
                c = zone_rows[a][y]["residents"] * zone_rows[b][y]["residents"] / 1e12 / d ** 2 * 30
                if policy and a in groups["core"] and b in ("tongzhou", "xiongan", "sanhe"):
                    c += 6000 if y >= 2017 else 0
                if c >= 50:
                    flows.append(f"{y},resident,{a},{b},{round(c)}")
                if c >= 300:
                    flows.append(f"{y},firm,{a},{b},{round(c / 120)}")
        flows.append(f"{y},resident,outside,chaoyang,{rng.randint(20000, 40000)}")
        flows.append(f"{y},resident,haidian,outside,{rng.randint(10000, 20000)}")
        if policy and y == 2019:
            flows.append(f"{y},institution,dongcheng,tongzhou,35")
    with open(os.path.join(args.out, "flows.csv"), "w") as f:
        f.write("\n".join(flows) + "\n")

    levers = []
    if policy:
        def lever(name, type_, desc, frm, until, where, targets=(), **fields):
            levers.append({"name": name, "type": type_, "description": desc, "from": frm,
                           "until": until, "zones": list(where), "targets": list(targets),
                           "fields": fields})
        lever("negative_list_2014", "negative_list", "Catalogue of prohibited and restricted industries",
              2014, None, groups["six_central"], sectors=["general_manufacturing", "wholesale_logistics"])
        lever("manufacturing_exit", "exit_program", "Relocation of general manufacturing", 2015, 2020,
              groups["six_central"], ["langfang", "baoding", "tangshan"], share=0.08)
        lever("wholesale_markets_exit", "exit_program", "Regional wholesale markets and logistics centres",
              2015, 2022, groups["core"] + ["fengtai"], ["langfang", "cangzhou"], share=0.1)
        lever("beijing_cap", "population_cap", "Beijing's 23 million cap", 2016, None,
              groups["beijing"], cap=23000000, zones=["beijing"])
        lever("core_area_control", "core_area_control", "Core area floorspace cuts", 2017, 2030,
              groups["core"], housing_cut=0.01)
        lever("municipal_bodies_1", "mandated_relocation", "Municipal bodies to the sub-center, first batch",
              2019, 2019, groups["core"], ["tongzhou"], share=1.0)
        lever("municipal_bodies_2", "mandated_relocation", "Second batch of municipal bodies", 2024, 2024,
              groups["core"], ["tongzhou"], share=1.0)
        lever("soe_hq_xiongan", "mandated_relocation", "Central SOE headquarters to Xiong'an", 2023, 2030,
              groups["core"], ["xiongan"], share=0.1)
        lever("universities_xiongan", "mandated_relocation", "Universities and hospitals to Xiong'an",
              2024, 2028, groups["six_central"], ["xiongan"], share=0.2)
        lever("tongzhou_integration", "integration_zone", "Tongzhou with Sanhe, Xianghe and Dachang",
              2020, None, ["tongzhou", "sanhe", "xianghe", "dachang"])
        lever("jingxiong_intercity", "transport_project", "Jing-Xiong intercity opens", 2020, None,
              ["daxing", "xiongan"], minutes=50)
        lever("jinxiong_intercity", "transport_project", "Jin-Xiong intercity opens", 2027, None,
              ["tianjin_city", "xiongan"], minutes=60)
        lever("xiongan_housing", "housing_supply", "New housing in Xiong'an", 2018, 2035, ["xiongan"],
              persons_per_year=150000)
        lever("relocation_subsidy", "relocation_incentive", "Subsidy per relocated job", 2017, 2030,
              groups["core"], ["tongzhou", "xiongan"], yuan_per_job=20000)
    def last(z, m):
        return zone_rows[z][2035][m]
    beijing_2035 = sum(last(z, "residents") for z in groups["beijing"])
    core_2035 = sum(last(z, "residents") for z in groups["core"])
    targets = [
        {"id": "beijing_cap_2020", "zone": "beijing", "metric": "residents", "year": 2020,
         "bound": 23e6, "kind": "max",
         "value": sum(zone_rows[z][2020]["residents"] for z in groups["beijing"]), "met": None},
        {"id": "core_minus_15pct", "zone": "core", "metric": "residents", "year": 2035,
         "bound": core2014 * 0.85, "kind": "max", "value": core_2035, "met": None},
        {"id": "xiongan_3m", "zone": "xiongan", "metric": "residents", "year": 2035, "bound": 3e6,
         "kind": "min", "value": last("xiongan", "residents"), "met": None},
    ]
    for t in targets:
        t["met"] = t["value"] <= t["bound"] if t["kind"] == "max" else t["value"] >= t["bound"]
    summary = {
        "scenario": args.scenario,
        "description": "Synthetic demo run (invented numbers) " +
                       ("with the relocation programme's levers" if policy else "without levers"),
        "seed": args.seed, "scale": 0.01, "start_year": 2010, "end_year": 2035,
        "scenario_sha256": "%064x" % rng.getrandbits(256), "version": "demo", "runtime_seconds": 42.0,
        "agents": {"residents": 1100000, "firms": 60000, "institutions": 900},
        "zones": [{"id": z[0], "name": z[1], "province": z[2], "functional_area": z[3], "lat": z[4],
                   "lon": z[5], "area_km2": z[6], "groups": group_of.get(z[0], [])} for z in ZONES],
        "groups": [{"id": g, "zones": zs} for g, zs in groups.items()],
        "levers": levers, "targets": targets,
        "indicators": {"beijing_residents_2035": beijing_2035, "core_residents_2035": core_2035},
    }
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    with open(os.path.join(args.out, "scenario.resolved.yaml"), "w") as f:
        f.write(f"scenario:\n  name: {args.scenario}\n")


if __name__ == "__main__":
    main()
