#!/usr/bin/env python3
"""Tests of workflows/batch (the Snakemake workflow), run by ctest.

    batch_workflow_test.py local --source DIR --bin DIR --work DIR
    batch_workflow_test.py slurm --source DIR --bin DIR --work DIR

local: runs the workflow with `--cores 2` on the example sheet (three small proteins, all
three methods, a small random-weight checkpoint); checks every output, that summary.tsv
holds exactly the numbers `axialscope-cli predict` / `coevolution` give for each protein
run alone, that report.html is self-contained, and that failing proteins (a ragged MSA, an
MSA wider than the model takes, an unreadable structure) fail their own jobs with the CLI's
message while the others finish, and that a re-run resumes.

slurm: starts a private single-node Slurm (scripts/local-slurm.sh), runs the same workflow
through the Slurm profile, and checks that summary.tsv and every contact file equal the
local run's, and that each job asked Slurm for the memory its plan gave. Exits 77 (ctest:
skipped) with the reason when Slurm cannot start here.
"""

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
METHODS = ["model", "plm", "mi"]
THREADS = "1"
RANGES = ("short", "medium", "long")
CUTOFFS = ("P@L", "P@L/2", "P@L/5")


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


class Paths:
    def __init__(self, args):
        self.source = os.path.abspath(args.source)
        self.bin = os.path.abspath(args.bin)
        self.work = os.path.abspath(args.work)
        self.workflow = os.path.join(self.source, "workflows", "batch")
        self.snakefile = os.path.join(self.workflow, "Snakefile")
        self.sheet = os.path.join(self.workflow, "example", "samples.tsv")
        self.model = os.path.join(self.source, "tests", "data", "reference", "models", "msa_t2_e128_h2.pt")
        self.cli = os.path.join(self.bin, "axialscope-cli")
        self.env = dict(os.environ, PATH=self.bin + os.pathsep + os.environ.get("PATH", ""))


def read_sheet(path):
    with open(path) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
    header = rows[0]
    base = os.path.dirname(path)
    samples = []
    for fields in rows[1:]:
        s = dict(zip(header, fields + [""] * (len(header) - len(fields))))
        s["msa"] = os.path.join(base, s["msa"])
        s["structure"] = os.path.join(base, s["structure"]) if s["structure"] else ""
        samples.append(s)
    return samples


def snakemake(paths, workdir, extra, config, timeout=600):
    """Runs snakemake; returns (exit code, combined output)."""
    exe = shutil.which("snakemake")
    check(exe, "snakemake is not installed (scripts/install-deps.sh installs Debian's snakemake)")
    command = [exe, "-s", paths.snakefile, "-d", workdir, "--config"] + [f"{k}={v}" for k, v in config.items()] + extra
    print("$", " ".join(command), flush=True)
    started = time.monotonic()
    result = subprocess.run(command, env=paths.env, capture_output=True, text=True, timeout=timeout)
    print(f"  -> exit {result.returncode} after {time.monotonic() - started:.1f} s", flush=True)
    return result.returncode, result.stdout + result.stderr


def base_config(paths, outdir, sheet=None, methods=METHODS):
    return {
        "samples": sheet or paths.sheet,
        "methods": ",".join(methods),
        "model": paths.model,
        "outdir": outdir,
        "threads": THREADS,
        "max_seqs": "128",
        "subsample": "greedy",
    }


def read_summary(path):
    with open(path) as f:
        lines = [line.rstrip("\n").split("\t") for line in f]
    return lines[0], {(r[0], r[1]): dict(zip(lines[0], r)) for r in lines[1:]}


def run_alone(paths, sample, method, out):
    """The CLI on one protein, as a user would run it without the workflow."""
    if method == "model":
        command = [paths.cli, "predict", "--model", paths.model, "--max-seqs", "128", "--subsample", "greedy"]
    else:
        command = [paths.cli, "coevolution", "--method", method]
    command += ["--msa", sample["msa"], "--out", out, "--threads", THREADS]
    if sample["query_row"]:
        command += ["--query-row", sample["query_row"]]
    if sample["structure"]:
        command += ["--structure", sample["structure"]]
        if sample["chain"]:
            command += ["--chain", sample["chain"]]
    result = subprocess.run(command, capture_output=True, text=True)
    check(result.returncode == 0, f"{' '.join(command)} failed:\n{result.stderr}")


