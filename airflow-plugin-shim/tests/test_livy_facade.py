"""The stock ``LivyOperator`` (apache-airflow-providers-apache-livy 4.6.4), unchanged, against the
Livy-compatible facade of a real ``yardmaster.jar`` on its embedded default (the simulated fleet).

The connection is what a team switching from Livy writes: host ``http://127.0.0.1:<port>/livy``
(the prefix in the host, since the deferrable path drops ``endpoint_prefix``), no port, login the
team name and the team's token as the password. Sync mode polls in the worker; deferrable mode runs
the operator's own ``LivyTrigger.run()`` in asyncio and resumes with its first event, as the
triggerer does (a triggerer process would add nothing the facade sees).

The jar and its process: ``tests/real_yardmaster.py``.
"""

from __future__ import annotations

import asyncio
import json
import threading
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest

from tests.real_yardmaster import Yardmaster, await_value
from tests.stand_ins import TaskInstance, TaskStateStore, context_for

try:
    from airflow.sdk.exceptions import AirflowException, TaskDeferred
except ImportError:  # Airflow 2.11
    from airflow.exceptions import AirflowException, TaskDeferred

from airflow.providers.apache.livy.hooks.livy import BatchState, LivyHook
from airflow.providers.apache.livy.operators.livy import LivyOperator

CONN_ID = "livy_yardmaster"
SPARK_PI = "local:/opt/spark/examples/jars/spark-examples.jar"


@dataclass
class LivyTaskInstance(TaskInstance):
    """What the stock operator's resumable path (durable by default on 3.3) reads of its TI."""

    stats_tags: dict[str, str] = field(default_factory=dict)


@pytest.fixture(scope="module")
def yardmaster(real_yardmaster: Yardmaster) -> Yardmaster:
    return real_yardmaster


@pytest.fixture(scope="module")
def livy_token(yardmaster: Yardmaster) -> str:
    return yardmaster.team("livy-users", "livy-svc")


@pytest.fixture
def livy_connection(yardmaster: Yardmaster, livy_token: str, monkeypatch: pytest.MonkeyPatch) -> str:
    connection = {
        "conn_type": "livy",
        "host": f"{yardmaster.url}/livy",
        "login": "livy-users",
        "password": livy_token,
    }
    monkeypatch.setenv(f"AIRFLOW_CONN_{CONN_ID.upper()}", json.dumps(connection))
    return CONN_ID


def operator(
    task_id: str, *, deferrable: bool, duration: str, fail: bool = False, **extra: Any
) -> LivyOperator:
    conf = {"spark.yardmaster.sim.duration": duration, "yardmaster.target.tags": "batch"}
    if fail:
        conf["spark.yardmaster.sim.fail"] = "true"
    return LivyOperator(
        task_id=task_id,
        file=SPARK_PI,
        class_name="org.apache.spark.examples.SparkPi",
        args=[100],
        num_executors="2",
        executor_cores=1,
        executor_memory="1g",
        conf=conf,
        livy_conn_id=CONN_ID,
        polling_interval=1,
        deferrable=deferrable,
        **extra,
    )


def run(op: LivyOperator, ti: LivyTaskInstance) -> Any:
    """A worker's execute; on deferral the trigger's run() to its first event, then the resume."""
    context = context_for(ti, TaskStateStore())
    try:
        return op.execute(context)
    except TaskDeferred as deferred:
        event = asyncio.run(_first_event(deferred.trigger))
        return getattr(op, deferred.method_name)(context, event.payload)


async def _first_event(trigger: Any) -> Any:
    # The triggerer takes a trigger's first event and stops it (the stock LivyTrigger yields two).
    async for event in trigger.run():
        return event
    raise AssertionError("the trigger fired no event")


def hook() -> LivyHook:
    return LivyHook(livy_conn_id=CONN_ID)


def _task_log(capfd: pytest.CaptureFixture[str]) -> str:
    """What the operator, its hook and its trigger logged (Airflow 3 logs through structlog to stdout)."""
    out, err = capfd.readouterr()
    return out + err


