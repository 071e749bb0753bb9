"""DAGs of the native operator run by real Airflow (``airflow dags test``: the task runner, the trigger
run inline, XCom in the metadata database) against a real ``yardmaster.jar`` on the simulated fleet.
The YARN apps are counted in the simulated ResourceManagers by the tags Yardmaster gives them.

Marked ``airflow_db``: each DAG run is a subprocess of a few seconds. A simulated Spark job of
``20s`` takes one real second (the jar runs 20 times faster than life).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import real_airflow
from tests.real_yardmaster import Yardmaster, call

pytestmark = pytest.mark.airflow_db
LOGICAL_DATE = "2026-03-04"

DAGS = {
    "ym_real_templated": """
        YardmasterSparkSubmitOperator(
            task_id="pi",
            application=SPARK_PI,
            java_class="{{ params.main }}",
            application_args=["{{ ds }}", "{{ dag_run.run_id }}", "{{ params.slices }}"],
            conf={
                "spark.yardmaster.sim.duration": "{{ params.duration }}",
                "spark.app.owner": "{{ dag.owner }}",
            },
            name="pi-{{ ds_nodash }}",
            params={"main": "org.apache.spark.examples.SparkPi", "slices": 7, "duration": "20s"},
            wait_seconds=5,
        )
    """,
    "ym_real_retry": """
        YardmasterSparkSubmitOperator(
            task_id="pi",
            application=SPARK_PI,
            conf={"spark.yardmaster.sim.duration": "20s", "spark.yardmaster.sim.fail": "true"},
            retries=1,
            retry_delay=timedelta(0),
            wait_seconds=5,
        )
    """,
    "ym_real_sensor": """
        submit = YardmasterSparkSubmitOperator(
            task_id="submit",
            application=SPARK_PI,
            conf={"spark.yardmaster.sim.duration": "60s"},
            wait_for_completion=False,
        )
        wait = YardmasterJobSensor(
            task_id="wait",
            job_id="{{ ti.xcom_pull(task_ids='submit', key='yardmaster_job')['job_id'] }}",
            mode="reschedule",
            poke_interval=1,
            timeout=120,
        )
        submit >> wait
    """,
}


@pytest.fixture(scope="module")
def token(real_yardmaster: Yardmaster) -> str:
    return real_yardmaster.team("airflow-dags", "airflow-svc")


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, real_yardmaster: Yardmaster, token: str) -> dict[str, str]:
    home = tmp_path_factory.mktemp("airflow-home")
    real_airflow.write_dags(home / "dags", DAGS)
    env = real_airflow.environment(home, real_yardmaster, token)
    real_airflow.migrate(env)
    return env


def home(env: dict[str, str]) -> Path:
    return Path(env["AIRFLOW_HOME"])


def dags_test(env: dict[str, str], dag_id: str) -> str:
    """Runs the DAG once (for LOGICAL_DATE) and returns its output: the task log goes to stdout."""
    run = real_airflow.airflow(env, "dags", "test", dag_id, LOGICAL_DATE, timeout=180)
    return run.stdout + run.stderr


@pytest.fixture(scope="module")
def templated_run(env: dict[str, str]) -> str:
    return dags_test(env, "ym_real_templated")


def test_a_deferrable_task_succeeds_with_its_summary_links_and_job_log(
    env: dict[str, str], templated_run: str, real_yardmaster: Yardmaster
) -> None:
    (summary,) = real_airflow.xcoms(home(env), "ym_real_templated", "yardmaster_job")
    assert summary["state"] == "SUCCEEDED", templated_run[-3000:]
    assert summary["cluster"] == "alpha"
    (app,) = real_yardmaster.apps(dag="ym_real_templated")
    assert summary["application_id"] == app["id"]
    assert app["finalStatus"] == "SUCCEEDED"
    assert summary["spark_ui_url"].endswith(f"/proxy/{app['id']}/")
    assert real_airflow.xcoms(home(env), "ym_real_templated", "_link_SparkUiLink") == [
        summary["spark_ui_url"]
    ]
    assert real_airflow.xcoms(home(env), "ym_real_templated", "_link_DriverLogLink") == [
        summary["driver_log_url"]
    ]
    assert real_airflow.xcoms(home(env), "ym_real_templated", "_link_YardmasterJobLink") == [
        f"{real_yardmaster.url}/api/v1/jobs/{summary['job_id']}"
    ]
    # The job's log, as Yardmaster serves it, in the task log.
    assert f"YarnClientImpl: Submitted application {app['id']}" in templated_run
    assert f"Log of Yardmaster job {summary['job_id']} (SUCCEEDED)" in templated_run


def test_the_summary_carries_the_jobs_cost_query_which_the_cost_module_answers(
    env: dict[str, str], templated_run: str, real_yardmaster: Yardmaster, token: str
) -> None:
    (summary,) = real_airflow.xcoms(home(env), "ym_real_templated", "yardmaster_job")
    assert summary["cost_url"].startswith(f"{real_yardmaster.url}/api/v1/costs?"), templated_run[-3000:]
    assert f"filter=job%3A{summary['job_id']}" in summary["cost_url"]

    # The cost module answers the query for this job: its team's, filtered to the job.
    answer = call(summary["cost_url"], token=token)
    assert f"job:{summary['job_id']}" in answer["filter"]
    assert answer["currency"] == "USD"
    assert set(answer["totals"]) >= {"cost", "costMicros"}


def test_templated_arguments_reach_the_job(
    env: dict[str, str], templated_run: str, real_yardmaster: Yardmaster, token: str
) -> None:
    (summary,) = real_airflow.xcoms(home(env), "ym_real_templated", "yardmaster_job")
    job = call(f"{real_yardmaster.url}/api/v1/jobs/{summary['job_id']}", token=token)
    batch = job["request"]["batch"]
    assert batch["className"] == "org.apache.spark.examples.SparkPi"
    assert batch["args"][0] == LOGICAL_DATE
    assert batch["args"][1].startswith("manual__")
    assert batch["args"][2] == "7"
    assert batch["name"] == "pi-20260304"
    assert batch["conf"]["spark.yardmaster.sim.duration"] == "20s"
    assert batch["conf"]["spark.app.owner"] == "airflow"
    labels = job["request"]["labels"]
    assert labels["dagId"] == "ym_real_templated"
    assert labels["runId"] == batch["args"][1]


@pytest.fixture(scope="module")
def retried_run(env: dict[str, str]) -> str:
    """A task whose Spark job fails, with one retry: both tries fail (one ``dags test`` for two tests)."""
    return dags_test(env, "ym_real_retry")


def test_a_spark_failure_fails_the_task_with_the_yarn_diagnostics_in_its_log(
    env: dict[str, str], retried_run: str, real_yardmaster: Yardmaster
) -> None:
    assert real_airflow.query(
        home(env), "SELECT state FROM task_instance WHERE dag_id = 'ym_real_retry'"
    ) == [("failed",)], retried_run[-3000:]
    (summary,) = real_airflow.xcoms(home(env), "ym_real_retry", "yardmaster_job")
    assert summary["state"] == "FAILED"
    assert "User class threw exception: java.lang.RuntimeException: simulated failure" in retried_run
    assert "YARN diagnostics:" in retried_run
    assert f"Log of Yardmaster job {summary['job_id']} (FAILED)" in retried_run


def test_a_retry_after_a_spark_failure_runs_a_second_app(
    env: dict[str, str], retried_run: str, real_yardmaster: Yardmaster
) -> None:
    assert real_airflow.query(
        home(env), "SELECT state, try_number FROM task_instance WHERE dag_id = 'ym_real_retry'"
    ) == [("failed", 2)], retried_run[-3000:]
    apps = real_yardmaster.apps(dag="ym_real_retry")
    assert len(apps) == 2
    assert {app["finalStatus"] for app in apps} == {"FAILED"}
    # The second try's job is the task instance's attempt 2, under a key of its own.
    (summary,) = real_airflow.xcoms(home(env), "ym_real_retry", "yardmaster_job")
    assert summary["idempotency_key"].endswith("-a2")
    assert summary["application_id"] in {app["id"] for app in apps}


def test_a_reschedule_sensor_waits_for_the_job_another_task_submitted(
    env: dict[str, str], real_yardmaster: Yardmaster
) -> None:
    output = dags_test(env, "ym_real_sensor")

    states = dict(
        real_airflow.query(
            home(env), "SELECT task_id, state FROM task_instance WHERE dag_id = 'ym_real_sensor'"
        )
    )
    assert states == {"submit": "success", "wait": "success"}, output[-3000:]
    (submitted,) = real_airflow.xcoms(home(env), "ym_real_sensor", "yardmaster_job", task_id="submit")
    (waited,) = real_airflow.xcoms(home(env), "ym_real_sensor", "yardmaster_job", task_id="wait")
    assert submitted["state"] in {"QUEUED", "SUBMITTING", "STARTING", "RUNNING"}
    assert waited["job_id"] == submitted["job_id"]
    assert waited["state"] == "SUCCEEDED"
    # It gave its slot back between pokes: rescheduled at least once, then succeeded.
    reschedules = real_airflow.query(
        home(env),
        "SELECT count(*) FROM task_reschedule JOIN task_instance ON task_instance.id = ti_id"
        " WHERE dag_id = 'ym_real_sensor' AND task_id = 'wait'",
    )
    assert reschedules[0][0] >= 1
    (app,) = real_yardmaster.apps(dag="ym_real_sensor")
    assert app["finalStatus"] == "SUCCEEDED"
