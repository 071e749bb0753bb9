"""A try finds its job: reattach to the current attempt's job, or submit the next attempt.

The rule is in ``attempts`` (and docs/adr/0007-airflow-retries.md); this module applies it with
the hook. The Idempotency-Key makes every step safe to repeat: re-sending a key returns the job it
already made, so a crash anywhere here never makes a second app.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from logging import Logger
from typing import Any

from yardmaster_provider._compat import AirflowFailException
from yardmaster_provider.attempts import Remembered, TaskInstanceId, idempotency_key, keeps
from yardmaster_provider.errors import IdempotencyConflict, YardmasterRefused
from yardmaster_provider.hooks.api import Submission
from yardmaster_provider.hooks.yardmaster import YardmasterHook
from yardmaster_provider.jobs import Job

MAX_ATTEMPTS = 1000  # the server's own limit on labels.tryNumber; a chain never gets near it
KILL_SETTLE_SECONDS = 120.0


@dataclass(frozen=True)
class Resolved:
    """The job this try follows, and how it was found."""

    job: Job
    attempt: int
    key: str
    submitted: bool

    def remembered(self, generation: int) -> Remembered:
        return Remembered(self.job.id, generation, self.attempt)


def resolve(
    hook: YardmasterHook,
    ti_id: TaskInstanceId,
    generation: int,
    body: dict[str, Any],
    remembered: Remembered | None,
    log: Logger,
) -> Resolved:
    attempt = 1
    if remembered is not None and remembered.generation != generation:
        _stop_before_clear(hook, remembered.job_id, log)
    if remembered is not None and remembered.generation == generation:
        job = _known(hook, remembered.job_id)
        if job is not None:
            job = _settled(hook, job)
            if keeps(job):
                return Resolved(
                    job, remembered.attempt, idempotency_key(ti_id, generation, remembered.attempt), False
                )
            log.info("%s: this try starts attempt %d", job.describe(), remembered.attempt + 1)
            attempt = remembered.attempt + 1
    for attempt in range(attempt, MAX_ATTEMPTS + 1):  # noqa: B020 - continues from the remembered attempt
        key = idempotency_key(ti_id, generation, attempt)
        submission = _submit(hook, body, key)
        if submission.created:
            return Resolved(submission.job, attempt, key, True)
        job = _settled(hook, submission.job)
        if keeps(job):
            return Resolved(job, attempt, key, False)
        log.info(
            "%s: attempt %d ended without success, this try starts attempt %d",
            job.describe(),
            attempt,
            attempt + 1,
        )
    raise AirflowFailException(f"more than {MAX_ATTEMPTS} attempts of this task instance's Spark job")


def _submit(hook: YardmasterHook, body: dict[str, Any], key: str) -> Submission:
    try:
        return hook.submit(body, key)
    except IdempotencyConflict as conflict:
        # The request changed since this attempt's job was made (a template, the DAG file). That
        # job still decides what this try does, so look it up by key rather than make another.
        holder = _holder(hook, key)
        if holder is None:
            raise IdempotencyConflict(
                conflict.status,
                conflict.code,
                f"{conflict.message}. The task's request changed between tries and Yardmaster cannot "
                f"say what became of the job under key {key}: kill it if it still runs, then clear "
                "the task to run the new request",
                conflict.details,
            ) from conflict
        return Submission(holder, created=False)


def _holder(hook: YardmasterHook, key: str) -> Job | None:
    try:
        return hook.find_by_key(key)
    except YardmasterRefused:
        return None


def _known(hook: YardmasterHook, job_id: str) -> Job | None:
    try:
        return hook.get_job(job_id)
    except YardmasterRefused as refused:
        if refused.status == 404:
            return None
        raise


def _stop_before_clear(hook: YardmasterHook, job_id: str, log: Logger) -> None:
    """The task was cleared while its job ran and nothing killed it (no triggerer ran the trigger):
    kill that job, so the new run is the only one. A job that cannot be killed is only a warning."""
    try:
        job = _known(hook, job_id)
        if job is None or job.state.terminal:
            return
        log.info("The task was cleared while %s ran: killing it before this run", job.describe())
        hook.kill(job_id)
    except YardmasterRefused as refused:
        log.warning("Could not kill Yardmaster job %s of the run before the clear: %s", job_id, refused)


def _settled(hook: YardmasterHook, job: Job) -> Job:
    """A job whose kill is under way will end KILLED: wait for that before deciding on it."""
    if job.kill_requested and not job.state.terminal:
        return hook.wait_until_terminal(job, until=time.monotonic() + KILL_SETTLE_SECONDS)
    return job
