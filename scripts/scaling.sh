#!/usr/bin/env bash
# The scaling study of docs/performance.md in one command: the baseline at several scales and
# thread counts under GNU time, with --profile, plus BM_StreamAgentState (the memory floor of one
# year) at the same scale and threads. Writes results/scaling/scaling.csv and prints a markdown
# table.
#
#   scripts/scaling.sh                                   # scales 0.001 0.01 0.1 1, threads 1 2
#   SCALES="0.001 0.01 0.1" scripts/scaling.sh           # full horizon 2010-2035 without scale 1
#   SCALES=1 THREADS=2 END_YEAR=2012 scripts/scaling.sh  # scale 1: set-up and two years
#
# Environment:
#   BUILD     build directory with relocsim and relocsim_bench (default: build)
#   SCALES    scales to run (default "0.001 0.01 0.1 1")
#   THREADS   thread counts (default "1 2")
#   END_YEAR  last simulated year (default: the scenario's, 2035). The baseline refuses an end
#             year before its last dated lever and target, so with END_YEAR <= 2013 and no
#             SCENARIO the study runs scenarios/no_policy.yaml, which the baseline extends and
#             matches exactly until 2013 (its levers start in 2014; only the indicator
#             beijing_residents_vs_cap differs). Later END_YEARs need a SCENARIO that admits them.
#   SCENARIO  (default scenarios/baseline.yaml)
#   FIRM_SCALE  firm agents per real firm: "same" for the run's scale (firms sampled like
#             residents, so that every store grows with the scale: the linearity test of
#             docs/performance.md), or a number (default: the scenario's rule, min(1, 10 x scale))
#   OUT       results folder (default results/scaling); each run writes OUT/<scale>_<threads>/
#             (OUT/<scale>_<threads>_to<END_YEAR>/ with END_YEAR),
#             its profile and GNU time report beside it; rows are appended to OUT/scaling.csv
#             (a row for the same scale, threads and end year replaces the old one)
#   STREAM    0 to skip BM_StreamAgentState
#   NO_BUILD  1 to use the binaries as they are (a series of runs on one build of a changing tree)
#   COLLECT   1 to only re-read the runs already in OUT (for SCALES, THREADS and END_YEAR)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build=${BUILD:-build}
scales=${SCALES:-0.001 0.01 0.1 1}
thread_counts=${THREADS:-1 2}
end_year=${END_YEAR:-}
scenario=${SCENARIO:-scenarios/baseline.yaml}
if [[ -z ${SCENARIO:-} && -n $end_year && $end_year -le 2013 ]]; then
  scenario=scenarios/no_policy.yaml
  echo "scripts/scaling.sh: END_YEAR=$end_year: running $scenario (the baseline until 2013)" >&2
fi
out=${OUT:-results/scaling}
stream=${STREAM:-1}

if [[ ! -x /usr/bin/time ]]; then
  echo "scripts/scaling.sh: GNU time (/usr/bin/time) is needed: apt-get install time" >&2
  exit 2
fi
targets=(relocsim)
[[ $stream != 0 ]] && targets+=(relocsim_bench)
collect_only=${COLLECT:-0}
[[ ${NO_BUILD:-0} != 1 && $collect_only != 1 ]] && cmake --build "$build" --target "${targets[@]}"
mkdir -p "$out"

extra=()
[[ -n $end_year ]] && extra=(--set "scenario.end_year=$end_year")
firm_scale=${FIRM_SCALE:-}

for scale in $scales; do
  for threads in $thread_counts; do
    [[ $collect_only == 1 ]] && continue
    run=$out/${scale}_${threads}${end_year:+_to$end_year}
    echo "scripts/scaling.sh: scale $scale, $threads thread(s)${end_year:+, to $end_year}" >&2
    rm -rf "$run"
    firms=()
    [[ $firm_scale == same ]] && firms=(--set "scenario.firm_scale=$scale")
    [[ -n $firm_scale && $firm_scale != same ]] && firms=(--set "scenario.firm_scale=$firm_scale")
    if ! /usr/bin/time -v -o "$run.time.txt" \
      "$build/relocsim" run "$scenario" --scale "$scale" --threads "$threads" --profile --quiet \
      --out "$run" "${extra[@]}" "${firms[@]}" 2>"$run.profile.txt"; then
      echo "scripts/scaling.sh: the run failed:" >&2
      tail -n 20 "$run.profile.txt" >&2
      exit 1
    fi
    if [[ $stream != 0 ]]; then
      pattern="^BM_StreamAgentState/scale:${scale//./\\.}/threads:${threads}/"
      "$build/bench/relocsim_bench" --benchmark_filter="$pattern" \
        --benchmark_out="$run.stream.json" --benchmark_out_format=json >/dev/null
    fi
  done
done

python3 - "$out" "$scales" "$thread_counts" "$end_year" <<'PY'
import csv, json, os, re, sys

out, scales, thread_counts, end_year = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), sys.argv[4]
csv_path = os.path.join(out, "scaling.csv")

