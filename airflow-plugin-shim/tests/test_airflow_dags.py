"""Real Airflow: DAG files in a scratch AIRFLOW_HOME, run by ``airflow dags test`` (the task runner, the
trigger run inline, XCom and extra links in the metadata database) against the fake Yardmaster.

Marked ``airflow_db``: each DAG run is a subprocess of a few seconds.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import connection_json

pytestmark = pytest.mark.airflow_db
AIRFLOW = str(Path(sys.executable).parent / "airflow")

DAGS = {
    "ym_templated": """
        YardmasterSparkSubmitOperator(
            task_id="pi",
            application="local:/opt/spark/examples/jars/spark-examples.jar",
            java_class="{{ params.main }}",
            application_args=["{{ ds }}", "{{ dag_run.run_id }}"],
            conf={"spark.app.owner": "{{ dag.owner }}"},
            params={"main": "org.apache.spark.examples.SparkPi"},
            wait_seconds=1,
        )
    """,
    "ym_failure": """
        YardmasterSparkSubmitOperator(task_id="pi", application="local:/fails.jar", wait_seconds=1)
    """,
    "ym_mapped": """
        YardmasterSparkSubmitOperator.partial(
            task_id="pi", application="local:/pi.py", wait_seconds=1
        ).expand(application_args=[[str(n)] for n in range(3)])
    """,
    "ym_sync": """
        YardmasterSparkSubmitOperator(
            task_id="pi", application="local:/pi.py", deferrable=False, wait_seconds=1
        )
    """,
}


@pytest.fixture(scope="module")
def airflow_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("airflow-home")
    (home / "dags").mkdir()
    for dag_id, body in DAGS.items():
        (home / "dags" / f"{dag_id}.py").write_text(
            "from datetime import datetime\n"
            "from airflow.sdk import DAG\n"
            "from yardmaster_provider.operators.yardmaster import YardmasterSparkSubmitOperator\n\n"
            f"with DAG({dag_id!r}, schedule=None, start_date=datetime(2026, 1, 1), catchup=False):\n"
            + textwrap.indent(textwrap.dedent(body).strip(), "    ")
            + "\n"
        )
    env = airflow_env(home, url="http://127.0.0.1:9")
    for command in (["db", "migrate"], ["dags", "reserialize"]):
        subprocess.run([AIRFLOW, *command], env=env, check=True, capture_output=True, timeout=300)
    return home


def airflow_env(home: Path, url: str) -> dict[str, str]:
    return {
        **os.environ,
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(home / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW_CONN_YARDMASTER_DEFAULT": connection_json(url),
    }


def dags_test(home: Path, url: str, dag_id: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [AIRFLOW, "dags", "test", dag_id],
        env=airflow_env(home, url),
        capture_output=True,
        text=True,
        timeout=180,
    )


def play_every_job(yardmaster, final: str, seconds: float = 120.0, **fields) -> None:
    """Yardmaster's tracker: each new job runs, then ends in ``final``."""

    def play():
        done: set[str] = set()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for job_id in [job_id for job_id in list(yardmaster.jobs) if job_id not in done]:
                done.add(job_id)
                yardmaster.advance(job_id, "RUNNING")
                yardmaster.advance_later(0.5, job_id, final, **fields)
            time.sleep(0.05)

    threading.Thread(target=play, daemon=True).start()


def xcoms(home: Path, dag_id: str, key: str) -> list:
    with sqlite3.connect(home / "airflow.db") as db:
        rows = db.execute(
            "SELECT value FROM xcom WHERE dag_id = ? AND key = ? ORDER BY map_index", (dag_id, key)
        )
        return [json.loads(value) for (value,) in rows]


def test_a_templated_deferrable_task_succeeds_with_xcom_links_and_log(airflow_home, yardmaster):
    play_every_job(yardmaster, "SUCCEEDED", log=["Pi is roughly 3.14159", "done"])

    run = dags_test(airflow_home, yardmaster.url, "ym_templated")

    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    job = yardmaster.only()
    assert job.request["batch"]["className"] == "org.apache.spark.examples.SparkPi"
    assert job.request["batch"]["args"][0] == "2026-01-01" or job.request["batch"]["args"][0].count("-") == 2
    assert job.request["batch"]["args"][1].startswith("manual__")
    assert job.request["labels"]["dagId"] == "ym_templated"
    (summary,) = xcoms(airflow_home, "ym_templated", "yardmaster_job")
    assert summary["state"] == "SUCCEEDED"
    assert xcoms(airflow_home, "ym_templated", "_link_SparkUiLink") == [summary["spark_ui_url"]]
    assert xcoms(airflow_home, "ym_templated", "_link_YardmasterJobLink") == [summary["job_url"]]
    assert "Pi is roughly 3.14159" in run.stdout + run.stderr


def test_a_spark_failure_fails_the_run(airflow_home, yardmaster):
    play_every_job(yardmaster, "FAILED", diagnostics="User class threw exception: boom")

    run = dags_test(airflow_home, yardmaster.url, "ym_failure")

    output = run.stdout + run.stderr
    assert "state=failed" in output or run.returncode != 0, output[-3000:]
    assert "User class threw exception: boom" in output


def test_mapped_tasks_get_a_job_each(airflow_home, yardmaster):
    play_every_job(yardmaster, "SUCCEEDED")

    run = dags_test(airflow_home, yardmaster.url, "ym_mapped")

    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    jobs = list(yardmaster.jobs.values())
    assert sorted(job.request["labels"]["mapIndex"] for job in jobs) == [0, 1, 2]
    assert len({job.key for job in jobs}) == 3


def test_a_non_deferrable_task_waits_in_the_worker(airflow_home, yardmaster):
    play_every_job(yardmaster, "SUCCEEDED")

    run = dags_test(airflow_home, yardmaster.url, "ym_sync")

    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert xcoms(airflow_home, "ym_sync", "yardmaster_job")[0]["state"] == "SUCCEEDED"
