"""From one arm's raw records to the table's figures.

* **Requests to Yardmaster** are counted from the jar's own access log (Micronaut's
  ``HTTP_ACCESS_LOGGER``, one line per answered request, stamped when the answer was written):
  the requests whose path starts with the arm's prefix (``/api/v1/jobs`` or ``/livy/batches``).
  Nothing else calls those paths during an arm (Yardmaster's own traffic goes to ``/sim``).
* **Windows.** ``steady``: from 5 s after the triggerer holds all its triggers to the first job's
  end in YARN: every trigger is following a live job. ``drain``: from that first end to the last
  event. ``follow``: the triggerer's whole life.
* **CPU** is the triggerer process's user + system time (``os.times()``, all its threads) over a
  window divided by the window's length, in cores; **RSS** its resident set (``/proc/self/statm``)
  at its largest over the follow window.
* **Latency**: the event's time (put on the runner's event queue) minus the job's end in YARN
  (the simulated RM's ``finishedTime``) and minus Yardmaster's ``timestamps.finished``.
"""

from __future__ import annotations

import json
import os
import statistics
import threading
import time
from pathlib import Path
from typing import Any

SETTLE_SECONDS = 5.0
TICKS = os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine spent busy (all cores; /proc/stat: all but idle and iowait)."""
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:9]]
    return (sum(fields) - fields[3] - fields[4]) / TICKS


class ProcessCpu:
    """Samples another process's CPU time (user + system, /proc/<pid>/stat) every 0.5 s, and the
    whole machine's busy time beside it."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.samples: list[tuple[float, float]] = []
        self.machine: list[tuple[float, float]] = []
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while True:
            with open(f"/proc/{self.pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            now = time.time()
            self.samples.append((now, (int(fields[11]) + int(fields[12])) / TICKS))
            self.machine.append((now, machine_busy_seconds()))
            if self._done.wait(0.5):
                return

    def __enter__(self) -> ProcessCpu:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._done.set()
        self._thread.join()


def access_log(path: Path) -> list[tuple[float, str, str, int, float | None]]:
    """(time, method, path, status, server milliseconds) of every request the jar answered."""
    entries = []
    with open(path, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if "HTTP_ACCESS_LOGGER" not in line:
                continue
            try:
                record = json.loads(line)
                message = record["formattedMessage"]
                request = message.split('"')[1].split()
                tail = message.split('"')[2].split()
                millis = float(tail[2]) if len(tail) > 2 and tail[2].replace(".", "").isdigit() else None
                entries.append((record["timestamp"] / 1000, request[0], request[1], int(tail[0]), millis))
            except (ValueError, KeyError, IndexError):
                continue
    return entries


def percentile(values: list[float], p: float) -> float | None:
    """Nearest rank."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.4999)))
    return ordered[rank - 1]


def cpu_cores(samples: list[Any], start: float, end: float) -> float | None:
    inside = [s for s in samples if start <= s[0] <= end]
    if len(inside) < 2 or inside[-1][0] - inside[0][0] < 1:
        return None
    return (inside[-1][1] - inside[0][1]) / (inside[-1][0] - inside[0][0])


def summarise(result: dict[str, Any], access: list[tuple[Any, ...]]) -> dict[str, Any]:
    t = result["triggerer"]
    marks, samples, fired, synced = t["marks"], t["samples"], t["fired"], t["synced"]
    ends = result["ends"]
    n = t["triggers"]
    created = marks.get("created", marks["start"])
    yarn_ends = [e["yarn"] for e in ends if e["yarn"]]
    first_end = min(yarn_ends) if yarn_ends else marks["end"]
    last_event = max(fired.values()) if fired else marks["end"]
    steady = (created + SETTLE_SECONDS, first_end)
    drain = (first_end, last_event)
    mine = [a for a in access if a[2].startswith(result["prefix"])]

    def rate(window: tuple[float, float]) -> float | None:
        length = window[1] - window[0]
        if length < 1:
            return None
        return sum(1 for a in mine if window[0] <= a[0] <= window[1]) / length

    follow = [a for a in mine if marks["start"] <= a[0] <= marks["end"] + 1]
    # Server time of the requests that do not wait on purpose (long-polls answer when the job changes).
    served = [a[4] for a in follow if a[4] is not None and "wait=" not in a[2]]
    statuses: dict[str, int] = {}
    for a in follow:
        statuses[str(a[3])] = statuses.get(str(a[3]), 0) + 1
    after_yarn, after_ym, synced_after_ym = [], [], []
    for i, end in enumerate(ends):
        event = fired.get(str(i + 1))
        if event is None:
            continue
        if end["yarn"]:
            after_yarn.append(event - end["yarn"])
        if end["yardmaster"]:
            after_ym.append(event - end["yardmaster"])
            if str(i + 1) in synced:
                synced_after_ym.append(synced[str(i + 1)] - end["yardmaster"])
    rss = [s[2] for s in samples if s[0] >= created]
    states: dict[str, int] = {}
    for end in ends:
        states[end["state"]] = states.get(end["state"], 0) + 1
    return {
        "arm": result["arm"],
        "triggers": n,
        "events": len(fired),
        "submit_s": result["submitted"] - result["first"],
        "created_s": marks["created"] - marks["start"] if "created" in marks else None,
        "steady_s": steady[1] - steady[0],
        "drain_s": drain[1] - drain[0],
        "rps_steady": rate(steady),
        "rps_drain": rate(drain),
        "requests_per_job": len(follow) / n if n else None,
        "cpu_steady": cpu_cores(samples, *steady),
        "cpu_drain": cpu_cores(samples, *drain),
        "cpu_follow": cpu_cores(samples, marks["start"], marks["end"]),
        "jar_cpu_steady": cpu_cores(result["jar_cpu"], *steady),
        "jar_cpu_drain": cpu_cores(result["jar_cpu"], *drain),
        "machine_cpu_steady": cpu_cores(result.get("machine_cpu") or [], *steady),
        "machine_cpu_drain": cpu_cores(result.get("machine_cpu") or [], *drain),
        "rss_mb": max(rss) / 2**20 if rss else None,
        "server_ms_p50": percentile(served, 50),
        "server_ms_p99": percentile(served, 99),
        "p50_after_yardmaster": percentile(after_ym, 50),
        "p99_after_yardmaster": percentile(after_ym, 99),
        "max_after_yardmaster": max(after_ym) if after_ym else None,
        "p99_synced_after_yardmaster": percentile(synced_after_ym, 99),
        "p50_after_yarn": percentile(after_yarn, 50),
        "p99_after_yarn": percentile(after_yarn, 99),
        "http_statuses": statuses,
        "job_states": states,
        "trigger_events": t["statuses"],
    }


NUMBERS = [
    ("submit_s", "submit all (s)", "{:.0f}"),
    ("created_s", "triggerer start -> all triggers running (s)", "{:.0f}"),
    ("steady_s", "steady window (s)", "{:.0f}"),
    ("rps_steady", "req/s to Yardmaster, steady", "{:.1f}"),
    ("rps_drain", "req/s to Yardmaster, drain", "{:.1f}"),
    ("requests_per_job", "requests per job (whole follow)", "{:.1f}"),
    ("cpu_steady", "triggerer CPU, steady (cores)", "{:.3f}"),
    ("cpu_drain", "triggerer CPU, drain (cores)", "{:.3f}"),
    ("cpu_follow", "triggerer CPU, whole follow (cores)", "{:.3f}"),
    ("rss_mb", "triggerer RSS, max (MB)", "{:.0f}"),
    ("server_ms_p50", "server time per request, p50 (ms; not long-polls)", "{:.0f}"),
    ("server_ms_p99", "server time per request, p99 (ms; not long-polls)", "{:.0f}"),
    ("jar_cpu_steady", "yardmaster.jar CPU, steady (cores)", "{:.2f}"),
    ("jar_cpu_drain", "yardmaster.jar CPU, drain (cores)", "{:.2f}"),
    ("machine_cpu_steady", "whole machine busy, steady (cores of 2)", "{:.2f}"),
    ("machine_cpu_drain", "whole machine busy, drain (cores of 2)", "{:.2f}"),
    ("p50_after_yardmaster", "Yardmaster final -> event, p50 (s)", "{:.2f}"),
    ("p99_after_yardmaster", "Yardmaster final -> event, p99 (s)", "{:.2f}"),
    ("max_after_yardmaster", "Yardmaster final -> event, max (s)", "{:.2f}"),
    ("p99_synced_after_yardmaster", "Yardmaster final -> supervisor sync, p99 (s)", "{:.2f}"),
    ("p50_after_yarn", "YARN app end -> event, p50 (s)", "{:.2f}"),
    ("p99_after_yarn", "YARN app end -> event, p99 (s)", "{:.2f}"),
]


def print_table(rows: list[dict[str, Any]], title: str) -> None:
    print(f"\n{title}\n")
    print("| metric | " + " | ".join(row["arm"] for row in rows) + " |")
    print("|---|" + "---|" * len(rows))
    for key, label, form in NUMBERS:
        cells = [form.format(row[key]) if row.get(key) is not None else "-" for row in rows]
        print(f"| {label} | " + " | ".join(cells) + " |")
    for key in ("events", "http_statuses", "job_states", "trigger_events"):
        cells = [_plain(row.get(key)) for row in rows]
        print(f"| {key} | " + " | ".join(cells) + " |")
    print(flush=True)


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in sorted(value.items()))
    return str(value)


def medians(runs: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    by_arm: dict[str, list[dict[str, Any]]] = {}
    for rows in runs:
        for row in rows:
            by_arm.setdefault(row["arm"], []).append(row)
    merged = []
    for arm, rows in by_arm.items():
        row: dict[str, Any] = {"arm": arm}
        for key, _, _ in NUMBERS:
            values = [r[key] for r in rows if r.get(key) is not None]
            row[key] = statistics.median(values) if values else None
        for key in ("events",):
            row[key] = "/".join(str(r[key]) for r in rows)
        merged.append(row)
    return merged
