#!/usr/bin/env python3
"""Prints the markdown tables of docs/scenarios.md from run output folders. Runs nothing: it
reads metrics.csv, summary.json and targets.csv of folders written by `relocsim run`.

    scripts/scenario_table.py results/scenarios/baseline results/scenarios/no_policy ...
    scripts/scenario_table.py --diff results/scenarios/no_policy results/scenarios/baseline
    scripts/scenario_table.py --targets results/scenarios/baseline results/scenarios/plan_2035
    scripts/scenario_table.py --calibration results/scenarios/no_policy
    scripts/scenario_table.py --range seeds/baseline_1 seeds/baseline_2 seeds/baseline_3
    scripts/scenario_table.py --range --diff seeds/no_policy_1,seeds/no_policy_2 \
        seeds/baseline_1 seeds/baseline_2

Default: one table per folder, residents and jobs (millions) of the groups in the years.
--diff REF: each folder's residents and jobs minus those of REF (thousands).
--targets: each folder's targets (targets.csv) with bound, value and whether met.
--calibration: Beijing, the six central districts and the core at the end of 2014 against the
observed 21.516 million and 12.76 million (S49 and the data README).
--range: the lowest and highest value over the folders, runs of one scenario with different seeds;
with --diff REF1,REF2,..., of the differences from the reference folders paired by position.
Python 3 standard library only.
"""
import argparse
import csv
import json
import os
import sys

GROUPS = ["core", "sub_center", "xiongan", "north_three", "beijing", "tianjin", "hebei"]
METRICS = ["residents", "jobs"]
DEFAULT_YEARS = [2010, 2020, 2025, 2035]
# Observed end-2014 figures the trends are calibrated to (scenarios/data/README.md, A1).
OBSERVED_2014 = {"beijing": 21516000, "six_central": 12760000}


def read_run(folder):
    """Returns (summary dict, {(year, zone, metric): value}) of an output folder."""
    summary_path = os.path.join(folder, "summary.json")
    metrics_path = os.path.join(folder, "metrics.csv")
    for path in (summary_path, metrics_path):
        if not os.path.isfile(path):
            sys.exit(f"scenario_table.py: {path}: not found (run the scenario first)")
    with open(summary_path) as f:
        summary = json.load(f)
    values = {}
    with open(metrics_path, newline="") as f:
        for row in csv.DictReader(f):
            if row["metric"] in METRICS or row["zone"] in ("beijing", "six_central", "core"):
                values[(int(row["year"]), row["zone"], row["metric"])] = float(row["value"])
    return summary, values


def run_label(summary):
    return f"seed {summary['seed']}, scale {summary['scale']}"


def provenance(summary):
    return (f"<sub>relocsim {summary.get('version', '?')}, scenario sha256 "
            f"{summary.get('scenario_sha256', '?')[:12]}…</sub>")


def millions(v):
    return "–" if v is None else f"{v / 1e6:.2f}"


def thousands(v):
    if v is None:
        return "–"
    k = round(v / 1e3)
    return "0" if k == 0 else f"{k:+,d}"


def header(years):
    cols = [f"{m} {y}" for m in METRICS for y in years]
    return ("| group | " + " | ".join(cols) + " |\n|---|" + "---:|" * len(cols))


