"""One triggerer's async half, Airflow's own ``TriggerRunner``, filled with 1,000 trigger workloads.

Airflow 3.3's triggerer is two processes: a supervisor (``TriggerRunnerSupervisor``: the metadata
database, heartbeats, writing events) and a child that runs every trigger coroutine in one event
loop (``TriggerRunner``). This process *is* that child, unchanged: its main loop (``arun``), its
``create_triggers`` (decrypting the kwargs, instantiating the class from its classpath),
``run_trigger`` (greenback portal, the first-event handling, cleanup), the block watchdog, and its
logging set up as the triggerer sets it up (structlog JSON, as over the channel to the supervisor,
here into a file). Only the supervisor is replaced: ``init_comms`` gets a stand-in that answers
each state sync with the workloads still to create (all of them on the first sync, as a triggerer
with 1,000 free slots would get them), and counts events and finished triggers.

Each workload is what the database holds for a deferred task: the trigger's ``serialize()``
kwargs, encrypted with ``Trigger.encrypt_kwargs`` under a Fernet key. The task instance is left
out (``ti=None``), so the runner names each trigger ``ID n`` and binds no task to its log lines.

Measured here, written to ``--out`` as JSON: when each trigger's event was put on the runner's
event queue (``fired``) and when the stand-in supervisor received it (``synced``, up to 1 s later:
the runner syncs once a second), and every 0.5 s this process's CPU time (user + system, all
threads) and resident memory.

Usage: triggerer.py --jobs jobs.json --out result.json --log triggerer.log
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sys
import time
from collections import deque
from pathlib import Path
from typing import Any

SAMPLE_SECONDS = 0.5
PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


def cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


class StampedEvents(deque):
    """The runner's outbound event queue, noting when each trigger's event was put on it."""

    def __init__(self, fired: dict[int, float]) -> None:
        super().__init__()
        self.fired = fired

    def append(self, entry: Any) -> None:
        self.fired.setdefault(entry.trigger_id, time.time())
        super().append(entry)


def shared_ssl_context() -> None:
    """Hands every ``httpx`` client one SSL context built once, instead of one per client.

    The provider's async hook opens an ``httpx.AsyncClient`` per request, and httpx builds a new
    SSL context (loading certifi's CA bundle) for each client, even for an http:// URL: about
    33 ms of CPU per request here. This variant shows what the triggerer costs without that; the
    context is the one httpx would build (certifi's bundle, verification on).
    """
    import ssl

    import certifi
    import httpx

    context = ssl.create_default_context(cafile=certifi.where())
    for client in (httpx.AsyncClient, httpx.Client):
        original = client.__init__

        def init(self: Any, *args: Any, _original: Any = original, **kwargs: Any) -> None:
            kwargs.setdefault("verify", context)
            _original(self, *args, **kwargs)

        client.__init__ = init


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument(
        "--shared-ssl-context",
        action="store_true",
        help="not the shipped provider: every httpx client reuses one SSL context (see shared_ssl_context)",
    )
    args = parser.parse_args()
    if args.shared_ssl_context:
        shared_ssl_context()

    # As the triggerer's child does (TriggerRunner.run, _configure_logs_over_json_channel).
    os.environ["_AIRFLOW_PROCESS_CONTEXT"] = "client"
    from airflow.sdk.log import configure_logging, reset_logging

    log_io = open(args.log, "wb", buffering=0)  # noqa: SIM115 - open for the process's life
    reset_logging()
    configure_logging(json_output=True, output=log_io, sending_to_supervisor=True)

    from airflow.executors.workloads.trigger import RunTrigger
    from airflow.jobs.triggerer_job_runner import TriggerRunner, messages
    from airflow.models.trigger import Trigger

    spec = json.loads(args.jobs.read_text())
    workloads = [
        RunTrigger(id=i + 1, classpath=spec["classpath"], encrypted_kwargs=Trigger.encrypt_kwargs(kwargs))
        for i, kwargs in enumerate(spec["kwargs"])
    ]
    total = len(workloads)
    fired: dict[int, float] = {}
    synced: dict[int, float] = {}
    statuses: dict[str, int] = {}
    samples: list[tuple[float, float, int, int]] = []
    marks: dict[str, float] = {"start": time.time()}

    class Supervisor:
        """Stands in for TriggerRunnerSupervisor's side of the socket."""

        def __init__(self, runner: TriggerRunner) -> None:
            self.runner = runner
            self.to_create = list(workloads)
            self.finished = 0
            self._reader_task = asyncio.get_running_loop().create_future()  # never done: no EOF

        async def asend(self, msg: Any) -> Any:
            now = time.time()
            for entry in msg.events or ():
                synced.setdefault(entry.trigger_id, now)
                event = entry.event.payload
                key = str(event.get("outcome") or event.get("status")) + ":" + str(event.get("state", ""))
                statuses[key] = statuses.get(key, 0) + 1
            self.finished += len(msg.finished or ())
            for trigger_id, _ in msg.failures or ():
                statuses["trigger-failed"] = statuses.get("trigger-failed", 0) + 1
                synced.setdefault(trigger_id, now)
            if len(synced) >= total or now - marks["start"] > args.timeout:
                self.runner.stop = True
            handed, self.to_create = self.to_create, []
            return messages.TriggerStateSync(to_create=handed, to_cancel=set())

    class BenchRunner(TriggerRunner):
        async def init_comms(self) -> None:
            self.events = StampedEvents(fired)
            self.comms_decoder = Supervisor(self)
            asyncio.get_running_loop().create_task(sample(self))

        async def create_triggers(self) -> None:
            await super().create_triggers()
            if len(self.triggers) >= total and "created" not in marks:
                marks["created"] = time.time()

    async def sample(runner: TriggerRunner) -> None:
        while not runner.stop:
            samples.append((time.time(), cpu_seconds(), rss_bytes(), len(runner.triggers)))
            await asyncio.sleep(SAMPLE_SECONDS)

    runner = BenchRunner()
    runner.run()
    marks["end"] = time.time()
    samples.append((marks["end"], cpu_seconds(), rss_bytes(), len(runner.triggers)))
    result = {
        "triggers": total,
        "marks": marks,
        "fired": {str(k): v for k, v in fired.items()},
        "synced": {str(k): v for k, v in synced.items()},
        "statuses": statuses,
        "samples": samples,
        "max_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "python": sys.version.split()[0],
    }
    args.out.write_text(json.dumps(result))


if __name__ == "__main__":
    main()