def same_bytes(a, b):
    """Files a and b are identical. Every method is deterministic on one machine (the model's
    matrix-product library is a fixed choice), so contacts compare bit for bit."""
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def check_outputs(paths, outdir, samples):
    header, rows = read_summary(os.path.join(outdir, "summary.tsv"))
    expected = ["id", "method", "L"] + [f"{r}_{c}" for r in RANGES for c in CUTOFFS]
    check(header == expected, f"summary.tsv header {header}, expected {expected}")
    check(len(rows) == len(samples) * len(METHODS), f"summary.tsv has {len(rows)} rows")
    for s in samples:
        for m in METHODS:
            d = os.path.join(outdir, s["id"], m)
            for name in ("contacts.csv", "contacts.rr", "contacts.npy"):
                check(os.path.isfile(os.path.join(d, name)), f"missing {d}/{name}")
            has_eval = os.path.isfile(os.path.join(d, "evaluation.json"))
            check(has_eval == bool(s["structure"]), f"{d}/evaluation.json exists: {has_eval}")
    check_report(os.path.join(outdir, "report.html"), samples)
    return rows


def check_report(path, samples):
    with open(path, encoding="utf-8") as f:
        page = f.read()
    # Self-contained: nothing fetched (the SVG namespace URI is a name, not a request).
    for pattern in (r"<script", r"<link", r"<iframe", r"@import", r"url\(", r"src=\"(?!data:)"):
        check(not re.search(pattern, page), f"report.html is not self-contained: matches {pattern}")
    check(len(re.findall(r'src="data:image/png;base64,', page)) == len(samples), "one thumbnail per protein")
    check(page.count("<svg") == 1 and "<circle" in page, "report.html has no precision plot")
    check(all(s["id"] in page for s in samples), "report.html lacks a protein")


def test_local(paths):
    samples = read_sheet(paths.sheet)
    work = os.path.join(paths.work, "local")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    outdir = os.path.join(work, "out")
    code, output = snakemake(paths, work, ["--cores", "2"], base_config(paths, outdir))
    check(code == 0, f"the workflow failed:\n{output}")
    rows = check_outputs(paths, outdir, samples)

    # Every number equals the CLI's on the protein alone.
    for s in samples:
        for m in METHODS:
            alone = os.path.join(work, "alone", s["id"], m)
            run_alone(paths, s, m, alone)
            ran = os.path.join(outdir, s["id"], m)
            check(same_bytes(os.path.join(ran, "contacts.npy"), os.path.join(alone, "contacts.npy")),
                  f"{s['id']} {m}: the contacts differ from the CLI run alone")
            row = rows[(s["id"], m)]
            if not s["structure"]:
                check(all(row[f"{r}_{c}"] == "NA" for r in RANGES for c in CUTOFFS), f"{row} should be NA")
                continue
            with open(os.path.join(alone, "evaluation.json")) as f:
                evaluation = json.load(f)
            check(int(row["L"]) == evaluation["L"], f"{s['id']} {m}: L {row['L']} != {evaluation['L']}")
            for r in RANGES:
                for c in CUTOFFS:
                    value, expected = float(row[f"{r}_{c}"]), evaluation["precision"][r][c]
                    check(value == expected, f"{s['id']} {m} {r}_{c}: summary {value}, CLI alone {expected}")
    print(f"summary.tsv equals the CLI run alone for {len(samples)} proteins x {len(METHODS)} methods")

    # Plans: memory the scheduler is asked for comes from `axialscope-cli estimate`.
    for s in samples:
        for m in METHODS:
            with open(os.path.join(outdir, s["id"], m, "plan.json")) as f:
                plan = json.load(f)
            check(plan["method"] == m and plan["memory_mib"] > 0, f"{s['id']} {m}: bad plan {plan}")

    test_failures(paths, work, samples)
    test_sheet_errors(paths, work)


