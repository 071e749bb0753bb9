"""Hooks: all of the provider's I/O with Yardmaster, sync (workers) and async (the triggerer).

Each hook turns the calls of ``hooks.api`` into HTTP, retrying transient trouble (connection
errors, 5xx, 429) with backoff, and raising Yardmaster's own message for a refusal (4xx).
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import cache, cached_property
from typing import Any

import certifi
import httpx

from yardmaster_provider._compat import BaseHook, aget_connection
from yardmaster_provider.errors import YardmasterUnavailable
from yardmaster_provider.hooks import api
from yardmaster_provider.hooks.api import Answer, Backoff, Call, Submission
from yardmaster_provider.hooks.connection import YardmasterConnection
from yardmaster_provider.jobs import Job, LogPage

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0  # beyond any long-poll's own wait
MIN_POLL_INTERVAL = 1.0  # never two polls of one job closer than this, whatever the server answers


class YardmasterHook(BaseHook):
    """Talks to Yardmaster's REST API from a worker (blocking)."""

    conn_name_attr = "yardmaster_conn_id"
    default_conn_name = "yardmaster_default"
    conn_type = "yardmaster"
    hook_name = "Yardmaster"

    def __init__(self, yardmaster_conn_id: str = default_conn_name, *, retry: Backoff | None = None) -> None:
        super().__init__()
        self.yardmaster_conn_id = yardmaster_conn_id
        self.retry = retry or Backoff()

    @classmethod
    def get_ui_field_behaviour(cls) -> dict[str, Any]:
        return {
            "hidden_fields": ["login", "schema", "port"],
            "relabeling": {"host": "Yardmaster URL", "password": "Team token"},
            "placeholders": {
                "host": "http://yardmaster:8080",
                "password": "the team's bearer token",
                "extra": '{"cluster": "alpha", "tags": ["batch"], "queue": "etl", "labels": {}}',
            },
        }

    @cached_property
    def connection(self) -> YardmasterConnection:
        return YardmasterConnection.of(self.get_connection(self.yardmaster_conn_id))

    def get_conn(self) -> YardmasterConnection:
        return self.connection

    def submit(self, body: dict[str, Any], key: str) -> Submission:
        return api.read_submission(self._send(api.submit(body, key)), self.yardmaster_conn_id)

    def get_job(self, job_id: str) -> Job:
        job = api.read_job(self._send(api.get_job(job_id)), self.yardmaster_conn_id)
        assert job is not None  # no ETag sent, so never a 304
        return job

    def poll(self, job: Job, wait_seconds: float) -> Job:
        """The job once it changed, or as it was after ``wait_seconds``: one request per window."""
        changed = api.read_job(
            self._send(api.get_job(job.id, job.etag, wait_seconds)), self.yardmaster_conn_id
        )
        return changed or job

    def find_by_key(self, key: str) -> Job | None:
        return api.read_key_match(self._send(api.find_by_key(key)), self.yardmaster_conn_id, key)

    def kill(self, job_id: str) -> Job:
        job = api.read_job(self._send(api.kill(job_id)), self.yardmaster_conn_id)
        assert job is not None
        return job

    def job_cost(self, job_id: str, around: datetime) -> str | None:
        """The job's cost so far in dollars, from the cost module (None when none is attributed yet)."""
        return api.read_cost(self._send(api.job_cost(job_id, around)), self.yardmaster_conn_id)

    def log_pages(self, job_id: str) -> Iterator[LogPage]:
        """Every page of the job's log, first to last (the server gives at most 1000 lines a page)."""
        start = 0
        while True:
            page = api.read_log_page(self._send(api.log_page(job_id, start)), self.yardmaster_conn_id)
            yield page
            if not page.lines:
                return
            start = (page.start or start) + len(page.lines)
            if page.total is not None and start >= page.total:
                return

    def wait_until_terminal(
        self,
        job: Job,
        *,
        wait_seconds: float = 30,
        until: float | None = None,
        on_change: Callable[[Job], None] | None = None,
    ) -> Job:
        """Long-poll until the job is final: one request per job per wait window, never a tight loop.

        ``until`` (a ``time.monotonic()`` value) bounds the wait; the job is returned as it is then.
        """
        while not job.state.terminal:
            started = time.monotonic()
            if until is not None and started >= until:
                return job
            window = wait_seconds if until is None else max(1.0, min(wait_seconds, until - started))
            latest = self.poll(job, window)
            if on_change and latest.etag != job.etag:
                on_change(latest)
            job = latest
            time.sleep(max(0.0, MIN_POLL_INTERVAL - (time.monotonic() - started)))
        return job

    def _send(self, call: Call) -> Answer:
        settings = self.connection
        delays = self.retry.delays()
        while True:
            try:
                # A client per call: on_kill may run from a signal handler while a poll is in flight.
                with httpx.Client(
                    base_url=settings.base_url, timeout=_timeout(call), verify=_ssl_context()
                ) as client:
                    response = client.request(call.method, call.path, **_request_arguments(settings, call))
                answer, trouble = _read(response)
                if answer is not None:
                    return answer
            except httpx.TransportError as error:
                trouble = f"cannot reach Yardmaster at {settings.base_url}: {error!r}"
            time.sleep(_next_delay(self, call, delays, trouble))


