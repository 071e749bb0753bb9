"""Real Airflow for the tests against the real ``yardmaster.jar``: DAG files of the native operator
in a scratch AIRFLOW_HOME (SQLite), the ``yardmaster_default`` connection to the jar, and the
``airflow`` CLI in subprocesses.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from tests.real_yardmaster import Yardmaster

AIRFLOW = str(Path(sys.executable).parent / "airflow")
HEADER = (
    "from datetime import datetime, timedelta\n"
    "from airflow.sdk import DAG\n"
    "from yardmaster_provider.operators.yardmaster import YardmasterSparkSubmitOperator\n"
    "from yardmaster_provider.sensors.yardmaster import YardmasterJobSensor\n\n"
    "SPARK_PI = 'local:/opt/spark/examples/jars/spark-examples.jar'\n\n"
)


def write_dags(folder: Path, dags: dict[str, str], **dag_kwargs: str) -> None:
    """One file per DAG: ``with DAG(<id>, ...):`` around the body (Python source, dedented)."""
    folder.mkdir(parents=True, exist_ok=True)
    extra = "".join(f", {name}={value}" for name, value in dag_kwargs.items())
    for dag_id, body in dags.items():
        (folder / f"{dag_id}.py").write_text(
            HEADER
            + f"with DAG({dag_id!r}, schedule=None, start_date=datetime(2026, 1, 1), catchup=False{extra}):\n"
            + textwrap.indent(textwrap.dedent(body).strip(), "    ")
            + "\n"
        )


def connection(yardmaster: Yardmaster, token: str) -> str:
    """``yardmaster_default``: the jar's URL, the team token, and the default target (tags ``batch``,
    which the fleet gives to cluster alpha)."""
    return json.dumps(
        {"conn_type": "yardmaster", "host": yardmaster.url, "password": token, "extra": {"tags": ["batch"]}}
    )


def environment(home: Path, yardmaster: Yardmaster, token: str, **config: str) -> dict[str, str]:
    """The environment of every ``airflow`` command of one AIRFLOW_HOME; ``config`` as AIRFLOW__X__Y."""
    return {
        **os.environ,
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(home / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW_CONN_YARDMASTER_DEFAULT": connection(yardmaster, token),
        **{f"AIRFLOW__{key.upper()}": value for key, value in config.items()},
    }


def airflow(env: dict[str, str], *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [AIRFLOW, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def migrate(env: dict[str, str]) -> None:
    for command in (["db", "migrate"], ["dags", "reserialize"]):
        done = airflow(env, *command)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def query(home: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(home / "airflow.db", timeout=30) as db:
        return list(db.execute(sql, args))


def xcoms(home: Path, dag_id: str, key: str, task_id: str | None = None) -> list[Any]:
    rows = query(
        home,
        "SELECT value FROM xcom WHERE dag_id = ? AND key = ? AND task_id = coalesce(?, task_id)"
        " ORDER BY map_index",
        dag_id,
        key,
        task_id,
    )
    return [json.loads(value) for (value,) in rows]
