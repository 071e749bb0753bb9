"""The Airflow-scale benchmark (issue 12): one triggerer filled to its default capacity with
deferred tasks, each following a simulated Spark job, for the native provider and for the stock
deferrable ``LivyOperator`` against the Livy facade, arm after arm against one ``yardmaster.jar``.

Per arm: the bench (this process, as 8 worker slots) submits the jobs and builds each task's
trigger exactly as its operator defers; then ``triggerer.py`` (Airflow's own ``TriggerRunner``, a
process of its own) runs all of them until every trigger fired its event. Job ``i`` of ``n`` is
given a duration so that it ends ``--base`` + ``--spread`` * i / n seconds after the arm's first
submission: every trigger is live for a while before the first job ends, and then the jobs end
spread over ``--spread`` seconds.

Usage (through run.sh): bench.py --jar yardmaster.jar --work DIR [--runs 3] [--arms ...]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

# The bench's own hooks (the worker side) log at WARNING; the triggerer logs at INFO, as by default.
os.environ["AIRFLOW__LOGGING__LOGGING_LEVEL"] = "WARNING"

import arms as arms_module
import report
from server import Yardmaster
from triggerer import shared_ssl_context

HERE = Path(__file__).resolve().parent
# The shared-SSL arm measured the fix the provider now ships (5cdf240); it is an arm on request only.
DEFAULT_ARMS = "yardmaster:30,livy:1,livy:10"


def run_arm(
    server: Yardmaster, arm: arms_module.Arm, args: argparse.Namespace, folder: Path, run: str
) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    first = time.time()
    deadline = first + args.base

    def duration(i: int) -> int:
        # Submissions take time: what is left until this job's end, from now.
        return max(5, round(deadline + args.spread * i / args.triggers - time.time()))

    kwargs = arms_module.submit_all(arm, args.triggers, duration, run)
    submitted = time.time()
    print(f"  {arm.name}: {len(kwargs)} submitted in {submitted - first:.1f} s", flush=True)
    jobs = folder / "jobs.json"
    jobs.write_text(json.dumps({"classpath": arms_module.classpath(arm), "kwargs": kwargs}))
    out = folder / "triggerer.json"
    command = [sys.executable, str(HERE / "triggerer.py"), "--jobs", str(jobs), "--out", str(out)]
    command += ["--log", str(folder / "triggerer.log"), "--timeout", str(args.base + args.spread + 240)]
    if arm.shared_ssl:
        command.append("--shared-ssl-context")
    with report.ProcessCpu(server.process.pid) as jar_cpu:
        subprocess.run(command, check=True, env={**os.environ, "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO"})
    result = json.loads(out.read_text())
    ends = arms_module.ends(server, arm, kwargs)
    raw = {
        "arm": arm.name,
        "prefix": arm.request_prefix,
        "first": first,
        "submitted": submitted,
        "triggerer": result,
        "ends": ends,
        "jar_cpu": jar_cpu.samples,
        "machine_cpu": jar_cpu.machine,
    }
    (folder / "raw.json").write_text(json.dumps(raw))
    return raw


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--triggers", type=int, default=1000)
    parser.add_argument("--arms", default=DEFAULT_ARMS, help=f"comma-separated, default {DEFAULT_ARMS}")
    parser.add_argument(
        "--base", type=int, default=100, help="seconds from an arm's start to its first job's end"
    )
    parser.add_argument("--spread", type=int, default=30, help="seconds over which the jobs end")
    args = parser.parse_args()
    arms = [arms_module.parse_arm(text) for text in args.arms.split(",")]
    # The bench's worker side only: submitting 1,000 jobs through YardmasterHook would spend ~33 ms
    # of CPU per request building an SSL context (see triggerer.shared_ssl_context). Not measured.
    shared_ssl_context()
    args.work.mkdir(parents=True, exist_ok=True)
    runs = []
    for number in range(1, args.runs + 1):
        work = args.work / f"run-{number}"
        work.mkdir(parents=True, exist_ok=True)
        server = Yardmaster(args.jar, work)
        os.environ.update(arms_module.connections(server))
        print(f"run {number}: yardmaster.jar on {server.url}", flush=True)
        try:
            results = []
            # Alternate the order from run to run, so no arm always meets the warmest JIT.
            ordered = arms if number % 2 else list(reversed(arms))
            for arm in ordered:
                folder = work / arm.name.split(" (")[0].replace(" ", "_").replace(",", "")
                # Each arm its own run id: its tasks' idempotency keys and labels.
                results.append(run_arm(server, arm, args, folder, f"r{number}-a{arms.index(arm)}"))
        finally:
            server.stop()
        access = report.access_log(server.log_file)
        rows = [report.summarise(result, access) for result in results]
        (work / "summary.json").write_text(json.dumps(rows, indent=1))
        report.print_table(rows, f"run {number}, load average {os.getloadavg()[0]:.1f}")
        runs.append(rows)
    if len(runs) > 1:
        report.print_table(report.medians(runs), f"medians of {len(runs)} runs")
    (args.work / "runs.json").write_text(json.dumps(runs, indent=1))


if __name__ == "__main__":
    main()
