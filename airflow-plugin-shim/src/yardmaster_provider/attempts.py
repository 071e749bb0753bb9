"""Which Yardmaster job a task instance's try belongs to (docs/adr/0007-airflow-retries.md).

A task instance (dag_id, task_id, run_id, map_index) owns a chain of jobs, one per *attempt*, each
under its own Idempotency-Key:

    ym-af-<sha256 of the four ids, 40 hex>-g<generation>-a<attempt>

- ``generation`` is the task instance's ``max_tries``. Airflow leaves it alone on a retry and
  raises it when the task instance is cleared (it becomes try_number + retries), so a cleared task
  starts a fresh chain and runs again, while every retry stays in the chain it had.
- ``attempt`` starts at 1 and moves on only past a job that ended without success (FAILED,
  KILLED, LOST). A try therefore reattaches to a job that is still active (worker crash, lost
  heartbeat), takes a SUCCEEDED one as its result, and reruns after a Spark failure.

try_number is never part of the key: it changes on every retry, which would start a second app.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from yardmaster_provider.jobs import Job

KEY_PREFIX = "ym-af-"
STATE_STORE_KEY = "yardmaster_job"


@dataclass(frozen=True)
class TaskInstanceId:
    """The four ids that name a task instance across all of its tries."""

    dag_id: str
    task_id: str
    run_id: str
    map_index: int = -1

    @classmethod
    def of(cls, ti: Any) -> TaskInstanceId:
        map_index = getattr(ti, "map_index", None)
        return cls(ti.dag_id, ti.task_id, ti.run_id, -1 if map_index is None else int(map_index))

    def digest(self) -> str:
        ids = json.dumps([self.dag_id, self.task_id, self.run_id, self.map_index], separators=(",", ":"))
        return hashlib.sha256(ids.encode("utf-8")).hexdigest()[:40]


def generation_of(ti: Any) -> int:
    """The task instance's clear generation: its ``max_tries``, changed by Airflow only on a clear."""
    return int(getattr(ti, "max_tries", 0) or 0)


def idempotency_key(ti_id: TaskInstanceId, generation: int, attempt: int) -> str:
    if attempt < 1:
        raise ValueError(f"attempts count from 1, got {attempt}")
    return f"{KEY_PREFIX}{ti_id.digest()}-g{generation}-a{attempt}"


@dataclass(frozen=True)
class Remembered:
    """What a try leaves in Airflow 3.3's task state store, so the next try goes straight to its job."""

    job_id: str
    generation: int
    attempt: int

    def to_json(self) -> dict[str, Any]:
        return {"job_id": self.job_id, "generation": self.generation, "attempt": self.attempt}

    @classmethod
    def from_json(cls, value: Any) -> Remembered | None:
        """None for anything that is not what this provider wrote (a value from an older version)."""
        if not isinstance(value, Mapping):
            return None
        try:
            return cls(str(value["job_id"]), int(value["generation"]), int(value["attempt"]))
        except (KeyError, TypeError, ValueError):
            return None


def keeps(job: Job) -> bool:
    """Whether a try takes this job as its own instead of starting the next attempt."""
    return not job.state.unsuccessful
