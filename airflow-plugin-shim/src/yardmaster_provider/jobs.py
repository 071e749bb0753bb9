"""Yardmaster's job as the provider sees it: states, the job record, a page of its log.

Parsed from the REST API's JSON (docs/jobs.md). Fields the provider does not use are ignored, so a
newer server with more fields keeps working.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any


class JobState(str, Enum):
    """A job's state, as ``JobState`` in the server; only the four final ones never change."""

    QUEUED = "QUEUED"
    SUBMITTING = "SUBMITTING"
    STARTING = "STARTING"
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    KILLED = "KILLED"
    LOST = "LOST"

    @property
    def terminal(self) -> bool:
        return self in TERMINAL_STATES

    @property
    def unsuccessful(self) -> bool:
        """Ended without success: a retry of the task runs the job again as a new attempt."""
        return self in UNSUCCESSFUL_STATES


TERMINAL_STATES = frozenset({JobState.SUCCEEDED, JobState.FAILED, JobState.KILLED, JobState.LOST})
UNSUCCESSFUL_STATES = frozenset({JobState.FAILED, JobState.KILLED, JobState.LOST})


@dataclass(frozen=True)
class Job:
    """One Spark batch followed by Yardmaster (``GET /api/v1/jobs/{id}``)."""

    id: str
    state: JobState
    etag: str | None = None
    idempotency_key: str | None = None
    cluster: str | None = None
    application_id: str | None = None
    spark_ui_url: str | None = None
    driver_log_url: str | None = None
    final_status: str | None = None
    diagnostics: str | None = None
    queue_reason: str | None = None
    kill_requested: bool = False

    @classmethod
    def from_json(cls, data: Mapping[str, Any], etag: str | None = None) -> Job:
        return cls(
            id=str(data["id"]),
            state=JobState(data["state"]),
            etag=etag,
            idempotency_key=data.get("idempotencyKey"),
            cluster=data.get("cluster"),
            application_id=data.get("applicationId"),
            spark_ui_url=data.get("sparkUiUrl"),
            driver_log_url=data.get("driverLogUrl"),
            final_status=data.get("finalStatus"),
            diagnostics=data.get("diagnostics"),
            queue_reason=data.get("queueReason"),
            kill_requested=bool(data.get("killRequested", False)),
        )

    def describe(self) -> str:
        """One line for the task log: where the job is and why."""
        parts = [f"Yardmaster job {self.id} is {self.state.value}"]
        if self.cluster:
            parts.append(f"on {self.cluster}")
        if self.application_id:
            parts.append(f"as {self.application_id}")
        if self.state is JobState.QUEUED and self.queue_reason:
            parts.append(f"({self.queue_reason})")
        if self.final_status:
            parts.append(f"[{self.final_status}]")
        return " ".join(parts)


@dataclass(frozen=True)
class LogPage:
    """A page of the job's Livy submit log, with YARN's diagnostics (``GET /api/v1/jobs/{id}/log``)."""

    job_id: str
    state: JobState
    start: int | None
    total: int | None
    lines: tuple[str, ...]
    diagnostics: str | None = None
    note: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LogPage:
        return cls(
            job_id=str(data["jobId"]),
            state=JobState(data["state"]),
            start=data.get("from"),
            total=data.get("total"),
            lines=tuple(data.get("lines") or ()),
            diagnostics=data.get("diagnostics"),
            note=data.get("note"),
        )
