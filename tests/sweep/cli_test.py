#!/usr/bin/env python3
"""`relocsim sweep` end to end on tests/sweep/data/tiny.yaml (12 runs of about 0.7 s each).

    cli_test.py RELOCSIM WORK CASE [--mpiexec MPIEXEC]

CASE is one of:
  serial  the reference: --jobs 1 into WORK/serial (the other cases but `errors` compare with it)
  jobs    --jobs 2 gives the same runs.csv (every column but `seconds`) and the same indices.csv
  resume  two journal records deleted: a restart runs those two runs only and ends with the same
          files; the records it kept are not rewritten
  kill    a sweep killed with SIGKILL after two runs: a restart runs only the missing runs and
          ends with the same files
  mpi     `mpiexec -n 2` gives the same files (skipped, exit 77, without MPI)
  errors  refusals before any run, with their places in the sweep file, exit code 2

`seconds` (the wall time of each run) is the one column that differs between sweeps; every
comparison leaves it out. Uses the standard library only.
"""
import csv
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SWEEP = os.path.join(HERE, "data", "tiny.yaml")
RUNS = 12
SKIP = 77


def fail(message):
    print("FAILED: " + message)
    sys.exit(1)


def sweep(relocsim, out, *args, expect=0, command=None, sweep_file=SWEEP):
    argv = (command or []) + [relocsim, "sweep", sweep_file, "--out", out, *args]
    started = time.monotonic()
    result = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    print("$ " + " ".join(argv) + f"  # {time.monotonic() - started:.1f} s, exit {result.returncode}")
    print(result.stderr, end="")
    if result.returncode != expect:
        fail(f"exit {result.returncode}, expected {expect}\n{result.stdout}{result.stderr}")
    return result


def rows_without_seconds(folder):
    with open(os.path.join(folder, "runs.csv"), newline="") as f:
        rows = list(csv.reader(f))
    if rows[0][-1] != "seconds":
        fail(f"{folder}/runs.csv: the last column is {rows[0][-1]}, not seconds")
    return [row[:-1] for row in rows]


def read(path):
    with open(path, "rb") as f:
        return f.read()


def same_results(folder, reference):
    ours, theirs = rows_without_seconds(folder), rows_without_seconds(reference)
    if len(ours) != RUNS + 1:
        fail(f"{folder}/runs.csv has {len(ours) - 1} runs, expected {RUNS}")
    if [row[0] for row in ours[1:]] != [str(k) for k in range(RUNS)]:
        fail(f"{folder}/runs.csv is not in run order")
    for a, b in zip(ours, theirs):
        if a != b:
            fail(f"{folder}/runs.csv differs from {reference}/runs.csv:\n{a}\n{b}")
    if read(os.path.join(folder, "indices.csv")) != read(os.path.join(reference, "indices.csv")):
        fail(f"{folder}/indices.csv differs from {reference}/indices.csv")
    print(f"{folder}: runs.csv (but seconds) and indices.csv identical to {reference}'s")


def runs_run(result):
    """The ids of the runs a sweep ran, from its progress lines."""
    return sorted(int(m) for m in re.findall(r"\] run (\d+) ok", result.stderr))


def records(folder):
    journal = os.path.join(folder, "journal")
    return sorted(f for f in os.listdir(journal) if re.fullmatch(r"\d+\.csv", f))


def case_serial(relocsim, work):
    out = os.path.join(work, "serial")
    shutil.rmtree(out, ignore_errors=True)
    result = sweep(relocsim, out, "--jobs", "1")
    rows = rows_without_seconds(out)
    if len(rows) != RUNS + 1 or any(row[-1] != "ok" for row in rows[1:]):
        fail(f"expected {RUNS} runs with status ok:\n{rows}")
    if runs_run(result) != list(range(RUNS)):
        fail(f"ran {runs_run(result)}")
    header = "output,factor,mu,mu_star,sigma,mu_star_conf"
    if not read(os.path.join(out, "indices.csv")).decode().startswith(header):
        fail("indices.csv does not start with " + header)


def case_jobs(relocsim, work):
    out = os.path.join(work, "jobs")
    shutil.rmtree(out, ignore_errors=True)
    sweep(relocsim, out, "--jobs", "2")
    same_results(out, os.path.join(work, "serial"))


def case_resume(relocsim, work):
    out = os.path.join(work, "resume")
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(os.path.join(work, "serial"), out)
    os.remove(os.path.join(out, "runs.csv"))
    os.remove(os.path.join(out, "indices.csv"))
    for k in (3, 8):
        os.remove(os.path.join(out, "journal", f"{k:06}.csv"))
    kept = {f: os.stat(os.path.join(out, "journal", f)).st_mtime_ns for f in records(out)}
    result = sweep(relocsim, out, "--jobs", "2")
    if "resuming: 10 of 12 runs already finished; running 2" not in result.stderr:
        fail("no 'resuming: 10 of 12 runs already finished; running 2'")
    if runs_run(result) != [3, 8]:
        fail(f"the restart ran {runs_run(result)}, expected [3, 8]")
    for f, mtime in kept.items():
        if os.stat(os.path.join(out, "journal", f)).st_mtime_ns != mtime:
            fail(f"the restart rewrote journal/{f}")
    same_results(out, os.path.join(work, "serial"))
    # A finished sweep started again runs nothing and writes the same files.
    again = sweep(relocsim, out)
    if runs_run(again) or "running 0" not in again.stderr:
        fail("a finished sweep ran again")
    same_results(out, os.path.join(work, "serial"))


