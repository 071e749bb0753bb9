"""The listener that kills a job when its task is marked failed or success with nobody following it."""

from __future__ import annotations

import logging
import threading
import time
from types import SimpleNamespace

import pytest

from tests.real_yardmaster import await_value
from yardmaster_provider import listener


def xcom(state: str = "RUNNING", **overrides: object) -> dict[str, object]:
    return {
        "job_id": "j-1",
        "state": state,
        "yardmaster_conn_id": "yardmaster_default",
        "waits_for_job": True,
        **overrides,
    }


def test_a_task_that_waited_for_a_running_job_names_it():
    assert listener.job_to_kill(xcom()) == ("yardmaster_default", "j-1")


def test_an_unknown_state_is_asked_of_yardmaster():
    assert listener.job_to_kill(xcom("SOMETHING_NEW")) == ("yardmaster_default", "j-1")


@pytest.mark.parametrize(
    "summary",
    [
        None,
        "not a mapping",
        xcom("SUCCEEDED"),
        xcom("KILLED"),
        xcom(waits_for_job=False),  # submitted for a sensor: the job outlives the task on purpose
        {"job_id": "j-1", "state": "RUNNING"},  # written by a provider before the listener
        xcom(job_id=None),
        xcom(yardmaster_conn_id=7),
    ],
)
def test_nothing_to_kill(summary):
    assert listener.job_to_kill(summary) is None


@pytest.mark.usefixtures("connection")
def test_a_job_still_running_after_the_grace_is_killed(yardmaster, caplog):
    job = yardmaster.add_job("RUNNING")
    yardmaster.kill_completes = True

    with caplog.at_level(logging.INFO, logger=listener.__name__):
        listener.kill_if_running("yardmaster_default", job.id, "failed")

    assert yardmaster.jobs[job.id].state == "KILLED"
    assert len(yardmaster.seen("DELETE")) == 1
    assert f"Task marked failed: killing Yardmaster job {job.id}, still RUNNING" in caplog.text


@pytest.mark.usefixtures("connection")
def test_a_job_that_ended_in_the_grace_is_left_alone(yardmaster, caplog):
    job = yardmaster.add_job("RUNNING")
    yardmaster.advance(job.id, "KILLED")  # the worker's or the trigger's on_kill came first

    with caplog.at_level(logging.INFO, logger=listener.__name__):
        listener.kill_if_running("yardmaster_default", job.id, "success")

    assert yardmaster.seen("DELETE") == []
    assert "already ended (KILLED)" in caplog.text


@pytest.mark.usefixtures("connection")
def test_a_refused_kill_is_logged_not_raised(yardmaster, caplog):
    with caplog.at_level(logging.INFO, logger=listener.__name__):
        listener.kill_if_running("yardmaster_default", "no-such-job", "failed")

    assert "could not kill Yardmaster job no-such-job" in caplog.text


def test_a_missing_connection_is_logged_not_raised(caplog):
    listener.kill_if_running("no_such_connection", "j-1", "failed")

    assert "could not kill Yardmaster job j-1" in caplog.text


@pytest.mark.usefixtures("connection")
def test_the_backstop_kills_many_marks_after_their_grace_with_a_few_threads(yardmaster):
    jobs = [yardmaster.add_job("RUNNING") for _ in range(30)]
    backstop = listener.Backstop(grace_seconds=0.5, killers=2)
    started = time.monotonic()

    for job in jobs:
        backstop.later("yardmaster_default", job.id, "failed")
    assert yardmaster.seen("DELETE") == []  # nothing before the grace
    await_value(lambda: all(job.state == "KILLED" for job in jobs), "every job killed", 30)

    assert time.monotonic() - started >= 0.5
    assert len(yardmaster.seen("DELETE")) == 30
    assert len([t for t in threading.enumerate() if t.name.startswith("yardmaster-kill")]) <= 2


def test_only_a_users_mark_acts(monkeypatch):
    marks = []
    monkeypatch.setattr(listener, "_backstop", lambda ti, mark: marks.append(mark))
    ti = SimpleNamespace()

    listener.on_task_instance_failed(None, ti, "TaskInstance's state was manually set to `failed`.")
    listener.on_task_instance_failed(None, ti, RuntimeError("the task failed by itself"))
    listener.on_task_instance_failed(None, ti, "Executor reported the task failed")  # the scheduler
    listener.on_task_instance_success(None, ti)  # not the api-server's database row
    database_row = type("TaskInstance", (), {"__module__": "airflow.models.taskinstance"})()
    listener.on_task_instance_success(None, database_row)

    assert marks == ["failed", "success"]


def test_the_plugin_registers_the_listener():
    from importlib.metadata import entry_points

    (found,) = [point for point in entry_points(group="airflow.plugins") if point.name == "yardmaster"]
    assert found.load().listeners == [listener]