def table(values, years, fmt, ref=None):
    lines = []
    for g in GROUPS:
        cells = []
        for m in METRICS:
            for y in years:
                v = values.get((y, g, m))
                if ref is not None:
                    r = ref.get((y, g, m))
                    v = None if v is None or r is None else v - r
                cells.append(fmt(v))
        lines.append(f"| {g} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def print_levels(folders, years):
    for folder in folders:
        summary, values = read_run(folder)
        print(f"**{summary['scenario']}** ({run_label(summary)}) — millions of residents and jobs\n")
        print(header(years))
        print(table(values, years, millions))
        print(f"\n{provenance(summary)}\n")


def print_diffs(ref_folder, folders, years):
    ref_summary, ref = read_run(ref_folder)
    for folder in folders:
        summary, values = read_run(folder)
        runs = (f"both {run_label(summary)}" if run_label(summary) == run_label(ref_summary) else
                f"{run_label(summary)}; {ref_summary['scenario']}: {run_label(ref_summary)}")
        print(f"**{summary['scenario']} − {ref_summary['scenario']}** ({runs}) — thousands of "
              f"residents and jobs\n")
        print(header(years))
        print(table(values, years, thousands, ref))
        print(f"\n{provenance(summary)}\n")


def fmt_range(values, fmt):
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    lo, hi = min(values), max(values)
    return fmt(lo) if fmt(lo) == fmt(hi) else f"{fmt(lo)} to {fmt(hi)}"


def print_range(folders, years, refs=None):
    """Lowest and highest value over runs of one scenario (e.g. several seeds); with refs, of the
    differences run minus reference, paired by position."""
    runs = [read_run(f) for f in folders]
    ref_runs = [read_run(f) for f in refs] if refs else None
    if ref_runs is not None and len(ref_runs) != len(runs):
        sys.exit("scenario_table.py: --range --diff needs one reference folder per folder")
    names = sorted({s["scenario"] for s, _ in runs})
    seeds = ", ".join(str(s["seed"]) for s, _ in runs)
    scales = sorted({str(s["scale"]) for s, _ in runs})
    if ref_runs is None:
        title = f"**{', '.join(names)}**, lowest to highest over {len(runs)} runs"
        unit, fmt = "millions of residents and jobs", millions
    else:
        ref_names = sorted({s["scenario"] for s, _ in ref_runs})
        title = (f"**{', '.join(names)} − {', '.join(ref_names)}**, lowest to highest over "
                 f"{len(runs)} pairs of runs with the same seed")
        unit, fmt = "thousands of residents and jobs", thousands
    print(f"{title} (seeds {seeds}; scale {', '.join(scales)}) — {unit}\n")
    print(header(years))
    for g in GROUPS:
        cells = []
        for m in METRICS:
            for y in years:
                vals = []
                for i, (_, v) in enumerate(runs):
                    x = v.get((y, g, m))
                    if ref_runs is not None:
                        r = ref_runs[i][1].get((y, g, m))
                        x = None if x is None or r is None else x - r
                    vals.append(x)
                cells.append(fmt_range(vals, fmt))
        print(f"| {g} | " + " | ".join(cells) + " |")
    print()


def print_targets(folders):
    for folder in folders:
        summary, _ = read_run(folder)
        path = os.path.join(folder, "targets.csv")
        rows = []
        if os.path.isfile(path):
            with open(path, newline="") as f:
                rows = list(csv.DictReader(f))
        print(f"**{summary['scenario']}** ({run_label(summary)})\n")
        if not rows:
            print("No targets.\n")
            continue
        print("| target | zone | metric | year | bound | value | met | description |")
        print("|---|---|---|---:|---:|---:|:---:|---|")
        for r in rows:
            sign = "≤" if r["kind"] == "max" else "≥"
            bound, value = float(r["bound"]), float(r["value"])
            fmt = (lambda v: f"{v:,.0f}") if abs(bound) >= 100 else (lambda v: f"{v:.3f}")
            met = "yes" if r["met"] == "true" else "**no**"
            print(f"| {r['id']} | {r['zone']} | {r['metric']} | {r['year']} | {sign} {fmt(bound)} "
                  f"| {fmt(value)} | {met} | {r['description']} |")
        print(f"\n{provenance(summary)}\n")


def print_calibration(folders):
    print("| run | seed | zone | residents 2010 | residents 2014 | observed 2014 | difference |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for folder in folders:
        summary, values = read_run(folder)
        for zone in ("beijing", "six_central", "core"):
            v0 = values.get((summary["start_year"], zone, "residents"))
            v = values.get((2014, zone, "residents"))
            obs = OBSERVED_2014.get(zone)
            diff = "" if obs is None or v is None else f"{(v - obs) / obs:+.2%}"
            print(f"| {summary['scenario']} | {summary['seed']} | {zone} | {v0:,.0f} | {v:,.0f} | "
                  f"{'' if obs is None else f'{obs:,}'} | {diff} |")
    print()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("folders", nargs="+", help="output folders of relocsim run")
    p.add_argument("--years", default=",".join(map(str, DEFAULT_YEARS)),
                   help="comma-separated years (default %(default)s)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--diff", metavar="REF", help="differences from this output folder")
    mode.add_argument("--targets", action="store_true", help="targets met or not")
    mode.add_argument("--calibration", action="store_true", help="2014 against observed")
    p.add_argument("--range", action="store_true",
                   help="lowest to highest over the folders (runs of one scenario, e.g. seeds); "
                        "with --diff, REF is a comma-separated list paired with the folders")
    a = p.parse_args()
    years = [int(y) for y in a.years.split(",") if y]
    if a.targets:
        print_targets(a.folders)
    elif a.calibration:
        print_calibration(a.folders)
    elif a.range:
        print_range(a.folders, years, a.diff.split(",") if a.diff else None)
    elif a.diff:
        print_diffs(a.diff, a.folders, years)
    else:
        print_levels(a.folders, years)


if __name__ == "__main__":
    main()
