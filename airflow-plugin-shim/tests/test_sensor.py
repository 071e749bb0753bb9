"""YardmasterJobSensor: one GET per poke, a worker slot only while poking."""

from __future__ import annotations

import pytest

from tests.stand_ins import TaskInstance, context_for
from yardmaster_provider._compat import AirflowFailException
from yardmaster_provider.sensors.yardmaster import YardmasterJobSensor

pytestmark = pytest.mark.usefixtures("connection")


def sensor(job_id: str) -> YardmasterJobSensor:
    return YardmasterJobSensor(task_id="wait_for_pi", job_id=job_id)


def test_reschedule_mode_by_default():
    assert sensor("j").mode == "reschedule"


def test_pokes_until_the_job_succeeds(yardmaster):
    job = yardmaster.add_job("RUNNING")
    ti = TaskInstance(task_id="wait_for_pi")

    assert sensor(job.id).poke(context_for(ti)) is False
    yardmaster.advance(job.id, "SUCCEEDED")
    assert sensor(job.id).poke(context_for(ti)) is True

    assert ti.xcoms["yardmaster_job"]["state"] == "SUCCEEDED"
    assert [seen.query for seen in yardmaster.seen("GET", f"/api/v1/jobs/{job.id}")][:2] == [{}, {}]


@pytest.mark.parametrize("state", [pytest.param(state, id=state) for state in ("FAILED", "KILLED", "LOST")])
def test_a_job_that_ended_otherwise_fails_at_once(yardmaster, state):
    job = yardmaster.add_job(state, diagnostics="gone")

    with pytest.raises(AirflowFailException, match=f"is {state}.*: gone"):
        sensor(job.id).poke(context_for(TaskInstance()))
