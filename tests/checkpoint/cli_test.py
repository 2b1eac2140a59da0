#!/usr/bin/env python3
"""Checkpoints, resume and signals through the relocsim binary, on scenarios/baseline.yaml at scale
0.002 (about 3 s a run).

    cli_test.py RELOCSIM WORK CASE

CASE is one of:
  reference  the uninterrupted run (WORK/reference), and a short complete run of no_policy.yaml
             with a checkpoint (WORK/previous: the earlier run of a folder)
  kill       a run with --checkpoint-every 2 killed with SIGKILL once its 2016 checkpoint is
             written; `relocsim resume` (with another thread count) ends with the reference's
             metrics.csv and flows.csv, and its summary.json differs only in run time, command
             line and thread count
  sigterm    SIGTERM to a run into a folder holding a complete run: exit 143, "interrupted at year",
             every file as it was (the earlier checkpoint too); with --checkpoint-every, the only
             change is checkpoint.bin, which `relocsim resume` then refuses as of another scenario
  resolved   `relocsim run DIR/scenario.resolved.yaml` reproduces metrics.csv and flows.csv
  refusals   resume without a folder or checkpoint, with a damaged, truncated or foreign
             checkpoint, bad option values, --out to a folder holding other files: exit 2, the
             message, the folder untouched

Uses the standard library only.
"""
import hashlib
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
BASELINE = os.path.join(SOURCE, "scenarios", "baseline.yaml")
NO_POLICY = os.path.join(SOURCE, "scenarios", "no_policy.yaml")
SMALL = ["--set", "scenario.scale=0.002"]
# A short complete run: the earlier outputs of a folder that later runs must leave alone.
PREVIOUS = [NO_POLICY, *SMALL, "--set", "scenario.end_year=2013", "--threads", "2"]


def fail(message):
    print("FAILED: " + message)
    sys.exit(1)


def relocsim_run(relocsim, *args, expect=0, contains=None):
    argv = [relocsim, *args]
    started = time.monotonic()
    result = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    print("$ " + " ".join(argv) + f"  # {time.monotonic() - started:.1f} s, exit {result.returncode}")
    print(result.stderr, end="")
    if result.returncode != expect:
        fail(f"exit {result.returncode}, expected {expect}\n{result.stdout}{result.stderr}")
    if contains is not None and contains not in result.stderr:
        fail(f"stderr lacks '{contains}'")
    return result


def read(path):
    with open(path, "rb") as f:
        return f.read()


def snapshot(folder):
    """sha256 of every file in the folder, by name."""
    return {name: hashlib.sha256(read(os.path.join(folder, name))).hexdigest()
            for name in sorted(os.listdir(folder))}


def same_outputs(folder, reference):
    for name in ("metrics.csv", "flows.csv"):
        if read(os.path.join(folder, name)) != read(os.path.join(reference, name)):
            fail(f"{folder}/{name} differs from {reference}/{name}")
    print(f"{folder}: metrics.csv and flows.csv identical to {reference}")


def summary_without(folder, keys):
    with open(os.path.join(folder, "summary.json")) as f:
        summary = json.load(f)
    for key in keys:
        summary.pop(key, None)
    return summary


def checkpoint_year(path):
    """The year in a checkpoint's header (docs/checkpoints.md), None while it cannot be read."""
    try:
        data = read(path)
        at = 16 + 4 + 4
        for _ in range(2):  # relocsim version, scenario sha256
            (length,) = struct.unpack_from("<Q", data, at)
            at += 8 + length
        (year,) = struct.unpack_from("<i", data, at)
        return year
    except (OSError, struct.error):
        return None


def copy(source, target):
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)