def profile(path):
    """Seconds per stage from relocsim's --profile table."""
    stages = {}
    for line in open(path):
        m = re.match(r"^(.+?)\s+([0-9.]+)\s+[0-9.]+%$", line.rstrip())
        if m and m.group(1) != "stage":
            stages[m.group(1).strip()] = float(m.group(2))
    return stages

def gnu_time(path):
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time.*: (.+)", text).group(1).strip()
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    cpu = sum(float(re.search(rf"{k} time \(seconds\): ([0-9.]+)", text).group(1))
              for k in ("User", "System"))
    return seconds, rss_kb, cpu

def stream_ms(path):
    if not os.path.exists(path):
        return None
    runs = [b for b in json.load(open(path))["benchmarks"] if b.get("run_type") == "iteration"]
    if not runs:
        return None
    unit = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[runs[0]["time_unit"]]
    return min(b["real_time"] for b in runs) * unit

rows = []
processes = []
for scale in scales:
    for threads in thread_counts:
        run = os.path.join(out, f"{scale}_{threads}" + (f"_to{end_year}" if end_year else ""))
        summary = json.load(open(os.path.join(run, "summary.json")))
        stages = profile(run + ".profile.txt")
        wall, rss_kb, cpu = gnu_time(run + ".time.txt")
        setup = stages.pop("setup (world, calibration)")
        years = summary["end_year"] - summary["start_year"]
        for name in stages:
            if name not in processes:
                processes.append(name)
        per_year = sum(stages.values()) / years
        floor = stream_ms(run + ".stream.json")
        row = {
            "scale": scale, "threads": threads, "scenario": summary["scenario"],
            "end_year": summary["end_year"], "years": years,
            "residents": summary["agents"]["residents"], "firms": summary["agents"]["firms"],
            "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
            # Cores the run got: on a machine shared with other jobs, below the thread count.
            "cpu_per_wall": round(cpu / wall, 2), "setup_s": round(setup, 3),
            "per_year_s": round(per_year, 4),
            "other_s": round(wall - setup - per_year * years, 2),
            "peak_rss_mib": round(rss_kb / 1024, 1),
            "us_per_resident_year": round(per_year / summary["agents"]["residents"] * 1e6, 4),
            # Per agent of either kind (residents and firm agents at the start).
            "us_per_agent_year": round(
                per_year / (summary["agents"]["residents"] + summary["agents"]["firms"]) * 1e6, 4),
            "stream_ms": "" if floor is None else round(floor, 3),
            "year_over_stream": "" if floor is None else round(per_year * 1e3 / floor, 1),
        }
        for name, seconds in stages.items():
            row[name + "_s_per_year"] = round(seconds / years, 4)
        rows.append(row)

base = ["scale", "threads", "scenario", "end_year", "years", "residents", "firms", "wall_s", "cpu_s",
        "cpu_per_wall", "setup_s",
        "per_year_s", "other_s", "peak_rss_mib", "us_per_resident_year", "us_per_agent_year",
        "stream_ms",
        "year_over_stream"]
# Keep earlier rows of other (scale, threads, end year) combinations, so that partial runs add up.
old = []
if os.path.exists(csv_path):
    with open(csv_path) as f:
        old = list(csv.DictReader(f))
    for r in old:
        for k in r:
            if k.endswith("_s_per_year") and k[: -len("_s_per_year")] not in processes:
                processes.append(k[: -len("_s_per_year")])
new_keys = {(r["scale"], str(r["threads"]), str(r["end_year"])) for r in rows}
old = [r for r in old if (r["scale"], r["threads"], r["end_year"]) not in new_keys]
fields = base + [p + "_s_per_year" for p in processes]
with open(csv_path, "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=fields, restval="")
    w.writeheader()
    for r in sorted(old + rows, key=lambda r: (float(r["scale"]), int(r["threads"]), int(r["end_year"]))):
        w.writerow(r)

print("| scale | threads | scenario | years | residents | firm agents | wall s | CPU s | CPU/wall | setup s "
      "| s/year | peak RSS MiB | µs/resident-year | µs/agent-year | stream ms | year/stream |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['scale']} | {r['threads']} | {r['scenario']} | {r['years']} | {r['residents']:,} "
          f"| {r['firms']:,} | {r['wall_s']} | {r['cpu_s']} | {r['cpu_per_wall']} "
          f"| {r['setup_s']} | {r['per_year_s']} | {r['peak_rss_mib']} "
          f"| {r['us_per_resident_year']} | {r['us_per_agent_year']} | {r['stream_ms']} "
          f"| {r['year_over_stream']} |")
print()
print("Seconds per simulated year by process (and its ratio to the stream floor):")
print()
print("| scale | threads | " + " | ".join(processes) + " |")
print("|---|---|" + "---|" * len(processes))
for r in rows:
    cells = []
    for p in processes:
        v = r.get(p + "_s_per_year", "")
        ratio = f" ({v * 1e3 / r['stream_ms']:.1f}×)" if v != "" and r["stream_ms"] else ""
        cells.append(f"{v}{ratio}")
    print(f"| {r['scale']} | {r['threads']} | " + " | ".join(cells) + " |")
print(f"\nwritten: {csv_path}", file=sys.stderr)
PY