class YardmasterAsyncHook(BaseHook):
    """The same calls for triggers, without blocking the triggerer's event loop."""

    conn_name_attr = "yardmaster_conn_id"
    default_conn_name = "yardmaster_default"
    conn_type = "yardmaster"
    hook_name = "Yardmaster"

    def __init__(self, yardmaster_conn_id: str = default_conn_name, *, retry: Backoff | None = None) -> None:
        super().__init__()
        self.yardmaster_conn_id = yardmaster_conn_id
        self.retry = retry or Backoff()
        self._connection: YardmasterConnection | None = None

    async def connection(self) -> YardmasterConnection:
        if self._connection is None:
            self._connection = YardmasterConnection.of(await aget_connection(self.yardmaster_conn_id))
        return self._connection

    async def get_job(self, job_id: str) -> Job:
        job = api.read_job(await self._send(api.get_job(job_id)), self.yardmaster_conn_id)
        assert job is not None
        return job

    async def poll(self, job: Job, wait_seconds: float) -> Job:
        call = api.get_job(job.id, job.etag, wait_seconds)
        return api.read_job(await self._send(call), self.yardmaster_conn_id) or job

    async def kill(self, job_id: str) -> Job:
        job = api.read_job(await self._send(api.kill(job_id)), self.yardmaster_conn_id)
        assert job is not None
        return job

    async def _send(self, call: Call) -> Answer:
        settings = await self.connection()
        delays = self.retry.delays()
        while True:
            try:
                async with httpx.AsyncClient(
                    base_url=settings.base_url, timeout=_timeout(call), verify=_ssl_context()
                ) as client:
                    response = await client.request(
                        call.method, call.path, **_request_arguments(settings, call)
                    )
                answer, trouble = _read(response)
                if answer is not None:
                    return answer
            except httpx.TransportError as error:
                trouble = f"cannot reach Yardmaster at {settings.base_url}: {error!r}"
            await asyncio.sleep(_next_delay(self, call, delays, trouble))


@cache
def _ssl_context() -> ssl.SSLContext:
    """One SSL context for every client of the process. httpx builds a new one for each client
    otherwise, even for http:// URLs, at 30-50 ms of CPU each: with 1,000 triggers that starved the
    triggerer's event loop (bench/airflow, docs/benchmarks.md). A context is safe to share."""
    return ssl.create_default_context(cafile=certifi.where())


def _timeout(call: Call) -> httpx.Timeout:
    return httpx.Timeout(READ_TIMEOUT + call.wait_seconds, connect=CONNECT_TIMEOUT)


def _request_arguments(settings: YardmasterConnection, call: Call) -> dict[str, Any]:
    return {"params": dict(call.params), "headers": {**settings.headers(), **call.headers}, "json": call.body}


def _read(response: httpx.Response) -> tuple[Answer | None, str]:
    """The answer to hand back, or None and why it is worth asking again (5xx, 429)."""
    answer = Answer(response.status_code, dict(response.headers), response.text)
    if api.transient(answer.status):
        return None, f"Yardmaster answered {api.error_summary(answer)}"
    return answer, ""


def _next_delay(
    hook: YardmasterHook | YardmasterAsyncHook, call: Call, delays: Iterator[float], trouble: str
) -> float:
    delay = next(delays, None)
    if delay is None:
        raise YardmasterUnavailable(f"{call.describe()}: {trouble}; gave up after {hook.retry.budget:.0f}s")
    hook.log.warning("%s: %s; retrying in %.1fs", call.describe(), trouble, delay)
    return delay