def test_sheet_errors(paths, work):
    """A mistake in the sample sheet stops the workflow before anything runs, naming the line."""
    sheet = os.path.join(work, "duplicate.tsv")
    with open(sheet, "w") as f:
        f.write("id\tmsa\tstructure\tchain\tquery_row\nx\ta.a3m\t\t\t\nx\tb.a3m\t\t\t\n")
    code, output = snakemake(paths, os.path.join(work, "sheet"), ["--cores", "1", "-n"],
                             base_config(paths, os.path.join(work, "sheet", "out"), sheet))
    check(code != 0 and f"{sheet}:3: id 'x' already used on line 2" in output, f"no clear sheet error:\n{output}")


def test_failures(paths, work, samples):
    """Failing proteins fail alone, with axialscope-cli's message; a re-run resumes."""
    data = os.path.join(work, "failing")
    os.makedirs(data)
    with open(os.path.join(data, "ragged.a3m"), "w") as f:
        f.write(">a\nACDEFGHIK\n>b\nACDEF\n")
    with open(os.path.join(data, "wide.a3m"), "w") as f:  # wider than the model's 1023 columns
        f.write(">q\n" + "ACDEFGHIKL" * 103 + "\n>r\n" + "ACDEFGHIK-" * 103 + "\n")
    with open(os.path.join(data, "broken.pdb"), "w") as f:
        f.write("this is not a structure\n")
    good = next(s for s in samples if s["structure"])
    header = "id\tmsa\tstructure\tchain\tquery_row\n"
    good_line = f"{good['id']}\t{good['msa']}\t{good['structure']}\t{good['chain']}\t{good['query_row']}\n"
    sheet = os.path.join(data, "samples.tsv")
    with open(sheet, "w") as f:
        f.write(header + good_line + "ragged\tragged.a3m\t\t\t\nwide\twide.a3m\t\t\t\n")
        f.write(f"badstructure\t{good['msa']}\tbroken.pdb\t\t{good['query_row']}\n")
    outdir = os.path.join(data, "out")
    config = base_config(paths, outdir, sheet, methods=["model"])
    code, output = snakemake(paths, data, ["--cores", "2", "--keep-going"], config)
    check(code != 0, "the workflow succeeded with failing proteins")
    for needle in ("ragged.a3m: record 2 'b'", "the MSA has 1030 columns; this model takes at most 1023",
                   "axialscope-cli predict: error:", "broken.pdb"):
        check(needle in output, f"snakemake's output lacks the CLI's message '{needle}':\n{output}")
    done = os.path.join(outdir, good["id"], "model", "contacts.csv")
    check(os.path.isfile(done), "the good protein did not finish beside the failing ones")
    with open(os.path.join(outdir, "wide", "model", "plan.log")) as f:
        check("1030 columns" in f.read(), "plan.log lacks the CLI's message")
    check(not os.path.exists(os.path.join(outdir, "summary.tsv")), "summary.tsv written although proteins failed")

    # Fix the sheet (drop the failing proteins) and run again: only the summary and the report run.
    finished_at = os.stat(done).st_mtime_ns
    with open(sheet, "w") as f:
        f.write(header + good_line)
    code, output = snakemake(paths, data, ["--cores", "2", "--keep-going"], config)
    check(code == 0, f"the re-run failed:\n{output}")
    check(os.stat(done).st_mtime_ns == finished_at, "the re-run computed the finished protein again")
    check(re.search(r"^\s*rule contacts", output, re.M) is None, f"the re-run ran contact jobs:\n{output}")
    check(os.path.isfile(os.path.join(outdir, "summary.tsv")), "the re-run wrote no summary.tsv")
    print("failing proteins failed alone with the CLI's messages; the re-run resumed")