def case_reference(relocsim, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    relocsim_run(relocsim, "run", BASELINE, *SMALL, "--threads", "2", "--quiet",
                 "--out", os.path.join(work, "reference"))
    if os.path.exists(os.path.join(work, "reference", "checkpoint.bin")):
        fail("a run without --checkpoint-every wrote a checkpoint")
    # Provenance: what built and ran it.
    with open(os.path.join(work, "reference", "summary.json")) as f:
        summary = json.load(f)
    for key in ("version", "compiler", "build_type", "scenario_sha256", "seed", "scale",
                "threads", "command_line"):
        if summary.get(key) in (None, ""):
            fail(f"summary.json lacks {key}")
    if summary["threads"] != 2 or summary["scale"] != 0.002 or \
            not summary["command_line"].endswith("--out " + os.path.join(work, "reference")):
        fail(f"summary.json: threads {summary['threads']}, scale {summary['scale']}, "
             f"command line {summary['command_line']}")
    relocsim_run(relocsim, "run", *PREVIOUS, "--checkpoint-every", "2", "--quiet",
                 "--out", os.path.join(work, "previous"))
    if checkpoint_year(os.path.join(work, "previous", "checkpoint.bin")) != 2012:
        fail("the previous run has no checkpoint of 2012")


def case_kill(relocsim, work):
    out = os.path.join(work, "kill")
    shutil.rmtree(out, ignore_errors=True)
    argv = [relocsim, "run", BASELINE, *SMALL, "--threads", "2", "--quiet",
            "--checkpoint-every", "2", "--out", out]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    checkpoint = os.path.join(out, "checkpoint.bin")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        year = checkpoint_year(checkpoint)
        if year is not None and year >= 2016:
            break
        time.sleep(0.01)
    process.kill()  # SIGKILL: no chance to clean up
    process.wait()
    year = checkpoint_year(checkpoint)
    print(f"killed with a checkpoint of {year}")
    if os.path.exists(os.path.join(out, "metrics.csv")) or year is None or year >= 2034:
        fail("the run was not killed mid-way")
    relocsim_run(relocsim, "resume", out, "--threads", "1", "--quiet")
    same_outputs(out, os.path.join(work, "reference"))
    ignore = ["runtime_seconds", "command_line", "resumed", "threads"]
    if summary_without(out, ignore) != summary_without(os.path.join(work, "reference"), ignore):
        fail("summary.json differs in more than run time, command line and threads")
    leftovers = [n for n in os.listdir(out) if n.startswith(".relocsim-")]
    if leftovers:
        fail(f"temporary files left: {leftovers}")


def stop_with_sigterm(argv, ready):
    """Starts argv, waits until ready() (or 1.5 s when ready is None), sends SIGTERM."""
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + (1.5 if ready is None else 120)
    while time.monotonic() < deadline and process.poll() is None:
        if ready is not None and ready():
            break
        time.sleep(0.01)
    if process.poll() is not None:
        fail("the run ended before it could be interrupted")
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    print("$ " + " ".join(argv) + f"  # SIGTERM, exit {process.returncode}")
    print(err, end="")
    if process.returncode != 143:
        fail(f"exit {process.returncode} after SIGTERM, expected 143")
    if "relocsim: interrupted at year " not in err:
        fail("stderr lacks 'interrupted at year'")
    return err


def case_sigterm(relocsim, work):
    # Without checkpoints: the folder, earlier checkpoint included, is left byte for byte.
    out = os.path.join(work, "sigterm")
    copy(os.path.join(work, "previous"), out)
    before = snapshot(out)
    # A larger scale than SMALL, so that the run is still going when the signal comes 1.5 s in.
    stop_with_sigterm([relocsim, "run", BASELINE, "--set", "scenario.scale=0.01", "--seed", "7",
                       "--threads", "1", "--quiet", "--out", out], None)
    after = snapshot(out)
    if after != before:
        fail(f"SIGTERM changed the folder:\nbefore {before}\nafter  {after}")
    print(f"{out}: all {len(after)} files identical after SIGTERM")

    # With checkpoints: only checkpoint.bin changes (this run's state at the stop).
    out = os.path.join(work, "sigterm_ckpt")
    copy(os.path.join(work, "previous"), out)
    before = snapshot(out)
    checkpoint = os.path.join(out, "checkpoint.bin")
    err = stop_with_sigterm(
        [relocsim, "run", BASELINE, *SMALL, "--seed", "7", "--threads", "1", "--quiet",
         "--checkpoint-every", "3", "--out", out],
        lambda: checkpoint_year(checkpoint) == 2013)
    after = snapshot(out)
    changed = sorted(n for n in set(before) | set(after) if before.get(n) != after.get(n))
    if changed != ["checkpoint.bin"]:
        fail(f"SIGTERM with checkpoints changed {changed}, expected only checkpoint.bin")
    if "(continue with: relocsim resume " not in err:
        fail("stderr does not say how to continue")
    relocsim_run(relocsim, "resume", out, "--quiet", expect=2,
                 contains="is of another scenario (sha256 ")
    if snapshot(out) != after:
        fail("a refused resume changed the folder")


def case_resolved(relocsim, work):
    reference = os.path.join(work, "reference")
    out = os.path.join(work, "resolved")
    shutil.rmtree(out, ignore_errors=True)
    relocsim_run(relocsim, "run", os.path.join(reference, "scenario.resolved.yaml"),
                 "--threads", "1", "--quiet", "--out", out)
    same_outputs(out, reference)
    if read(os.path.join(out, "scenario.resolved.yaml")) != read(
            os.path.join(reference, "scenario.resolved.yaml")):
        fail("the resolved scenario does not resolve to itself")
    ignore = ["runtime_seconds", "command_line", "threads"]
    if summary_without(out, ignore) != summary_without(reference, ignore):
        fail("summary.json differs in more than run time, command line and threads")


def case_refusals(relocsim, work):
    base = os.path.join(work, "refusals")
    shutil.rmtree(base, ignore_errors=True)
    os.makedirs(base)
    nowhere = os.path.join(base, "nowhere")
    relocsim_run(relocsim, "resume", nowhere, expect=2, contains=f"{nowhere}: no such output folder")
    plain = os.path.join(base, "plain")
    copy(os.path.join(work, "reference"), plain)
    relocsim_run(relocsim, "resume", plain, expect=2,
                 contains=f"{plain}: holds no checkpoint.bin: nothing to resume")

    def refused(name, edit, message):
        folder = os.path.join(base, name)
        copy(os.path.join(work, "previous"), folder)
        path = os.path.join(folder, "checkpoint.bin")
        with open(path, "r+b") as f:
            edit(f)
        before = snapshot(folder)
        relocsim_run(relocsim, "resume", folder, "--quiet", expect=2, contains=f"{path}: {message}")
        if snapshot(folder) != before:
            fail(f"a refused resume changed {folder}")

    def flip(f):
        f.seek(os.fstat(f.fileno()).st_size // 2)
        byte = f.read(1)
        f.seek(-1, os.SEEK_CUR)
        f.write(bytes([byte[0] ^ 0x10]))

    def truncate(f):
        f.truncate(os.fstat(f.fileno()).st_size - 4096)

    def foreign(f):
        f.truncate(0)
        f.write(b"year,zone,metric,value\n")

    refused("damaged", flip, "is damaged: its SHA-256 checksum does not match its content")
    refused("truncated", truncate, "is truncated or damaged: it holds ")
    refused("foreign", foreign, "is not a relocsim checkpoint")

    relocsim_run(relocsim, "run", BASELINE, "--checkpoint-every", "x", "--out",
                 os.path.join(base, "x"), expect=2,
                 contains="--checkpoint-every x: the years between checkpoints must be a whole "
                          "number from 1 to 1000 (0: none)")
    relocsim_run(relocsim, "resume", plain, "--threads", "0", expect=2,
                 contains="--threads 0: the number of threads must be a whole number")
    if os.path.exists(os.path.join(base, "x")):
        fail("a refused run created its output folder")

    # A folder holding a file relocsim did not write: refused, untouched; --force writes beside it.
    mine = os.path.join(base, "mine")
    os.makedirs(mine)
    with open(os.path.join(mine, "notes.txt"), "w") as f:
        f.write("mine\n")
    short = [NO_POLICY, *SMALL, "--set", "scenario.end_year=2011", "--quiet", "--out", mine]
    relocsim_run(relocsim, "run", *short, expect=2,
                 contains="the output folder holds 'notes.txt', which relocsim did not write; "
                          "choose another --out or pass --force")
    if os.listdir(mine) != ["notes.txt"]:
        fail("a refused run touched the folder")
    relocsim_run(relocsim, "run", *short, "--force")
    if read(os.path.join(mine, "notes.txt")) != b"mine\n" or not os.path.exists(
            os.path.join(mine, "metrics.csv")):
        fail("--force did not write beside the user's file")


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        sys.exit(2)
    relocsim, work, case = sys.argv[1], sys.argv[2], sys.argv[3]
    cases = {"reference": case_reference, "kill": case_kill, "sigterm": case_sigterm,
             "resolved": case_resolved, "refusals": case_refusals}
    if case not in cases:
        print(__doc__)
        sys.exit(2)
    os.makedirs(work, exist_ok=True)
    cases[case](relocsim, work)
    print("PASSED")


if __name__ == "__main__":
    main()
