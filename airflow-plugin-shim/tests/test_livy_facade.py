"""The stock ``LivyOperator`` (apache-airflow-providers-apache-livy 4.6.4), unchanged, against the
Livy-compatible facade of a real ``yardmaster.jar`` on its embedded default (the simulated fleet).

The connection is what a team switching from Livy writes: host ``http://127.0.0.1:<port>/livy``
(the prefix in the host, since the deferrable path drops ``endpoint_prefix``), no port, login the
team name and the team's token as the password. Sync mode polls in the worker; deferrable mode runs
the operator's own ``LivyTrigger.run()`` in asyncio and resumes with its first event, as the
triggerer does (a triggerer process would add nothing the facade sees).

The jar comes from ``app/target/yardmaster.jar`` (``./mvnw package -pl app -am``, or the build of
``infra/local-stack/test.sh``) or ``YM_TEST_YARDMASTER_JAR``; without it these tests fail, they do
not skip.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.stand_ins import TaskInstance, TaskStateStore, context_for

try:
    from airflow.sdk.exceptions import AirflowException, TaskDeferred
except ImportError:  # Airflow 2.11
    from airflow.exceptions import AirflowException, TaskDeferred

from airflow.providers.apache.livy.hooks.livy import BatchState, LivyHook
from airflow.providers.apache.livy.operators.livy import LivyOperator

REPO = Path(__file__).resolve().parents[2]
JAR = Path(os.environ.get("YM_TEST_YARDMASTER_JAR", REPO / "app" / "target" / "yardmaster.jar"))
CONN_ID = "livy_yardmaster"
SPARK_PI = "local:/opt/spark/examples/jars/spark-examples.jar"


@dataclass
class LivyTaskInstance(TaskInstance):
    """What the stock operator's resumable path (durable by default on 3.3) reads of its TI."""

    stats_tags: dict[str, str] = field(default_factory=dict)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _call(url: str, method: str = "GET", token: str | None = None, body: Any = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:
        text = response.read().decode()
        return json.loads(text) if text.strip().startswith(("{", "[")) else text


class Yardmaster:
    """A real ``yardmaster.jar`` on the embedded default, in a process of its own."""

    def __init__(self, tmp: Path) -> None:
        if not JAR.is_file():
            pytest.fail(f"{JAR} is missing: build it with ./mvnw -B -ntp package -pl app -am -DskipTests")
        java = shutil.which("java")
        assert java, "java is not on the PATH"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        data = tmp / "data"
        self.log_file = tmp / "yardmaster.log"
        properties = {
            "micronaut.environments": "local",
            "micronaut.server.port": str(self.port),
            "yardmaster.data-dir": str(data),
            "yardmaster.simulator.speed-up": "20",
            "yardmaster.jobs.track-interval": "500ms",
            "yardmaster.autoscaler.scheduler-enabled": "false",
        }
        command = [java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"]
        command += [f"-D{key}={value}" for key, value in properties.items()]
        command += ["-jar", str(JAR)]
        environment = {**os.environ, "MICRONAUT_CONFIG_FILES": str(REPO / "infra/local-stack/fleet.yml")}
        with open(self.log_file, "wb") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment)
        deadline = time.monotonic() + 90
        while True:
            assert self.process.poll() is None, f"yardmaster.jar exited: see {self.log_file}"
            try:
                if "UP" in json.dumps(_call(f"{self.url}/health")):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            assert time.monotonic() < deadline, f"yardmaster.jar did not start in 90 s: see {self.log_file}"
            time.sleep(0.5)
        admin = (data / "admin-token").read_text().strip()
        _call(f"{self.url}/api/v1/teams", "POST", admin, {"name": "livy-users", "proxyUser": "livy-svc"})
        self.token = _call(f"{self.url}/api/v1/tokens", "POST", admin, {"team": "livy-users"})["token"]

    def app_state(self, app_id: str) -> str:
        return json.dumps(_call(f"{self.url}/sim/alpha/rm/ws/v1/cluster/apps/{app_id}/state"))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def yardmaster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Yardmaster]:
    server = Yardmaster(tmp_path_factory.mktemp("yardmaster"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def livy_connection(yardmaster: Yardmaster, monkeypatch: pytest.MonkeyPatch) -> str:
    connection = {
        "conn_type": "livy",
        "host": f"{yardmaster.url}/livy",
        "login": "livy-users",
        "password": yardmaster.token,
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
    batch_id = _await(lambda: op._batch_id, "the batch was submitted")
    _await(lambda: hook().get_batch_state(batch_id) == BatchState.RUNNING, "the batch runs")
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
    _await(lambda: hook().get_batch_state(batch_id) == BatchState.KILLED, "the batch is killed")
    app_id = hook().get_batch(batch_id)["appId"]
    assert app_id, "the app ran before the timeout"
    assert "KILLED" in yardmaster.app_state(app_id)


def test_delete_of_a_finished_batch_answers_json_and_keeps_it(livy_connection: str) -> None:
    ti = LivyTaskInstance(task_id="finished")
    batch_id = run(operator(ti.task_id, deferrable=False, duration="20s"), ti)
    assert hook().delete_batch(batch_id) == {"msg": "deleted"}
    assert hook().get_batch_state(batch_id) == BatchState.SUCCESS


def _await(condition: Any, what: str, seconds: float = 60) -> Any:
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, f"waited {seconds} s for: {what}"
        time.sleep(0.2)
