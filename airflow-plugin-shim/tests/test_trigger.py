"""YardmasterJobTrigger over HTTP: one long-poll per wait window, exactly one event, kill on user action."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.conftest import FAST_RETRY
from yardmaster_provider.jobs import JobState
from yardmaster_provider.triggers.yardmaster import JobEvent, YardmasterJobTrigger


def events_of(trigger: YardmasterJobTrigger) -> list[JobEvent]:
    async def collect():
        return [JobEvent.from_payload(event.payload) async for event in trigger.run()]

    return asyncio.run(collect())


def trigger_for(job_id: str, **kwargs) -> YardmasterJobTrigger:
    return YardmasterJobTrigger(job_id=job_id, wait_seconds=1, retry=FAST_RETRY.to_json(), **kwargs)


def test_serialize_round_trips():
    trigger = YardmasterJobTrigger(
        job_id="j-1",
        yardmaster_conn_id="ym_risk",
        etag='"j-1-4"',
        wait_seconds=20,
        timeout_at=1_900_000_000.5,
        retry={"initial": 2.0, "factor": 3.0, "maximum": 10.0, "budget": 60.0},
        not_before=1_800_000_010.25,
    )

    classpath, kwargs = trigger.serialize()
    again = YardmasterJobTrigger(**kwargs)

    assert classpath == "yardmaster_provider.triggers.yardmaster.YardmasterJobTrigger"
    assert again.serialize() == (classpath, kwargs)
    assert kwargs == {
        "job_id": "j-1",
        "yardmaster_conn_id": "ym_risk",
        "etag": '"j-1-4"',
        "wait_seconds": 20,
        "timeout_at": 1_900_000_000.5,
        "retry": {"initial": 2.0, "factor": 3.0, "maximum": 10.0, "budget": 60.0},
        "not_before": 1_800_000_010.25,
    }


def test_the_event_payload_round_trips():
    event = JobEvent("final", "j-1", JobState.FAILED, "why")

    assert JobEvent.from_payload(event.to_payload()) == event


@pytest.mark.usefixtures("connection")
def test_one_event_when_the_job_ends(yardmaster):
    job = yardmaster.add_job("RUNNING")
    yardmaster.advance_later(0.3, job.id, "SUCCEEDED")

    assert events_of(trigger_for(job.id)) == [JobEvent("final", job.id, JobState.SUCCEEDED)]


@pytest.mark.usefixtures("connection")
def test_an_event_is_held_until_not_before_then_fired_once(yardmaster):
    job = yardmaster.add_job("SUCCEEDED")
    started = time.time()

    events = events_of(trigger_for(job.id, not_before=started + 1.0))

    assert time.time() - started >= 1.0
    assert events == [JobEvent("final", job.id, JobState.SUCCEEDED)]
    assert len(yardmaster.seen("GET", f"/api/v1/jobs/{job.id}")) == 1  # held, not polling


@pytest.mark.usefixtures("connection")
def test_one_request_per_wait_window_never_a_tight_loop(yardmaster):
    job = yardmaster.add_job("RUNNING")
    yardmaster.advance_later(3.5, job.id, "SUCCEEDED")
    started = time.monotonic()

    events_of(trigger_for(job.id, etag=job.etag))

    polls = yardmaster.seen("GET", f"/api/v1/jobs/{job.id}")
    assert time.monotonic() - started >= 3.5
    assert 3 <= len(polls) <= 5, [seen.at for seen in polls]
    assert all(seen.query == {"wait": "1s"} and "If-None-Match" in seen.headers for seen in polls)


@pytest.mark.usefixtures("connection")
def test_a_finished_job_ends_the_wait_at_once(yardmaster):
    job = yardmaster.add_job("FAILED", diagnostics="OOM")

    assert events_of(trigger_for(job.id)) == [JobEvent("final", job.id, JobState.FAILED)]
    assert len(yardmaster.requests) == 1


@pytest.mark.usefixtures("connection")
def test_the_deadline_kills_the_job(yardmaster):
    job = yardmaster.add_job("RUNNING")

    (event,) = events_of(trigger_for(job.id, etag=job.etag, timeout_at=time.time() + 1.5))

    assert event.outcome == "timeout"
    assert "killed it (now KILLED)" in event.message
    assert yardmaster.jobs[job.id].state == "KILLED"


@pytest.mark.usefixtures("connection")
def test_a_refusal_is_one_refused_event(yardmaster):
    (event,) = events_of(trigger_for("no-such-job"))

    assert event.outcome == "refused"
    assert "404 JOB_NOT_FOUND" in event.message


@pytest.mark.usefixtures("connection")
def test_5xx_are_retried_then_reported_unavailable(yardmaster):
    job = yardmaster.add_job("RUNNING")
    yardmaster.fail_next(503, 0)
    yardmaster.advance_later(0.5, job.id, "SUCCEEDED")

    assert events_of(trigger_for(job.id)) == [JobEvent("final", job.id, JobState.SUCCEEDED)]

    yardmaster.fail_next(*[503] * 100)
    (event,) = events_of(trigger_for(job.id))
    assert event.outcome == "unavailable"


@pytest.mark.usefixtures("connection")
def test_on_kill_kills_the_job(yardmaster):
    """Airflow 3.3 calls on_kill when the user marks the deferred task failed / success or clears it."""
    job = yardmaster.add_job("RUNNING")

    asyncio.run(trigger_for(job.id).on_kill())

    assert yardmaster.jobs[job.id].state == "KILLED"


@pytest.mark.usefixtures("connection")
def test_cancelling_the_trigger_does_not_kill_the_job(yardmaster):
    """A triggerer restart cancels run() without on_kill: the job must keep running."""
    job = yardmaster.add_job("RUNNING")

    async def cancel_midway():
        task = asyncio.ensure_future(trigger_for(job.id, etag=job.etag).run().__anext__())
        await asyncio.sleep(0.3)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(cancel_midway())

    assert yardmaster.jobs[job.id].state == "RUNNING"
    assert not yardmaster.seen("DELETE")
