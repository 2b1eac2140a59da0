#!/usr/bin/env bash
# Does a coarse scale stand for a fine one? Runs a scenario at two scales with several seeds each
# and compares every zone's residents year by year, against the seed-to-seed noise measured at
# the coarse scale (docs/performance.md, "Scale 1 against scale 0.1"). Writes
# OUT/scale_match.csv (one row per year and zone) and prints a markdown summary.
#
#   scripts/scale_match.sh                                 # 0.1 (7 seeds) against 1 (4 seeds)
#   COARSE=0.01 FINE=0.1 scripts/scale_match.sh            # a quicker pair
#   COLLECT=1 scripts/scale_match.sh                       # only re-read the runs in OUT
#
# Environment:
#   BUILD         build directory with relocsim (default: build)
#   SCENARIO      (default scenarios/baseline.yaml)
#   COARSE, FINE  the two scales (default 0.1 and 1)
#   COARSE_SEEDS  (default "1 2 3 4 5 6 20140226"); FINE_SEEDS (default "1 2 3 20140226")
#   THREADS       engine threads per run (default: all cores)
#   METRIC        the metrics.csv metric compared (default residents)
#   OUT           results folder (default results/scale_match); runs in OUT/<scale>_s<seed>/,
#                 kept: a run whose folder holds summary.json is not made again
#   COLLECT       1 to only read the runs already in OUT
#
# For each zone and year: the mean of each scale's runs, the coarse runs' standard deviation
# (SD: one coarse run's noise) and t, the difference of the means in standard errors (Welch).
# Per year: the sum of t^2 over the zones, the zones with |t| > 2, and how many single fine runs
# fall outside the coarse runs' mean +- 2 SD. What the first two give when the scales agree is
# drawn and printed above the table: with seven and four seeds the sum averages about 1.3 times
# the number of zones (43 for 32 zones, 95 % bound 68), not the number of zones.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build=${BUILD:-build}
scenario=${SCENARIO:-scenarios/baseline.yaml}
coarse=${COARSE:-0.1}
fine=${FINE:-1}
coarse_seeds=${COARSE_SEEDS:-1 2 3 4 5 6 20140226}
fine_seeds=${FINE_SEEDS:-1 2 3 20140226}
metric=${METRIC:-residents}
out=${OUT:-results/scale_match}
threads=()
[[ -n ${THREADS:-} ]] && threads=(--threads "$THREADS")

run_one() {
  local scale=$1 seed=$2
  local run=$out/${scale}_s${seed}
  [[ -f $run/summary.json ]] && return 0
  if [[ ${COLLECT:-0} == 1 ]]; then
    echo "scripts/scale_match.sh: $run has no run (COLLECT=1 only reads)" >&2
    exit 1
  fi
  echo "scripts/scale_match.sh: scale $scale, seed $seed" >&2
  rm -rf "$run"
  "$build/relocsim" run "$scenario" --scale "$scale" --seed "$seed" "${threads[@]}" --quiet \
    --out "$run"
}

mkdir -p "$out"
for seed in $coarse_seeds; do run_one "$coarse" "$seed"; done
for seed in $fine_seeds; do run_one "$fine" "$seed"; done

python3 - "$out" "$coarse" "$fine" "$coarse_seeds" "$fine_seeds" "$metric" <<'PY'
import csv, json, math, os, statistics, sys

out, coarse, fine, coarse_seeds, fine_seeds, metric = sys.argv[1:7]

def runs(scale, seeds):
    return [os.path.join(out, f"{scale}_s{s}") for s in seeds.split()]

def load(run):
    values = {}
    with open(os.path.join(run, "metrics.csv")) as f:
        for r in csv.DictReader(f):
            if r["metric"] == metric:
                values[(int(r["year"]), r["zone"])] = float(r["value"])
    return values

