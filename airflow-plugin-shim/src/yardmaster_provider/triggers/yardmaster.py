"""The trigger that follows one Yardmaster job while its task is deferred.

It long-polls ``GET /api/v1/jobs/{id}?wait=`` with ``If-None-Match``: one request per job per wait
window, however many jobs a triggerer follows, and Airflow hears of a change as soon as Yardmaster
does. It fires exactly one event. When the user kills the task (mark failed / success, clear) the
triggerer calls ``on_kill`` (Airflow 3.3), which kills the job; a triggerer restart does not.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any

from yardmaster_provider._compat import BaseTrigger, TriggerEvent
from yardmaster_provider.errors import YardmasterRefused, YardmasterUnavailable
from yardmaster_provider.hooks.api import Backoff
from yardmaster_provider.hooks.yardmaster import MIN_POLL_INTERVAL, YardmasterAsyncHook
from yardmaster_provider.jobs import Job, JobState

KILL_BUDGET_SECONDS = 20.0  # the triggerer gives on_kill 30 s ([triggerer] on_kill_timeout)


@dataclass(frozen=True)
class JobEvent:
    """The one event a YardmasterJobTrigger fires: small and typed, read back by the operator.

    ``outcome`` is ``final`` (the job reached a final state), ``timeout`` (the task's
    execution_timeout passed; the job was killed), ``refused`` (a 4xx: fail at once) or
    ``unavailable`` (no answer for longer than the retry budget: a retry reattaches).
    """

    outcome: str
    job_id: str
    state: JobState | None = None
    message: str | None = None

    def to_payload(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "job_id": self.job_id,
            "state": self.state.value if self.state else None,
            "message": self.message,
        }

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> JobEvent:
        state = payload.get("state")
        return cls(
            payload["outcome"], payload["job_id"], JobState(state) if state else None, payload.get("message")
        )


class YardmasterJobTrigger(BaseTrigger):
    """Waits for a Yardmaster job to end.

    :param job_id: the job to follow.
    :param yardmaster_conn_id: the ``yardmaster`` connection.
    :param etag: the job's ETag when the task deferred; the first poll waits for a change from it.
    :param wait_seconds: the long-poll window (the server allows at most 60).
    :param timeout_at: epoch seconds after which the job is killed and a ``timeout`` event fires
        (the operator's execution_timeout); None waits for ever.
    :param retry: backoff for connection errors and 5xx, as ``Backoff.to_json()``.
    :param not_before: epoch seconds before which the event is held back (see the operator's
        ``min_defer_seconds``); None fires as soon as the job ends.
    """

    def __init__(
        self,
        *,
        job_id: str,
        yardmaster_conn_id: str = YardmasterAsyncHook.default_conn_name,
        etag: str | None = None,
        wait_seconds: float = 30,
        timeout_at: float | None = None,
        retry: Mapping[str, float] | None = None,
        not_before: float | None = None,
    ) -> None:
        super().__init__()
        self.job_id = job_id
        self.yardmaster_conn_id = yardmaster_conn_id
        self.etag = etag
        self.wait_seconds = wait_seconds
        self.timeout_at = timeout_at
        self.retry = dict(retry) if retry else Backoff(budget=900).to_json()
        self.not_before = not_before

    def serialize(self) -> tuple[str, dict[str, Any]]:
        return (
            f"{type(self).__module__}.{type(self).__qualname__}",
            {
                "job_id": self.job_id,
                "yardmaster_conn_id": self.yardmaster_conn_id,
                "etag": self.etag,
                "wait_seconds": self.wait_seconds,
                "timeout_at": self.timeout_at,
                "retry": self.retry,
                "not_before": self.not_before,
            },
        )

    def _hook(self, retry: Backoff | None = None) -> YardmasterAsyncHook:
        return YardmasterAsyncHook(self.yardmaster_conn_id, retry=retry or Backoff(**self.retry))

    async def run(self) -> AsyncIterator[TriggerEvent]:
        event = await self._follow()
        if self.not_before is not None:
            await _sleep(self.not_before - time.time())
        yield TriggerEvent(event.to_payload())

    async def _follow(self) -> JobEvent:
        hook = self._hook()
        try:
            job = Job(self.job_id, JobState.QUEUED, etag=self.etag)
            if self.etag is None:
                job = await hook.get_job(self.job_id)
            while not job.state.terminal:
                remaining = self._remaining()
                if remaining is not None and remaining <= 0:
                    return await self._time_out(job)
                window = (
                    self.wait_seconds if remaining is None else max(1.0, min(self.wait_seconds, remaining))
                )
                started = time.monotonic()
                latest = await hook.poll(job, window)
                if latest.etag != job.etag:
                    self.log.info("%s", latest.describe())
                job = latest
                await _sleep(MIN_POLL_INTERVAL - (time.monotonic() - started))
            return JobEvent("final", job.id, job.state)
        except YardmasterRefused as refused:
            return JobEvent("refused", self.job_id, message=str(refused))
        except YardmasterUnavailable as unavailable:
            return JobEvent("unavailable", self.job_id, message=str(unavailable))

    async def _time_out(self, job: Job) -> JobEvent:
        message = f"execution_timeout passed while Yardmaster job {job.id} was {job.state.value}"
        try:
            killed = await self._hook(Backoff(budget=KILL_BUDGET_SECONDS)).kill(job.id)
            message += f"; killed it (now {killed.state.value})"
        except (YardmasterRefused, YardmasterUnavailable) as error:
            message += f"; the kill failed: {error}"
        return JobEvent("timeout", job.id, job.state, message)

    def _remaining(self) -> float | None:
        return None if self.timeout_at is None else self.timeout_at - time.time()

    async def on_kill(self) -> None:
        """The user acted on the deferred task (Airflow 3.3+): kill the job, so YARN frees the app."""
        self.log.info("Task killed while deferred: killing Yardmaster job %s", self.job_id)
        job = await self._hook(Backoff(budget=KILL_BUDGET_SECONDS)).kill(self.job_id)
        self.log.info("%s (kill requested)", job.describe())


async def _sleep(seconds: float) -> None:
    if seconds > 0:
        await asyncio.sleep(seconds)
