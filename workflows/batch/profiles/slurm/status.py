#!/usr/bin/env python3
"""Snakemake --cluster-status for Slurm: prints running, success or failed for a job id.

Without it Snakemake only notices jobs that end by themselves; a job that Slurm ends
(time limit, memory, node failure, scancel) would be waited for forever. Asks scontrol
(the controller keeps finished jobs for MinJobAge, 300 s by default) and then sacct (where
accounting is set up). A job neither knows is reported failed; a controller that does not
answer is reported running, so that Snakemake asks again.
"""

import subprocess
import sys

RUNNING = {"PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED", "REQUEUED", "RESIZING", "STAGE_OUT",
           "SIGNALING", "REQUEUE_FED", "REQUEUE_HOLD", "SPECIAL_EXIT", "STOPPED"}


def ask(command):
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None, ""
    return result.returncode, result.stdout + result.stderr


def state_from_scontrol(job):
    code, out = ask(["scontrol", "show", "job", "-o", job])
    if code is None:
        return None
    if code != 0:
        return "UNKNOWN" if "Invalid job id" in out else None
    for field in out.split():
        if field.startswith("JobState="):
            return field.split("=", 1)[1]
    return None


def state_from_sacct(job):
    code, out = ask(["sacct", "-j", job, "-X", "-n", "-P", "-o", "State"])
    if code != 0 or not out.strip():
        return None
    return out.split()[0].rstrip("+")  # "CANCELLED by 0" / "OUT_OF_MEMORY+"


def main():
    job = sys.argv[1].split(";")[0]  # sbatch --parsable prints "id" or "id;cluster"
    state = state_from_scontrol(job)
    if state in (None, "UNKNOWN"):
        accounted = state_from_sacct(job)
        if accounted:
            state = accounted
        elif state is None:
            print("running")  # the controller did not answer: ask again later
            return
    if state in RUNNING:
        print("running")
    elif state == "COMPLETED":
        print("success")
    else:
        print(f"job {job}: {state}", file=sys.stderr)
        print("failed")


if __name__ == "__main__":
    main()