a_runs, b_runs = runs(coarse, coarse_seeds), runs(fine, fine_seeds)
if len(a_runs) < 2 or len(b_runs) < 2:
    sys.exit("scripts/scale_match.sh: at least two seeds per scale are needed")
zones = [z["id"] for z in json.load(open(os.path.join(a_runs[0], "summary.json")))["zones"]]
A, B = [load(r) for r in a_runs], [load(r) for r in b_runs]
years = sorted({y for (y, z) in A[0] if z in zones})

rows = []
for y in years:
    for z in zones:
        a = [v[(y, z)] for v in A]
        b = [v[(y, z)] for v in B]
        ma, mb = statistics.mean(a), statistics.mean(b)
        sa, sb = statistics.stdev(a), statistics.stdev(b)
        se = math.sqrt(sa * sa / len(a) + sb * sb / len(b))
        t = (mb - ma) / se if se > 0 else 0.0
        outside = sum(1 for x in b if sa > 0 and abs(x - ma) > 2 * sa)
        rows.append({"year": y, "zone": z, "coarse_mean": round(ma, 1), "fine_mean": round(mb, 1),
                     "difference_pct": round((mb / ma - 1) * 100, 4) if ma else 0.0,
                     "coarse_sd": round(sa, 1), "fine_sd": round(sb, 1), "t": round(t, 3),
                     "fine_runs_outside_2sd": outside})

path = os.path.join(out, "scale_match.csv")
with open(path, "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)

# What the two statistics look like when the scales agree: t is Welch's, with the coarse SD from
# only a few seeds, so t² averages more than 1 and |t| > 2 is more frequent than 1 in 20. Drawn
# for independent zones with normal noise, the fine runs' SD sqrt(coarse / fine) times the
# coarse runs' (sampling noise).
import random
draw = random.Random(20140226)
ratio = math.sqrt(float(coarse) / float(fine))
null_chi, null_big = [], []
for _ in range(4000):
    chi = big = 0
    for _ in zones:
        a = [draw.gauss(0, 1) for _ in A]
        b = [draw.gauss(0, ratio) for _ in B]
        t = (statistics.mean(b) - statistics.mean(a)) / math.sqrt(
            statistics.variance(a) / len(a) + statistics.variance(b) / len(b))
        chi += t * t
        big += abs(t) > 2
    null_chi.append(chi)
    null_big.append(big)
null_chi.sort()
null_big.sort()
def quantile(v, q):
    return v[int(q * (len(v) - 1))]

print(f"{metric}: scale {fine} ({len(B)} seeds) against {coarse} ({len(A)} seeds), "
      f"{len(zones)} zones")
print()
print(f"If the scales agree, the sum of t² over the zones is {statistics.mean(null_chi):.0f} on "
      f"average (95 %: {quantile(null_chi, 0.95):.0f}, 99 %: {quantile(null_chi, 0.99):.0f}) and "
      f"|t| > 2 in {statistics.mean(null_big):.1f} zones (95 %: {quantile(null_big, 0.95)}), "
      f"drawn for independent zones (zones share regional totals, so the real spread is somewhat "
      f"wider); years are not independent.")
print()
print(f"| year | sum of t² over the zones | zones with \\|t\\| > 2 "
      f"| the largest | single {fine} runs outside the {coarse} runs' mean ± 2 SD |")
print("|---|---|---|---|---|")
for y in years:
    of_year = [r for r in rows if r["year"] == y]
    chi = sum(r["t"] ** 2 for r in of_year)
    big = sorted((r for r in of_year if abs(r["t"]) > 2), key=lambda r: -abs(r["t"]))
    largest = ", ".join(f"{r['zone']} {r['difference_pct']:+.2f} % ({r['t']:+.1f})" for r in big[:3])
    outside = sum(r["fine_runs_outside_2sd"] for r in of_year)
    print(f"| {y} | {chi:.0f} | {len(big)} | {largest} | {outside} of {len(of_year) * len(B)} |")
print(f"\nwritten: {path}", file=sys.stderr)
PY
