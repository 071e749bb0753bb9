"""A running Airflow 3.3 in a scratch AIRFLOW_HOME: api-server (the REST and execution APIs),
scheduler with the LocalExecutor, and a triggerer, on SQLite (Airflow 3 allows it with the
LocalExecutor). DAGs are serialized by ``airflow dags reserialize`` before the start, so no
dag-processor is needed while they do not change.

Users act on it as they would from the UI: through the REST API (``[core]
simple_auth_manager_all_admins``, so no login). Every process is started here in a session of its
own, and ``stop`` ends those sessions (the scheduler's executor workers and task processes with them).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from tests import real_airflow
from tests.real_yardmaster import Yardmaster, await_value, free_port

PROCESSES = {
    "api-server": ["api-server", "--host", "127.0.0.1"],
    "scheduler": ["scheduler"],
    "triggerer": ["triggerer"],
}


class AirflowStack:
    def __init__(self, home: Path, yardmaster: Yardmaster, token: str, dags: dict[str, str]) -> None:
        self.home = home
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        real_airflow.write_dags(home / "dags", dags)
        self.env = real_airflow.environment(
            home,
            yardmaster,
            token,
            core__executor="LocalExecutor",
            core__parallelism="8",
            core__max_active_tasks_per_dag="256",
            core__dags_are_paused_at_creation="False",
            core__execution_api_server_url=f"{self.url}/execution/",
            core__simple_auth_manager_all_admins="True",
            api__port=str(port),
            api__base_url=self.url,
            api__workers="1",
            api_auth__jwt_secret="yardmaster-tests-only",
            scheduler__scheduler_heartbeat_sec="1",
            scheduler__task_queued_timeout="600",
            triggerer__job_heartbeat_sec="1",
            logging__base_log_folder=str(home / "logs"),
            # The scheduler's and the triggerer's log servers, off their fixed defaults (8793, 8794).
            logging__worker_log_server_port=str(free_port()),
            logging__trigger_log_server_port=str(free_port()),
        )
        real_airflow.migrate(self.env)
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        for name in PROCESSES:
            self.start(name)
        await_value(self._healthy, "api-server, scheduler and triggerer report healthy", 120)

    def start(self, name: str) -> None:
        """Starts one of the processes (again, after ``end``), its output appended to ``<name>.log``."""
        with open(self.home / f"{name}.log", "ab") as log:
            self.processes[name] = subprocess.Popen(
                [real_airflow.AIRFLOW, *PROCESSES[name]],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def end(self, name: str) -> None:
        """Stops one process as its service manager would (SIGTERM, then SIGKILL after 15 s).

        Not SIGSTOP: a process frozen inside an SQLite write would lock every other one out."""
        process = self.processes[name]
        _signal_session(process, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            _signal_session(process, signal.SIGKILL)
            process.wait()

    def _healthy(self) -> bool:
        for name, process in self.processes.items():
            assert process.poll() is None, f"airflow {name} exited: see {self.home / (name + '.log')}"
        try:
            health = self.api("GET", "/api/v2/monitor/health")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False
        return all((health.get(part) or {}).get("status") == "healthy" for part in ("scheduler", "triggerer"))

    def api(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}{path}", data=data, method=method)
        request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{method} {path}: {error.code} {error.read().decode()[:2000]}") from None

    def trigger(self, dag_id: str) -> str:
        return self.api("POST", f"/api/v2/dags/{dag_id}/dagRuns", {"logical_date": None})["dag_run_id"]

    def task_instance(self, dag_id: str, run_id: str, task_id: str) -> dict[str, Any]:
        return self.api("GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}/taskInstances/{task_id}")

    def mark(self, dag_id: str, run_id: str, task_id: str, state: str) -> None:
        """What "Mark as failed / success" in the UI sends."""
        self.api(
            "PATCH", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}/taskInstances/{task_id}", {"new_state": state}
        )

    def clear(self, dag_id: str, run_id: str, task_id: str) -> None:
        """What "Clear" on a task in the UI sends (a running or deferred task included)."""
        self.api(
            "POST",
            f"/api/v2/dags/{dag_id}/clearTaskInstances",
            {"dry_run": False, "dag_run_id": run_id, "task_ids": [task_id], "only_failed": False},
        )

    def run_state(self, dag_id: str, run_id: str) -> str:
        return self.api("GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}")["state"]

    def await_run(self, dag_id: str, run_id: str, seconds: float) -> str:
        return await_value(
            lambda: (state := self.run_state(dag_id, run_id)) in ("success", "failed") and state,
            f"DAG run {dag_id}/{run_id} ends (see {self.home}/*.log)",
            seconds,
        )

    def task_log(self, dag_id: str, run_id: str, task_id: str, try_number: int) -> str:
        return self._log_file(dag_id, run_id, task_id, try_number).read_text(errors="replace")

    def trigger_log(self, dag_id: str, run_id: str, task_id: str, try_number: int) -> str:
        """What the try's triggers logged (the triggerer writes ``attempt=N.log.trigger.<job>.log``)."""
        attempt = self._log_file(dag_id, run_id, task_id, try_number)
        return "".join(
            path.read_text(errors="replace") for path in attempt.parent.glob(f"{attempt.name}.trigger.*.log")
        )

    def _log_file(self, dag_id: str, run_id: str, task_id: str, try_number: int) -> Path:
        folder = self.home / "logs" / f"dag_id={dag_id}" / f"run_id={run_id}" / f"task_id={task_id}"
        return folder / f"attempt={try_number}.log"

    def log(self, name: str) -> str:
        return (self.home / f"{name}.log").read_text(errors="replace")

    def stop(self) -> None:
        for process in self.processes.values():
            _signal_session(process, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process in self.processes.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            _signal_session(process, signal.SIGKILL)
            process.wait()


def _signal_session(process: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)  # the session this module started the process in


def worker_pid(ti_id: str) -> int | None:
    """The task process running a task instance (the Task SDK titles it ``airflow worker -- <ti id>``)."""
    title = f"airflow worker -- {ti_id}".encode()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "cmdline").read_bytes().startswith(title):
                    return int(entry.name)
            except OSError:
                continue
    return None
