"""The backstop that kills a job its task no longer follows (Airflow 3; loaded by ``plugins.py``).

When a user marks a task failed or success, the task's own ``on_kill`` kills its job: the worker's
(the task waits there) or the trigger's (the task is deferred). Neither runs when no triggerer runs
the task's trigger at that moment: the triggerer is down, stuck, or has not picked the trigger up
yet. The trigger is then deleted with the deferral, and the job would run on in YARN unowned.

The api-server handles the user's mark and calls this listener. It reads the task's
``yardmaster_job`` XCom and, if the task was waiting for that job, checks it after a grace period
(the usual ``on_kill`` comes first and says so in the task log) and kills it if it still runs.
Killing a finished job is a no-op in Yardmaster, so a race between the two does no harm. It never
raises: a listener's error would only be logged by Airflow anyway.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from airflow.listeners import hookimpl

from yardmaster_provider.errors import YardmasterRefused, YardmasterUnavailable
from yardmaster_provider.hooks.api import Backoff
from yardmaster_provider.hooks.yardmaster import YardmasterHook
from yardmaster_provider.jobs import JobState
from yardmaster_provider.output import XCOM_KEY

log = logging.getLogger(__name__)

GRACE_SECONDS = 10.0  # the worker's or the trigger's on_kill acts within a few seconds of the mark
KILL_BUDGET_SECONDS = 20.0
KILLERS = 4
MANUAL_MARK = "manually set"  # what the api-server's error says when a user marked the task failed


@hookimpl
def on_task_instance_failed(previous_state: Any, task_instance: Any, error: Any) -> None:
    if isinstance(error, str) and MANUAL_MARK in error:
        _backstop(task_instance, "failed")


@hookimpl
def on_task_instance_success(previous_state: Any, task_instance: Any) -> None:
    # Only the api-server's (database) task instance: a worker's own success has no job left running.
    if type(task_instance).__module__.startswith("airflow.models"):
        _backstop(task_instance, "success")


def job_to_kill(summary: Any) -> tuple[str, str] | None:
    """(conn id, job id) when the XCom says the task waited for a job that had not ended."""
    if not isinstance(summary, Mapping) or not summary.get("waits_for_job"):
        return None
    job_id, conn_id, state = summary.get("job_id"), summary.get("yardmaster_conn_id"), summary.get("state")
    if not isinstance(job_id, str) or not isinstance(conn_id, str):
        return None
    try:
        if JobState(state).terminal:
            return None
    except ValueError:
        pass  # an unknown state: ask Yardmaster
    return conn_id, job_id


def kill_if_running(conn_id: str, job_id: str, mark: str) -> None:
    """Kill the job unless it ended meanwhile. Logs, never raises."""
    try:
        hook = YardmasterHook(conn_id, retry=Backoff(budget=KILL_BUDGET_SECONDS))
        job = hook.get_job(job_id)
        if job.state.terminal:
            log.info("Task marked %s: Yardmaster job %s already ended (%s)", mark, job_id, job.state.value)
            return
        log.info("Task marked %s: killing Yardmaster job %s, still %s", mark, job_id, job.state.value)
        log.info("%s (kill requested)", hook.kill(job_id).describe())
    except (YardmasterRefused, YardmasterUnavailable) as failure:
        log.error("Task marked %s: could not kill Yardmaster job %s: %s", mark, job_id, failure)
    except Exception:
        log.exception("Task marked %s: could not kill Yardmaster job %s", mark, job_id)


class Backstop:
    """Kills after a grace period, a few at a time: a user who marks a thousand tasks at once gets
    a thousand checks from ``KILLERS`` threads, not a thousand threads. Marks are taken in order,
    so each waits its grace from when it came."""

    def __init__(self, grace_seconds: float = GRACE_SECONDS, killers: int = KILLERS) -> None:
        self.grace_seconds = grace_seconds
        self._marks: queue.Queue[tuple[float, str, str, str]] = queue.Queue()
        self._killers = ThreadPoolExecutor(max_workers=killers, thread_name_prefix="yardmaster-kill")
        self._lock = threading.Lock()
        self._dispatcher: threading.Thread | None = None

    def later(self, conn_id: str, job_id: str, mark: str) -> None:
        self._marks.put((time.monotonic() + self.grace_seconds, conn_id, job_id, mark))
        with self._lock:
            if self._dispatcher is None:
                self._dispatcher = threading.Thread(
                    target=self._dispatch, name="yardmaster-backstop", daemon=True
                )
                self._dispatcher.start()

    def _dispatch(self) -> None:
        while True:
            due, conn_id, job_id, mark = self._marks.get()
            time.sleep(max(0.0, due - time.monotonic()))
            self._killers.submit(kill_if_running, conn_id, job_id, mark)


BACKSTOP = Backstop()


def _backstop(ti: Any, mark: str) -> None:
    try:
        found = job_to_kill(_summary(ti))
    except Exception:
        log.exception("Could not read the Yardmaster job of %s", ti)
        return
    if found is not None:
        BACKSTOP.later(*found, mark)


def _summary(ti: Any) -> Any:
    """The task's ``yardmaster_job`` XCom, read from Airflow's database (the api-server has it)."""
    from airflow.models.xcom import XComModel
    from airflow.utils.session import create_session

    with create_session() as session:
        row = session.scalars(
            XComModel.get_many(
                run_id=ti.run_id,
                key=XCOM_KEY,
                dag_ids=ti.dag_id,
                task_ids=ti.task_id,
                map_indexes=ti.map_index,
                limit=1,
            )
        ).first()
        return None if row is None else XComModel.deserialize_value(row)