@pytest.mark.parametrize("deferrable", [False, True], ids=["sync", "deferrable"])
def test_a_batch_succeeds_with_its_app_id_and_its_log(
    livy_connection: str, deferrable: bool, capfd: pytest.CaptureFixture[str]
) -> None:
    ti = LivyTaskInstance(task_id=f"pi_{deferrable}")
    batch_id = run(operator(ti.task_id, deferrable=deferrable, duration="40s"), ti)
    assert isinstance(batch_id, int)
    assert ti.xcoms["app_id"].startswith("application_")
    assert hook().get_batch_state(batch_id) == BatchState.SUCCESS
    lines = hook().get_batch_logs(batch_id, 0, 100)
    assert lines["total"] > 0
    assert lines["log"]
    # The operator (sync) or its trigger (deferrable) read the log without an error and logged it.
    assert f"Submitted application {ti.xcoms['app_id']}" in _task_log(capfd)


@pytest.mark.parametrize("deferrable", [False, True], ids=["sync", "deferrable"])
def test_a_spark_failure_fails_the_task_with_the_yarn_diagnostics_in_the_log(
    livy_connection: str, deferrable: bool, capfd: pytest.CaptureFixture[str]
) -> None:
    ti = LivyTaskInstance(task_id=f"fails_{deferrable}")
    with pytest.raises(AirflowException, match="did not succeed"):
        run(operator(ti.task_id, deferrable=deferrable, duration="20s", fail=True), ti)
    assert "simulated failure" in _task_log(capfd)


def test_a_kill_of_a_sync_task_kills_the_yarn_app(yardmaster: Yardmaster, livy_connection: str) -> None:
    ti = LivyTaskInstance(task_id="killed_sync")
    op = operator(ti.task_id, deferrable=False, duration="30m")
    outcome: dict[str, BaseException | None] = {}

    def execute() -> None:
        try:
            run(op, ti)
            outcome["error"] = None
        except BaseException as error:
            outcome["error"] = error

    worker = threading.Thread(target=execute)
    worker.start()
    batch_id = await_value(lambda: op._batch_id, "the batch was submitted")
    await_value(lambda: hook().get_batch_state(batch_id) == BatchState.RUNNING, "the batch runs")
    op.on_kill()  # what Airflow calls when the task is marked failed, cleared or timed out
    worker.join(timeout=60)
    assert not worker.is_alive()
    assert isinstance(outcome["error"], AirflowException)
    assert hook().get_batch_state(batch_id) == BatchState.KILLED
    app_id = hook().get_batch(batch_id)["appId"]
    assert "KILLED" in yardmaster.app_state(app_id)


def test_a_deferred_task_that_times_out_kills_its_batch(yardmaster: Yardmaster, livy_connection: str) -> None:
    # The stock deferrable path's kill: the trigger reports the timeout, execute_complete deletes.
    ti = LivyTaskInstance(task_id="killed_deferred")
    op = operator(ti.task_id, deferrable=True, duration="30m", execution_timeout=timedelta(seconds=8))
    with pytest.raises(AirflowException, match="timed out"):
        run(op, ti)
    batch_id = op._batch_id
    await_value(lambda: hook().get_batch_state(batch_id) == BatchState.KILLED, "the batch is killed")
    app_id = hook().get_batch(batch_id)["appId"]
    assert app_id, "the app ran before the timeout"
    assert "KILLED" in yardmaster.app_state(app_id)


def test_delete_of_a_finished_batch_answers_json_and_keeps_it(livy_connection: str) -> None:
    ti = LivyTaskInstance(task_id="finished")
    batch_id = run(operator(ti.task_id, deferrable=False, duration="20s"), ti)
    assert hook().delete_batch(batch_id) == {"msg": "deleted"}
    assert hook().get_batch_state(batch_id) == BatchState.SUCCESS