def test_slurm(paths):
    local_out = os.path.join(paths.work, "local", "out")
    check(os.path.isfile(os.path.join(local_out, "summary.tsv")),
          "the local run's summary.tsv is missing (test_batch_workflow_local sets it up)")
    for program in ("slurmctld", "slurmd", "munged", "sbatch"):
        if not shutil.which(program, path="/usr/sbin:/usr/bin:" + os.environ.get("PATH", "")):
            print(f"SKIP: Slurm cannot start here: '{program}' is not installed (Debian slurm-wlm, munge)")
            sys.exit(SKIP)
    work = os.path.join(paths.work, "slurm")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    # A short folder of its own: the munge socket path must fit a Unix socket (< 108 bytes),
    # which a deep build tree may not.
    cluster = tempfile.mkdtemp(prefix="axs-slurm-")
    script = os.path.join(paths.source, "scripts", "local-slurm.sh")
    start = subprocess.run(["bash", script, "start", cluster], capture_output=True, text=True, timeout=120)
    last = start.stdout.strip().splitlines()[-1] if start.stdout.strip() else ""
    if start.returncode != 0 or not last.startswith("SLURM_CONF="):
        subprocess.run(["bash", script, "stop", cluster], capture_output=True, timeout=120)
        shutil.rmtree(cluster, ignore_errors=True)
        print("SKIP: Slurm cannot start here (scripts/local-slurm.sh start):\n" + start.stdout + start.stderr)
        sys.exit(SKIP)
    try:
        paths.env["SLURM_CONF"] = last.split("=", 1)[1]
        outdir = os.path.join(work, "out")
        profile = os.path.join(paths.workflow, "profiles", "slurm")
        code, output = snakemake(paths, work, ["--profile", profile], base_config(paths, outdir))
        check(code == 0, f"the workflow failed on Slurm:\n{output}")
        samples = read_sheet(paths.sheet)
        check_outputs(paths, outdir, samples)
        check(same_bytes(os.path.join(outdir, "summary.tsv"), os.path.join(local_out, "summary.tsv")),
              "summary.tsv on Slurm differs from the local run's")
        for s in samples:
            for m in METHODS:
                here, there = os.path.join(outdir, s["id"], m), os.path.join(local_out, s["id"], m)
                check(same_bytes(os.path.join(here, "contacts.npy"), os.path.join(there, "contacts.npy")),
                      f"{s['id']} {m}: the contacts differ between Slurm and the local run")
        check_slurm_jobs(paths, output, outdir, samples)
        print("the Slurm run gives the local run's summary.tsv and contacts")
    finally:
        stop = subprocess.run(["bash", script, "stop", cluster], capture_output=True, text=True, timeout=120)
        print(stop.stdout + stop.stderr)
        if stop.returncode == 0:
            shutil.rmtree(cluster, ignore_errors=True)


def check_slurm_jobs(paths, output, outdir, samples):
    """Every contact job went through sbatch, with --mem from its plan and the rule's threads."""
    ids = re.findall(r"Submitted job \d+ with external jobid '(\d+)'", output)
    check(len(ids) == len(samples) * len(METHODS), f"{len(ids)} jobs submitted to Slurm:\n{output}")
    margin = 1.10  # the workflow's default memory_margin
    for job in ids:
        shown = subprocess.run(["scontrol", "show", "job", "-o", job], env=paths.env, capture_output=True, text=True)
        fields = dict(f.split("=", 1) for f in shown.stdout.split() if "=" in f)
        check(fields.get("JobState") == "COMPLETED", f"Slurm job {job}: {shown.stdout}")
        sample, method = fields["JobName"].split(".", 1)[1].rsplit(".", 1)  # axs.<id>.<method>
        with open(os.path.join(outdir, sample, method, "plan.json")) as f:
            planned = json.load(f)["memory_mib"]
        check(fields["MinMemoryNode"] == f"{math.ceil(planned * margin)}M",
              f"Slurm job {job} ({sample} {method}) asked for {fields['MinMemoryNode']}, plan {planned} MiB")
        check(fields["NumCPUs"] == THREADS, f"Slurm job {job}: {fields['NumCPUs']} CPUs")
        check(os.path.isfile(os.path.join(outdir, sample, method, f"slurm-{job}.log")), f"no Slurm log of job {job}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["local", "slurm"])
    parser.add_argument("--source", required=True)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    paths = Paths(args)
    started = time.monotonic()
    test_local(paths) if args.mode == "local" else test_slurm(paths)
    print(f"PASS ({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
