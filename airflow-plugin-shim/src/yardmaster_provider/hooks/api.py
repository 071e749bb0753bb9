"""The REST calls the hooks make, and how their answers are read; no I/O here.

Both hooks (sync for workers, async for the triggerer) send these same calls, so the wire format
lives in one place and is tested once.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote

from yardmaster_provider.errors import IdempotencyConflict, YardmasterAuthError, YardmasterRefused
from yardmaster_provider.jobs import Job, LogPage

JOBS = "/api/v1/jobs"
COSTS = "/api/v1/costs"
LOG_PAGE_SIZE = 1000  # the server's maximum
TRANSIENT_STATUSES = frozenset({408, 425, 429})
MAX_WAIT_SECONDS = 60  # the server refuses ?wait= longer than this


@dataclass(frozen=True)
class Call:
    """One HTTP request to Yardmaster, relative to the connection's base URL."""

    method: str
    path: str
    params: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Mapping[str, Any] | None = None
    wait_seconds: float = 0.0  # how long the server may hold the answer (long-poll)

    def describe(self) -> str:
        return f"{self.method} {self.path}"


@dataclass(frozen=True)
class Answer:
    """What came back, decoded just enough to be read by the functions below."""

    status: int
    headers: Mapping[str, str]
    text: str

    def json(self) -> Any:
        return json.loads(self.text) if self.text else None

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((value for key, value in self.headers.items() if key.lower() == wanted), None)


@dataclass(frozen=True)
class Submission:
    """A job that ``POST /api/v1/jobs`` made (``created``) or found again under the same key."""

    job: Job
    created: bool


@dataclass(frozen=True)
class Backoff:
    """Retry delays for transient trouble: exponential with jitter, until ``budget`` seconds are spent."""

    initial: float = 1.0
    factor: float = 2.0
    maximum: float = 30.0
    budget: float = 300.0

    def delays(self) -> Iterator[float]:
        spent, delay = 0.0, self.initial
        while spent < self.budget:
            step = min(delay, self.maximum, self.budget - spent) * random.uniform(0.5, 1.0)
            spent += step
            yield step
            delay *= self.factor

    def to_json(self) -> dict[str, float]:
        return {
            "initial": self.initial,
            "factor": self.factor,
            "maximum": self.maximum,
            "budget": self.budget,
        }


def transient(status: int) -> bool:
    return status >= 500 or status in TRANSIENT_STATUSES


def submit(body: Mapping[str, Any], key: str) -> Call:
    return Call("POST", JOBS, headers={"Idempotency-Key": key}, body=body)


def get_job(job_id: str, etag: str | None = None, wait_seconds: float = 0) -> Call:
    """A plain read, or with an ETag a long-poll: the server answers 304 after ``wait`` if nothing changed."""
    if etag is None or wait_seconds <= 0:
        return Call("GET", _job_path(job_id), headers={"If-None-Match": etag} if etag else {})
    seconds = max(1, min(int(wait_seconds), MAX_WAIT_SECONDS))
    return Call(
        "GET",
        _job_path(job_id),
        params={"wait": f"{seconds}s"},
        headers={"If-None-Match": etag},
        wait_seconds=seconds,
    )


def find_by_key(key: str) -> Call:
    # SERVER_CONTRACT.md: the idempotencyKey filter. A server without it ignores the parameter and
    # lists other jobs, which read_key_match() below then does not take for this key's job.
    return Call("GET", JOBS, params={"idempotencyKey": key, "size": "1"})


def kill(job_id: str) -> Call:
    return Call("DELETE", _job_path(job_id))


def log_page(job_id: str, start: int, size: int = LOG_PAGE_SIZE) -> Call:
    return Call("GET", _job_path(job_id) + "/log", params={"from": str(start), "size": str(size)})


def job_cost_params(job_id: str, around: datetime) -> dict[str, str]:
    """The cost query of one job: its apps' share of the VM bill (idle apart), from a week before
    ``around`` to a day after, in absolute hours, so the same query gives the final figure later."""
    start = (around - timedelta(days=7)).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:00:00Z")
    end = (around + timedelta(days=1)).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:00:00Z")
    return {"window": f"{start},{end}", "aggregate": "job", "filter": f"job:{job_id}"}


def job_cost(job_id: str, around: datetime) -> Call:
    return Call("GET", COSTS, params=job_cost_params(job_id, around))


def read_cost(answer: Answer, conn_id: str) -> str | None:
    """The job's cost so far in dollars (six decimals), or None when nothing is attributed yet."""
    raise_for_refusal(answer, conn_id)
    totals = (answer.json() or {}).get("totals") or {}
    return totals.get("cost") if totals.get("costMicros") else None


def read_submission(answer: Answer, conn_id: str) -> Submission:
    raise_for_refusal(answer, conn_id)
    return Submission(Job.from_json(answer.json(), answer.header("ETag")), created=answer.status == 201)


def read_job(answer: Answer, conn_id: str) -> Job | None:
    """The job, or None for a 304 (unchanged since the ETag that was sent)."""
    if answer.status == 304:
        return None
    raise_for_refusal(answer, conn_id)
    return Job.from_json(answer.json(), answer.header("ETag"))


def read_key_match(answer: Answer, conn_id: str, key: str) -> Job | None:
    raise_for_refusal(answer, conn_id)
    page = answer.json() or {}
    return next(
        (Job.from_json(job) for job in page.get("jobs", ()) if job.get("idempotencyKey") == key),
        None,
    )


def read_log_page(answer: Answer, conn_id: str) -> LogPage:
    raise_for_refusal(answer, conn_id)
    return LogPage.from_json(answer.json())


def raise_for_refusal(answer: Answer, conn_id: str) -> None:
    """Raise Yardmaster's own message for a 4xx; transient answers never get here."""
    if answer.status < 400:
        return
    code, message, details = _error_body(answer)
    if answer.status in (401, 403):
        raise YardmasterAuthError(answer.status, code, message, conn_id)
    if answer.status == 409 and code == "IDEMPOTENCY_KEY_REUSED":
        raise IdempotencyConflict(answer.status, code, message, details)
    raise YardmasterRefused(answer.status, code, message, details)


def error_summary(answer: Answer) -> str:
    code, message, _ = _error_body(answer)
    return f"{answer.status} {code}: {message}"


def _error_body(answer: Answer) -> tuple[str, str, list[str]]:
    try:
        body = answer.json()
    except ValueError:
        body = None
    if isinstance(body, Mapping) and "message" in body:
        return (
            str(body.get("code") or "ERROR"),
            str(body["message"]),
            [str(d) for d in body.get("details") or ()],
        )
    return "HTTP_" + str(answer.status), (answer.text or "(no body)")[:500], []


def _job_path(job_id: str) -> str:
    return f"{JOBS}/{quote(str(job_id), safe='')}"
