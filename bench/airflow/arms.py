"""The two kinds of deferred task the bench compares: what a worker does before deferring, the
trigger it defers to, and, afterwards, when each job reached its terminal state.

* ``yardmaster``: the native provider. The worker submits ``POST /api/v1/jobs`` with an
  Idempotency-Key (``YardmasterHook.submit``) and defers to ``YardmasterJobTrigger`` with the
  job's ETag, as ``YardmasterOperator`` does; the trigger long-polls ``?wait=`` + If-None-Match.
* ``livy``: the stock ``LivyOperator`` (apache-airflow-providers-apache-livy 4.6.4), deferrable:
  the worker posts the batch (``LivyHook.post_batch``) and reads its state once, then defers to
  ``LivyTrigger`` with the operator's ``polling_interval``; the trigger reads
  ``GET /batches/{id}/state`` every interval and the whole log at the end.

Every job is the same small Spark job (driver and one executor, 1 core and 512 MB each) that
runs on the simulated fleet for ``spark.yardmaster.sim.duration``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from server import TEAM, Yardmaster

YARDMASTER_CONN = "yardmaster_bench"
LIVY_CONN = "livy_bench"
SPARK_PI = "local:/opt/spark/examples/jars/spark-examples.jar"
SPARK_CLASS = "org.apache.spark.examples.SparkPi"
SUBMITTERS = 8  # worker threads submitting, as 8 worker slots would


def connections(server: Yardmaster) -> dict[str, str]:
    """The two Airflow connections, as environment variables for every process of the bench."""
    yardmaster = {
        "conn_type": "yardmaster",
        "host": server.url,
        "password": server.token,
        "extra": {"tags": ["batch"]},
    }
    # What a team switching from Livy writes: the prefix in the host, login the team, token as password.
    livy = {"conn_type": "livy", "host": f"{server.url}/livy", "login": TEAM, "password": server.token}
    return {
        f"AIRFLOW_CONN_{YARDMASTER_CONN.upper()}": json.dumps(yardmaster),
        f"AIRFLOW_CONN_{LIVY_CONN.upper()}": json.dumps(livy),
    }


@dataclass(frozen=True)
class Arm:
    name: str  # as the table shows it
    kind: str  # yardmaster | livy
    interval: int  # wait_seconds (yardmaster) or polling_interval (livy)
    shared_ssl: bool = False  # the triggerer's httpx clients share one SSL context (not shipped)

    @property
    def request_prefix(self) -> str:
        """The path every request of this arm's triggers starts with."""
        return "/api/v1/jobs" if self.kind == "yardmaster" else "/livy/batches"


def parse_arm(text: str) -> Arm:
    """``yardmaster:30`` (wait_seconds), ``yardmaster-shared-ssl:30``, or ``livy:10`` (polling_interval)."""
    kind, _, interval = text.partition(":")
    shared_ssl = kind == "yardmaster-shared-ssl"
    kind = "yardmaster" if shared_ssl else kind
    if kind not in ("yardmaster", "livy") or not interval.isdigit() or int(interval) < 1:
        raise SystemExit(
            "an arm is yardmaster:<wait_seconds>, yardmaster-shared-ssl:<wait_seconds> or"
            f" livy:<polling_interval>, got {text!r}"
        )
    label = "wait_seconds" if kind == "yardmaster" else "polling_interval"
    name = ("YardmasterJobTrigger" if kind == "yardmaster" else "LivyTrigger") + f" {label}={interval}"
    if shared_ssl:
        name += ", shared SSL context (not shipped)"
    return Arm(name, kind, int(interval), shared_ssl)


def spark_conf(duration: int) -> dict[str, str]:
    return {"spark.yardmaster.sim.duration": f"{duration}s"}


def submit_all(arm: Arm, count: int, durations: Callable[[int], int], run: str) -> list[dict[str, Any]]:
    """Submit ``count`` jobs as that many worker tasks would, each then deferring: the trigger kwargs."""
    submit = _submit_yardmaster if arm.kind == "yardmaster" else _submit_livy
    with ThreadPoolExecutor(SUBMITTERS) as pool:
        return list(pool.map(lambda i: submit(arm, i, durations(i), run), range(count)))


