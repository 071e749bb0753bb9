"""DAGs of the native operator in a running Airflow (api-server, scheduler with the LocalExecutor,
triggerer: tests/airflow_stack.py) against a real ``yardmaster.jar``: what needs the real processes
rather than ``airflow dags test``:

- a deferred task marked failed: the triggerer cancels its trigger and calls ``on_kill``, which
  kills the job, and the app ends KILLED in YARN;
- a task waiting in the worker marked failed: the supervisor stops the task, whose ``on_kill``
  kills the job;
- a deferred task marked failed while the triggerer is down, so no trigger runs: the
  provider's listener in the api-server kills the job (listener.py);
- a deferred task cleared while the triggerer is down: the cleared task's next try kills the old
  job before it submits its own (resolve.py);
- a worker killed with SIGKILL mid-run, then the scheduler's retry: one YARN app;
- 200 mapped tasks: a job and an app each. They wait in the worker (``deferrable=False``): a
  deferrable task runs twice in a worker (submit, then resume), and 400 task processes are more
  than two cores do in the few minutes this may take. Deferral is covered by the kill above and by
  tests/test_real_dags.py;
- 20 mapped deferred tasks of one-second jobs: each succeeds. Without the trigger's hold
  (``min_defer_seconds``) some meet a race of Airflow 3.3.2's scheduler (apache/airflow#72716):
  the trigger resumes the task before the scheduler has read the deferring try's exit, whose
  "success" then fails the resumed try as a state mismatch.

Marked ``airflow_stack``: the processes take half a minute to start, and the module shares them.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest

from tests.airflow_stack import AirflowStack, worker_pid
from tests.real_yardmaster import Yardmaster, await_value

pytestmark = [pytest.mark.airflow_db, pytest.mark.airflow_stack]
MAPPED = 200
SHORT = 20

DAGS = {
    "ym_stack_killed": """
        YardmasterSparkSubmitOperator(
            task_id="pi",
            application=SPARK_PI,
            conf={"spark.yardmaster.sim.duration": "2h"},
            wait_seconds=30,
        )
    """,
    "ym_stack_killed_sync": """
        YardmasterSparkSubmitOperator(
            task_id="pi",
            application=SPARK_PI,
            conf={"spark.yardmaster.sim.duration": "2h"},
            deferrable=False,
            wait_seconds=30,
        )
    """,
    "ym_stack_orphan": """
        YardmasterSparkSubmitOperator(
            task_id="pi",
            application=SPARK_PI,
            conf={"spark.yardmaster.sim.duration": "2h"},
            wait_seconds=30,
        )
    """,
    "ym_stack_cleared": """
        YardmasterSparkSubmitOperator(
            task_id="pi",
            application=SPARK_PI,
            conf={"spark.yardmaster.sim.duration": "2h"},
            wait_seconds=30,
        )
    """,
    "ym_stack_crash": """
        YardmasterSparkSubmitOperator(
            task_id="pi",
            application=SPARK_PI,
            conf={"spark.yardmaster.sim.duration": "240s"},
            deferrable=False,
            retries=1,
            retry_delay=timedelta(0),
            wait_seconds=5,
        )
    """,
    "ym_stack_short": f"""
        YardmasterSparkSubmitOperator.partial(
            task_id="pi",
            application=SPARK_PI,
            conf={{"spark.yardmaster.sim.duration": "1s"}},
            driver_memory="1g",
            num_executors=1,
            executor_memory="1g",
            wait_seconds=30,
        ).expand(application_args=[[str(n)] for n in range({SHORT})])
    """,
    "ym_stack_mapped": f"""
        YardmasterSparkSubmitOperator.partial(
            task_id="pi",
            application=SPARK_PI,
            conf={{"spark.yardmaster.sim.duration": "20s"}},
            deferrable=False,
            driver_memory="1g",
            num_executors=1,
            executor_memory="1g",
            target={{"tags": ["spark3"]}},
            wait_seconds=30,
        ).expand(application_args=[[str(n)] for n in range({MAPPED})])
    """,
}


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, real_yardmaster: Yardmaster) -> Iterator[AirflowStack]:
    token = real_yardmaster.team("airflow-stack", "airflow-svc")
    airflow = AirflowStack(tmp_path_factory.mktemp("airflow-stack"), real_yardmaster, token, DAGS)
    try:
        yield airflow
    finally:
        airflow.stop()


def running_app(yardmaster: Yardmaster, dag_id: str) -> dict:
    apps = yardmaster.apps(dag=dag_id)
    return apps[0] if len(apps) == 1 and apps[0]["state"] == "RUNNING" else {}


def test_marking_a_deferred_task_failed_kills_its_app_through_the_triggers_on_kill(
    stack: AirflowStack, real_yardmaster: Yardmaster
) -> None:
    run_id = stack.trigger("ym_stack_killed")
    app = await_value(lambda: running_app(real_yardmaster, "ym_stack_killed"), "the app runs in YARN", 120)
    # The triggerer follows the job: its trigger logged the job's state (into the task's log).
    await_value(
        lambda: "is RUNNING" in stack.trigger_log("ym_stack_killed", run_id, "pi", 1),
        "the triggerer runs the trigger",
        120,
    )

    stack.mark("ym_stack_killed", run_id, "pi", "failed")

    await_value(
        lambda: "KILLED" in real_yardmaster.app_state(app["id"], app["cluster"]),
        "the app is KILLED in YARN",
        60,
    )
    assert "Task killed while deferred: killing Yardmaster job" in stack.trigger_log(
        "ym_stack_killed", run_id, "pi", 1
    )
    assert stack.task_instance("ym_stack_killed", run_id, "pi")["state"] == "failed"


def test_marking_a_task_that_waits_in_the_worker_failed_kills_its_app_through_on_kill(
    stack: AirflowStack, real_yardmaster: Yardmaster
) -> None:
    run_id = stack.trigger("ym_stack_killed_sync")
    app = await_value(
        lambda: running_app(real_yardmaster, "ym_stack_killed_sync"), "the app runs in YARN", 120
    )
    await_value(
        lambda: stack.task_instance("ym_stack_killed_sync", run_id, "pi")["state"] == "running",
        "the task runs",
        60,
    )

    stack.mark("ym_stack_killed_sync", run_id, "pi", "failed")

    await_value(
        lambda: "KILLED" in real_yardmaster.app_state(app["id"], app["cluster"]),
        "the app is KILLED in YARN",
        60,
    )
    assert "Killing Yardmaster job" in stack.task_log("ym_stack_killed_sync", run_id, "pi", 1)


def test_marking_a_deferred_task_failed_while_no_triggerer_runs_it_kills_its_app_through_the_listener(
    stack: AirflowStack, real_yardmaster: Yardmaster
) -> None:
    stack.end("triggerer")  # down: the trigger is never run, so no trigger on_kill either
    try:
        run_id = stack.trigger("ym_stack_orphan")
        app = await_value(
            lambda: running_app(real_yardmaster, "ym_stack_orphan"), "the app runs in YARN", 120
        )
        await_value(
            lambda: stack.task_instance("ym_stack_orphan", run_id, "pi")["state"] == "deferred",
            "the task defers",
            60,
        )

        stack.mark("ym_stack_orphan", run_id, "pi", "failed")

        await_value(
            lambda: "KILLED" in real_yardmaster.app_state(app["id"], app["cluster"]),
            "the app is KILLED in YARN",
            90,
        )
    finally:
        stack.start("triggerer")
    assert "Task marked failed: killing Yardmaster job" in stack.log("api-server")
    assert [found["id"] for found in real_yardmaster.apps(dag="ym_stack_orphan")] == [app["id"]]


def test_clearing_a_deferred_task_while_no_triggerer_runs_it_kills_the_old_app_before_the_new_run(
    stack: AirflowStack, real_yardmaster: Yardmaster
) -> None:
    dag_id = "ym_stack_cleared"
    stack.end("triggerer")  # no trigger runs, so none is killed: the clear alone says nothing to the job
    try:
        run_id = stack.trigger(dag_id)
        first = await_value(lambda: running_app(real_yardmaster, dag_id), "the app runs in YARN", 120)
        await_value(
            lambda: stack.task_instance(dag_id, run_id, "pi")["state"] == "deferred", "the task defers", 60
        )

        stack.clear(dag_id, run_id, "pi")

        await_value(
            lambda: "KILLED" in real_yardmaster.app_state(first["id"], first["cluster"]),
            "the first app is KILLED in YARN",
            120,
        )
        second = await_value(
            lambda: next((app for app in real_yardmaster.apps(dag=dag_id) if app["id"] != first["id"]), None),
            "the cleared task runs again: a second app",
            120,
        )
    finally:
        stack.start("triggerer")
    assert "The task was cleared while" in stack.task_log(dag_id, run_id, "pi", 2)
    assert len(real_yardmaster.apps(dag=dag_id)) == 2

    stack.mark(dag_id, run_id, "pi", "failed")  # and the second goes the way of the first
    await_value(
        lambda: "KILLED" in real_yardmaster.app_state(second["id"], second["cluster"]),
        "the second app is KILLED in YARN",
        90,
    )


def test_a_retry_after_the_worker_is_killed_reattaches_to_the_running_app(
    stack: AirflowStack, real_yardmaster: Yardmaster
) -> None:
    run_id = stack.trigger("ym_stack_crash")
    app = await_value(lambda: running_app(real_yardmaster, "ym_stack_crash"), "the app runs in YARN", 120)
    ti_id = stack.task_instance("ym_stack_crash", run_id, "pi")["id"]
    pid = await_value(lambda: worker_pid(ti_id), "the task's worker process", 30)

    os.kill(pid, signal.SIGKILL)

    assert stack.await_run("ym_stack_crash", run_id, 180) == "success"
    ti = stack.task_instance("ym_stack_crash", run_id, "pi")
    assert ti["try_number"] == 2
    assert [found["id"] for found in real_yardmaster.apps(dag="ym_stack_crash")] == [app["id"]]
    assert "Reattached to" in stack.task_log("ym_stack_crash", run_id, "pi", 2)


def test_deferred_one_second_jobs_all_succeed_despite_the_schedulers_race(
    stack: AirflowStack, real_yardmaster: Yardmaster
) -> None:
    # Without the trigger's hold (min_defer_seconds=0) 3 of these 20 failed in one run: the
    # scheduler read the deferring try's exit after the resumed try had started ("state mismatch").
    run_id = stack.trigger("ym_stack_short")

    assert stack.await_run("ym_stack_short", run_id, 300) == "success"
    apps = real_yardmaster.apps(dag="ym_stack_short")
    assert len(apps) == SHORT
    assert {app["finalStatus"] for app in apps} == {"SUCCEEDED"}


def test_200_mapped_tasks_get_a_job_and_an_app_each(stack: AirflowStack, real_yardmaster: Yardmaster) -> None:
    run_id = stack.trigger("ym_stack_mapped")

    # About 3 minutes on two busy cores; the limit leaves room for a machine busier still.
    assert stack.await_run("ym_stack_mapped", run_id, 480) == "success"
    apps = real_yardmaster.apps(dag="ym_stack_mapped")
    assert len(apps) == MAPPED
    assert {app["finalStatus"] for app in apps} == {"SUCCEEDED"}
    assert len({app["name"] for app in apps}) == MAPPED  # one Yardmaster job (ym-job-<id>) each