def case_kill(relocsim, work):
    out = os.path.join(work, "kill")
    shutil.rmtree(out, ignore_errors=True)
    argv = [relocsim, "sweep", SWEEP, "--out", out, "--jobs", "1"]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if os.path.isdir(os.path.join(out, "journal")) and len(records(out)) >= 2:
            break
        time.sleep(0.02)
    process.kill()  # SIGKILL: no chance to clean up
    process.wait()
    done = len(records(out))
    print(f"killed after {done} of {RUNS} runs")
    if done >= RUNS or os.path.exists(os.path.join(out, "runs.csv")):
        fail("the sweep finished before it was killed")
    result = sweep(relocsim, out, "--jobs", "2")
    if f"resuming: {done} of 12 runs already finished; running {RUNS - done}" not in result.stderr:
        fail(f"no 'resuming: {done} of 12 runs already finished'")
    if runs_run(result) != list(range(done, RUNS)):
        fail(f"the restart ran {runs_run(result)}, expected {done} to {RUNS - 1}")
    same_results(out, os.path.join(work, "serial"))


def case_mpi(relocsim, work, mpiexec):
    if not mpiexec or not shutil.which(mpiexec):
        print("SKIPPED: relocsim was built without MPI, or mpiexec is missing")
        sys.exit(SKIP)
    version = subprocess.run([mpiexec, "--version"], capture_output=True, text=True).stdout
    command = [mpiexec, "-n", "2"]
    if "Open MPI" in version or "OpenRTE" in version:
        command += ["--oversubscribe"] + (["--allow-run-as-root"] if os.geteuid() == 0 else [])
    out = os.path.join(work, "mpi")
    shutil.rmtree(out, ignore_errors=True)
    result = sweep(relocsim, out, command=command)
    if "12 runs on 2 processes x 1 job" not in result.stderr:
        fail("the sweep did not run on 2 MPI processes")
    same_results(out, os.path.join(work, "serial"))


def case_errors(relocsim, work):
    os.makedirs(work, exist_ok=True)
    bad = os.path.join(work, "bad.yaml")
    scenario = os.path.join(HERE, "..", "..", "scenarios", "stationary.yaml")
    with open(bad, "w") as f:
        f.write(f"""scenario: {scenario}
set: {{scenario.scale: 0.002, scenario.end_year: 2011}}
factors:
  - {{name: b_time, path: behaviour.household.b_tme, min: -0.06, max: -0.02}}
  - {{name: rounds, path: behaviour.labour.rounds, levels: [1, 2.5]}}
  - {{name: penalty, path: "levers[catalogue].restricted_penalty", min: 1, max: 2}}
design: {{method: grid, n: 2}}
outputs:
  - {{name: core, year: 2011, zone: cor, metric: residents}}
  - {{name: late, year: 2035, zone: region, metric: residents}}
""")
    out = os.path.join(work, "bad")
    shutil.rmtree(out, ignore_errors=True)
    result = sweep(relocsim, out, sweep_file=bad, expect=2)
    expected = [
        f"{bad}:4:26: factor 'b_time' = -0.06: unknown key 'b_tme' in behaviour.household "
        "(did you mean 'b_time'?)",
        f"{bad}:5:26: factor 'rounds' = 2.5: expected an integer, got '2.5'",
        f"{bad}:6:27: factor 'penalty' = 1: no item named 'catalogue' in the list",
        f"{bad}:9:5: output 'core': 'cor' is not a zone or group of the scenario, nor 'region' "
        "(did you mean 'core'?)",
        f"{bad}:10:5: output 'late': year 2035 is outside the scenario's years 2010 to 2011",
    ]
    if result.stderr.splitlines() != expected:
        fail("unexpected refusal:\n" + result.stderr + "expected:\n" + "\n".join(expected))
    if os.path.exists(out):
        fail("a refused sweep wrote its folder")

    # A folder of another sweep is refused, and left as it was.
    other = os.path.join(work, "other")
    shutil.rmtree(other, ignore_errors=True)
    os.makedirs(os.path.join(other, "journal"))
    with open(os.path.join(other, "sweep.key"), "w") as f:
        f.write("relocsim sweep 1\nscenario 0\n")
    result = sweep(relocsim, other, expect=2)
    if "the folder holds another sweep" not in result.stderr:
        fail("a folder of another sweep was not refused")
    if os.listdir(os.path.join(other, "journal")):
        fail("the refused sweep wrote into the folder")


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        sys.exit(2)
    relocsim, work, case = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    mpiexec = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--mpiexec" else None
    os.makedirs(work, exist_ok=True)
    cases = {
        "serial": case_serial,
        "jobs": case_jobs,
        "resume": case_resume,
        "kill": case_kill,
        "errors": case_errors,
    }
    if case == "mpi":
        case_mpi(relocsim, work, mpiexec)
    elif case in cases:
        cases[case](relocsim, work)
    else:
        fail(f"unknown case {case}")
    print("PASSED: " + case)


if __name__ == "__main__":
    main()