def _submit_yardmaster(arm: Arm, index: int, duration: int, run: str) -> dict[str, Any]:
    from yardmaster_provider.hooks.yardmaster import YardmasterHook
    from yardmaster_provider.request import SparkBatch, Target, job_request
    from yardmaster_provider.triggers.yardmaster import YardmasterJobTrigger

    batch = SparkBatch(
        application=SPARK_PI,
        java_class=SPARK_CLASS,
        application_args=("100",),
        driver_memory="512m",
        driver_cores=1,
        executor_memory="512m",
        executor_cores=1,
        num_executors=1,
        conf=spark_conf(duration),
    )
    labels = {"dagId": "airbench", "taskId": "follow", "runId": run, "mapIndex": index, "tryNumber": 1}
    body = job_request(batch, Target(tags=("batch",)), labels)
    submission = YardmasterHook(YARDMASTER_CONN).submit(body, f"airbench-{run}-{index}")
    trigger = YardmasterJobTrigger(
        job_id=submission.job.id,
        yardmaster_conn_id=YARDMASTER_CONN,
        etag=submission.job.etag,
        wait_seconds=arm.interval,
    )
    return trigger.serialize()[1]


def _submit_livy(arm: Arm, index: int, duration: int, run: str) -> dict[str, Any]:
    from airflow.providers.apache.livy.hooks.livy import LivyHook
    from airflow.providers.apache.livy.triggers.livy import LivyTrigger

    spark_params = {
        "file": SPARK_PI,
        "class_name": SPARK_CLASS,
        "args": [100],
        "driver_memory": "512m",
        "driver_cores": 1,
        "executor_memory": "512m",
        "executor_cores": 1,
        "num_executors": 1,
        "name": f"airbench-{run}-{index}",
        "conf": {**spark_conf(duration), "yardmaster.target.tags": "batch"},
    }
    hook = LivyHook(livy_conn_id=LIVY_CONN)
    batch_id = hook.post_batch(**spark_params)
    hook.get_batch_state(batch_id)  # LivyOperator.execute reads the state once before deferring
    trigger = LivyTrigger(
        batch_id=batch_id,
        spark_params=spark_params,
        livy_conn_id=LIVY_CONN,
        polling_interval=arm.interval,
        extra_options={},
        extra_headers={},
        execution_timeout=None,
    )
    return trigger.serialize()[1]


def classpath(arm: Arm) -> str:
    if arm.kind == "yardmaster":
        return "yardmaster_provider.triggers.yardmaster.YardmasterJobTrigger"
    return "airflow.providers.apache.livy.triggers.livy.LivyTrigger"


def ends(server: Yardmaster, arm: Arm, kwargs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For each trigger (in order): the job's final state and when it ended, in YARN and in Yardmaster.

    ``yarn`` is the simulated ResourceManager's ``finishedTime`` of the job's app (the simulated
    clock is the wall clock at speed-up 1); ``yardmaster`` is the job's ``timestamps.finished``,
    when Yardmaster's tracker recorded the final state (it reads each cluster's batches every
    ``yardmaster.jobs.track-interval``, 2 s by default).
    """
    apps = server.get("/sim/alpha/rm/ws/v1/cluster/apps").get("apps") or {}
    finished_at = {app["id"]: app.get("finishedTime") or 0 for app in apps.get("app") or ()}

    def one(args: dict[str, Any]) -> dict[str, Any]:
        if arm.kind == "yardmaster":
            job_id = args["job_id"]
        else:
            job_id = server.get(f"/livy/batches/{args['batch_id']}")["yardmasterJobId"]
        job = server.get(f"/api/v1/jobs/{job_id}")
        app_end = finished_at.get(job.get("applicationId") or "", 0)
        return {
            "job": job_id,
            "state": job["state"],
            "yardmaster": _epoch(job["timestamps"]["finished"]),
            "yarn": app_end / 1000 if app_end else None,
            "running": _epoch(job["timestamps"]["running"]),
        }

    with ThreadPoolExecutor(SUBMITTERS) as pool:
        return list(pool.map(one, kwargs))


def _epoch(stamp: str | None) -> float | None:
    if not stamp:
        return None
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()
