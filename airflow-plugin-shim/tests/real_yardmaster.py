"""A real ``yardmaster.jar`` on its embedded default (the simulated fleet served under ``/sim``), in a
process of its own, for the tests that run against the real thing (the Livy facade, DAGs of the
native operator).

The jar comes from ``app/target/yardmaster.jar`` (``./mvnw package -pl app -am``, or the build of
``infra/local-stack/test.sh``) or ``YM_TEST_YARDMASTER_JAR``; without it these tests fail, they do
not skip.

Besides the process it gives a team and its token (made with the admin token, as an operator of
Yardmaster would) and reads the simulated ResourceManagers, so a test counts the YARN apps a DAG
made: every app carries the tags ``ym-dag-<dag_id>``, ``ym-task-<task_id>``, ``ym-run-<run_id>``
(lower-cased and sanitised, see cluster-manager's ``JobTags``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
JAR = Path(os.environ.get("YM_TEST_YARDMASTER_JAR", REPO / "app" / "target" / "yardmaster.jar"))
CLUSTERS = ("alpha", "beta")  # infra/local-stack/fleet.yml
SPEED_UP = 20  # simulated seconds per real second


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(url: str, method: str = "GET", token: str | None = None, body: Any = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:
        text = response.read().decode()
        return json.loads(text) if text.strip().startswith(("{", "[")) else text


def yarn_tag(prefix: str, value: str) -> str:
    """A tag as Yardmaster writes it into ``spark.yarn.tags`` (JobTags.sanitise, short values)."""
    return re.sub(r"[^a-z0-9\-_.:+=]", "_", f"{prefix}{value}".lower())[:100]


class Yardmaster:
    """A real ``yardmaster.jar`` on the embedded default, in a process of its own."""

    def __init__(self, tmp: Path) -> None:
        if not JAR.is_file():
            pytest.fail(f"{JAR} is missing: build it with ./mvnw -B -ntp package -pl app -am -DskipTests")
        java = shutil.which("java")
        assert java, "java is not on the PATH"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        data = tmp / "data"
        self.log_file = tmp / "yardmaster.log"
        properties = {
            "micronaut.environments": "local",
            "micronaut.server.port": str(self.port),
            "yardmaster.data-dir": str(data),
            "yardmaster.simulator.speed-up": str(SPEED_UP),
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
                if "UP" in json.dumps(call(f"{self.url}/health")):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            assert time.monotonic() < deadline, f"yardmaster.jar did not start in 90 s: see {self.log_file}"
            time.sleep(0.5)
        self.admin_token = (data / "admin-token").read_text().strip()

    def team(self, name: str, proxy_user: str) -> str:
        """Creates a team and returns a token of it (the native API's bearer token, Livy's password)."""
        call(f"{self.url}/api/v1/teams", "POST", self.admin_token, {"name": name, "proxyUser": proxy_user})
        return call(f"{self.url}/api/v1/tokens", "POST", self.admin_token, {"team": name})["token"]

    def app_state(self, app_id: str, cluster: str = "alpha") -> str:
        return json.dumps(call(f"{self.url}/sim/{cluster}/rm/ws/v1/cluster/apps/{app_id}/state"))

    def apps(self, **tags: str) -> list[dict[str, Any]]:
        """The YARN apps of every simulated cluster that carry all the given tags, e.g.
        ``apps(dag="nightly", task="pi")`` for ``ym-dag-nightly`` and ``ym-task-pi``."""
        wanted = [yarn_tag(f"ym-{kind}-", value) for kind, value in tags.items()]
        found = []
        for cluster in CLUSTERS:
            query = urllib.parse.urlencode({"applicationTags": wanted[0]}) if wanted else ""
            answer = call(f"{self.url}/sim/{cluster}/rm/ws/v1/cluster/apps?{query}")
            for app in (answer.get("apps") or {}).get("app") or []:
                app_tags = set((app.get("applicationTags") or "").split(","))
                if all(tag in app_tags for tag in wanted):
                    found.append({**app, "cluster": cluster})
        return found

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def await_value(condition: Callable[[], Any], what: str, seconds: float = 60) -> Any:
    """Polls ``condition`` until it gives a truthy value (a real process moves at its own pace)."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, f"waited {seconds} s for: {what}"
        time.sleep(0.2)
